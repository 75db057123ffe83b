/**
 * Password hashing with scrypt (node:crypto): a random 16-byte salt, N = 2^15,
 * r = 8, p = 1, a 32-byte key; about 0.1 s on a desktop CPU and 32 MiB of
 * memory per try. The parameters are stored with the hash, so a later version
 * may raise them and still read today's hashes.
 */
import crypto from 'node:crypto';

interface Params {
  /** log2 of N */
  ln: number;
  r: number;
  p: number;
}

export const SCRYPT_PARAMS: Params = { ln: 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, { ln, r, p }: Params): Promise<Buffer> {
  const N = 2 ** ln;
  // scrypt needs 128·N·r bytes; node's default ceiling (32 MiB) is just too low for N = 2^15, r = 8.
  const maxmem = 2 * 128 * N * r;
  return new Promise((resolve, reject) =>
    crypto.scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/** `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding, as PHC strings write them). */
export async function hashPassword(password: string, params: Params = SCRYPT_PARAMS): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, KEY_BYTES, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{16,})$/;

/** Whether the password gives the stored hash; a hash this version cannot read never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored);
  if (!m) return false;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await scrypt(password, Buffer.from(m[4]!, 'base64url'), expected.length, { ln, r, p });
  return crypto.timingSafeEqual(key, expected);
}
