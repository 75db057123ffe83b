/**
 * The container of a single-file backup: a plain POSIX tar (ustar), which any
 * archive tool (7-Zip, tar) can open, written and read as a stream so a
 * backup of several gigabytes never sits in memory. Only regular files, names
 * up to 100 bytes (ASCII), sizes up to 8 GB: what the backup writes.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';

const BLOCK = 512;
const CHUNK = 1 << 20;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new Error(`tar: name not storable: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 'ascii');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

/** Appends files to a tar file; `finish` writes the end blocks and fsyncs. */
export class TarWriter {
  private readonly fd: number;
  private pos = 0;

  constructor(file: string) {
    this.fd = fs.openSync(file, 'wx');
  }

  private write(buf: Uint8Array) {
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off, buf.length - off, this.pos + off);
    this.pos += buf.length;
  }

  /** Adds bytes under `name`; returns their sha256. */
  addBytes(name: string, bytes: Uint8Array): string {
    this.write(header(name, bytes.length, Date.now()));
    this.write(bytes);
    this.pad(bytes.length);
    return createHash('sha256').update(bytes).digest('hex');
  }

  /** Copies a file in under `name` a chunk at a time; returns the sha256 and size of what was copied. */
  async addFile(name: string, file: string): Promise<{ sha256: string; size: number }> {
    const src = fs.openSync(file, 'r');
    try {
      const { size, mtimeMs } = fs.fstatSync(src);
      this.write(header(name, size, mtimeMs));
      const hash = createHash('sha256');
      const buf = Buffer.allocUnsafe(CHUNK);
      let done = 0;
      while (done < size) {
        const n = fs.readSync(src, buf, 0, Math.min(CHUNK, size - done), done);
        if (n === 0) throw new Error(`tar: ${file} shrank while being copied`);
        hash.update(buf.subarray(0, n));
        this.write(buf.subarray(0, n));
        done += n;
        // let the event loop breathe between megabytes of a large file
        if (done % (16 * CHUNK) === 0) await new Promise((r) => setImmediate(r));
      }
      this.pad(size);
      return { sha256: hash.digest('hex'), size };
    } finally {
      fs.closeSync(src);
    }
  }

  private pad(size: number) {
    const rest = size % BLOCK;
    if (rest) this.write(Buffer.alloc(BLOCK - rest, 0));
  }

  finish() {
    this.write(Buffer.alloc(BLOCK * 2, 0));
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }

  abort() {
    fs.closeSync(this.fd);
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Offset of the content in the file. */
  offset: number;
}

const isZero = (b: Buffer) => b.every((x) => x === 0);

/** Reads exactly `buf.length` bytes at `pos`; throws when the file ends first. */
function readAt(fd: number, buf: Buffer, pos: number) {
  let done = 0;
  while (done < buf.length) {
    const n = fs.readSync(fd, buf, done, buf.length - done, pos + done);
    if (n === 0) throw new Error('tar: truncated');
    done += n;
  }
}

/**
 * The entries of a tar file (an open descriptor), from its headers (content is
 * not read). Throws on anything malformed. Strict about what TarWriter writes,
 * so that no byte but the contents' goes unchecked: each header's checksum
 * field must be octal digits ended by NUL or space (the only bytes the header
 * checksum does not cover), the padding after each entry and both end blocks
 * must be zeros.
 */
export function tarEntries(fd: number): TarEntry[] {
  const total = fs.fstatSync(fd).size;
  const h = Buffer.alloc(BLOCK);
  const out: TarEntry[] = [];
  let pos = 0;
  while (pos + BLOCK <= total) {
    readAt(fd, h, pos);
    if (isZero(h)) {
      if (pos + 2 * BLOCK > total) throw new Error('tar: missing end blocks');
      readAt(fd, h, pos + BLOCK);
      if (!isZero(h)) throw new Error('tar: damaged end blocks');
      return out;
    }
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
    const field = h.toString('latin1', 148, 156);
    if (!/^ *[0-7]{1,7}[\0 ]*$/.test(field)) throw new Error('tar: bad header checksum');
    const stored = parseInt(field.replace(/[\0 ]/g, ''), 8);
    if (stored !== sum) throw new Error('tar: bad header checksum');
    const name = h.toString('ascii', 0, 100).replace(/\0.*$/s, '');
    const size = parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim(), 8);
    const type = h.toString('ascii', 156, 157);
    if (!Number.isSafeInteger(size) || size < 0) throw new Error('tar: bad size');
    if (type !== '0' && type !== '\0') throw new Error(`tar: unexpected entry type ${JSON.stringify(type)}`);
    const offset = pos + BLOCK;
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (offset + padded > total) throw new Error('tar: truncated');
    if (padded > size) {
      const pad = Buffer.alloc(padded - size);
      readAt(fd, pad, offset + size);
      if (!isZero(pad)) throw new Error(`tar: damaged padding after ${name}`);
    }
    out.push({ name, size, offset });
    pos = offset + padded;
  }
  throw new Error('tar: missing end blocks');
}

/** Reads an entry's bytes (for small ones: the manifest). */
export function readEntry(fd: number, e: TarEntry): Buffer {
  const buf = Buffer.alloc(e.size);
  readAt(fd, buf, e.offset);
  return buf;
}

/** Streams an entry's bytes through sha256, and into `dest` when given; returns the sha256. */
export async function copyEntry(src: number, e: TarEntry, dest: string | null): Promise<string> {
  const out = dest ? fs.openSync(dest, 'wx') : null;
  try {
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(CHUNK);
    let done = 0;
    while (done < e.size) {
      const n = fs.readSync(src, buf, 0, Math.min(CHUNK, e.size - done), e.offset + done);
      if (n === 0) throw new Error('tar: truncated');
      hash.update(buf.subarray(0, n));
      if (out !== null) {
        let w = 0;
        while (w < n) w += fs.writeSync(out, buf, w, n - w);
      }
      done += n;
      if (done % (16 * CHUNK) === 0) await new Promise((r) => setImmediate(r));
    }
    if (out !== null) fs.fsyncSync(out);
    return hash.digest('hex');
  } finally {
    if (out !== null) fs.closeSync(out);
  }
}
