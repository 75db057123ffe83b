/**
 * A small ICC v2 sRGB display profile (matrix/TRC), for the OutputIntent of the
 * PDF/A copies (./pdfa.ts). No npm package ships an sRGB profile under a licence
 * we could bundle (the registries here have parsers such as `icc`, used by the
 * tests, but no profile), and the system ones (ghostscript's, colord's) are not
 * on a user's Windows PC; the profile is ~1 KB, so it is built here.
 *
 * Layout, ICC.1:2001-04 (version 2.4) §6: a 128-byte header, the tag count and
 * table (signature, offset, size; 12 bytes each), then the tag data, each on a
 * 4-byte boundary. A three-component matrix-based display profile ('mntr',
 * 'RGB ', PCS 'XYZ ') needs §6.3.1.2's tags: desc, wtpt, rXYZ/gXYZ/bXYZ,
 * rTRC/gTRC/bTRC, and cprt (§6.3.1).
 *
 * Values (IEC 61966-2-1 sRGB, as in the widely used "sRGB IEC61966-2.1" v2 profile):
 *  - media white point: D65, XYZ 0.9505 1.0000 1.0891;
 *  - colorants adapted to the D50 PCS (Bradford): R 0.4361 0.2225 0.0139,
 *    G 0.3851 0.7169 0.0971, B 0.1431 0.0606 0.7141;
 *  - tone curve: the IEC 61966-2-1 piecewise function (linear below 0.04045,
 *    ((c + 0.055) / 1.055)^2.4 above), sampled at 256 points in a curveType
 *    ('curv'), one table shared by the three TRC tags (tags may share data, §6.2).
 */

/** s15Fixed16Number (ICC §5.3.5). */
const s15f16 = (x: number) => Math.round(x * 65536);

const ascii = (s: string) => Buffer.from(s, 'latin1');

function xyzTag(x: number, y: number, z: number): Buffer {
  const b = Buffer.alloc(20);
  b.write('XYZ ', 0, 'latin1');
  b.writeInt32BE(s15f16(x), 8);
  b.writeInt32BE(s15f16(y), 12);
  b.writeInt32BE(s15f16(z), 16);
  return b;
}

/** textDescriptionType (§6.5.17): ASCII part, empty Unicode and ScriptCode parts. */
function descTag(text: string): Buffer {
  const t = ascii(`${text}\0`);
  const b = Buffer.alloc(12 + t.length + 4 + 4 + 2 + 1 + 67);
  b.write('desc', 0, 'latin1');
  b.writeUInt32BE(t.length, 8);
  t.copy(b, 12);
  return b;
}

/** textType (§6.5.18). */
function textTag(text: string): Buffer {
  const t = ascii(`${text}\0`);
  const b = Buffer.alloc(8 + t.length);
  b.write('text', 0, 'latin1');
  t.copy(b, 8);
  return b;
}

/** The sRGB tone curve as curveType (§6.5.3), `n` samples of 0..65535. */
function srgbCurve(n = 256): Buffer {
  const b = Buffer.alloc(12 + 2 * n);
  b.write('curv', 0, 'latin1');
  b.writeUInt32BE(n, 8);
  for (let i = 0; i < n; i++) {
    const c = i / (n - 1);
    const linear = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    b.writeUInt16BE(Math.round(linear * 65535), 12 + 2 * i);
  }
  return b;
}

let cached: Buffer | null = null;

/** The profile's bytes (built once). */
export function srgbIccProfile(): Buffer {
  if (cached) return cached;
  const curve = srgbCurve();
  const tags: [string, Buffer][] = [
    ['desc', descTag('sRGB IEC61966-2.1')],
    ['cprt', textTag('No copyright, use freely')],
    ['wtpt', xyzTag(0.9505, 1.0, 1.0891)],
    ['rXYZ', xyzTag(0.4361, 0.2225, 0.0139)],
    ['gXYZ', xyzTag(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyzTag(0.1431, 0.0606, 0.7141)],
    ['rTRC', curve],
    ['gTRC', curve],
    ['bTRC', curve],
  ];
  const pad4 = (n: number) => (n + 3) & ~3;
  const tableEnd = 128 + 4 + 12 * tags.length;
  const table = Buffer.alloc(4 + 12 * tags.length);
  table.writeUInt32BE(tags.length, 0);
  const data: Buffer[] = [];
  const placed = new Map<Buffer, number>();
  let at = tableEnd;
  tags.forEach(([sig, body], i) => {
    let offset = placed.get(body);
    if (offset === undefined) {
      offset = at;
      placed.set(body, at);
      const padded = Buffer.alloc(pad4(body.length));
      body.copy(padded);
      data.push(padded);
      at += padded.length;
    }
    table.write(sig, 4 + 12 * i, 'latin1');
    table.writeUInt32BE(offset, 8 + 12 * i);
    table.writeUInt32BE(body.length, 12 + 12 * i);
  });

  const header = Buffer.alloc(128);
  header.writeUInt32BE(at, 0); // profile size
  header.writeUInt32BE(0x02100000, 8); // version 2.1.0
  header.write('mntr', 12, 'latin1'); // device class: display
  header.write('RGB ', 16, 'latin1'); // data colour space
  header.write('XYZ ', 20, 'latin1'); // profile connection space
  [2026, 1, 1, 0, 0, 0].forEach((n, i) => header.writeUInt16BE(n, 24 + 2 * i)); // creation date (fixed: the bytes never change)
  header.write('acsp', 36, 'latin1'); // profile file signature
  header.writeUInt32BE(0, 64); // rendering intent: perceptual
  // PCS illuminant D50 (§6.1.11): 0.9642, 1.0, 0.8249
  header.writeInt32BE(s15f16(0.9642), 68);
  header.writeInt32BE(s15f16(1.0), 72);
  header.writeInt32BE(s15f16(0.8249), 76);
  cached = Buffer.concat([header, table, ...data]);
  return cached;
}
