/**
 * The container of a single-file backup: a plain POSIX tar (ustar), which any
 * archive tool (7-Zip, tar) can open, written and read as a stream so a
 * backup of several gigabytes never sits in memory. Only regular files, names
 * up to 100 bytes (ASCII), sizes up to 8 GB: what the backup writes.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { openRegularFile } from '../files.js';

/** Every read of a backup file opens it this way: a regular file only, never blocking (a FIFO named *.ledgerbak). */
const openBackup = (file: string) => openRegularFile(file, { code: 'BACKUP_INVALID', what: '备份文件' });

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

/** The entries of a tar file, from its headers (content is not read). Throws on anything malformed. */
export function tarEntries(file: string): TarEntry[] {
  const fd = openBackup(file);
  try {
    const total = fs.fstatSync(fd).size;
    const h = Buffer.alloc(BLOCK);
    const out: TarEntry[] = [];
    let pos = 0;
    while (pos + BLOCK <= total) {
      if (fs.readSync(fd, h, 0, BLOCK, pos) !== BLOCK) throw new Error('tar: short header');
      if (h.every((b) => b === 0)) return out;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      const stored = parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8);
      if (stored !== sum) throw new Error('tar: bad header checksum');
      const name = h.toString('ascii', 0, 100).replace(/\0.*$/s, '');
      const size = parseInt(h.toString('ascii', 124, 136).replace(/\0.*$/s, '').trim(), 8);
      const type = h.toString('ascii', 156, 157);
      if (!Number.isSafeInteger(size) || size < 0) throw new Error('tar: bad size');
      if (type !== '0' && type !== '\0') throw new Error(`tar: unexpected entry type ${JSON.stringify(type)}`);
      const offset = pos + BLOCK;
      if (offset + size > total) throw new Error('tar: truncated');
      out.push({ name, size, offset });
      pos = offset + Math.ceil(size / BLOCK) * BLOCK;
    }
    throw new Error('tar: missing end blocks');
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads an entry's bytes (for small ones: the manifest). */
export function readEntry(file: string, e: TarEntry): Buffer {
  const fd = openBackup(file);
  try {
    const buf = Buffer.alloc(e.size);
    let done = 0;
    while (done < e.size) {
      const n = fs.readSync(fd, buf, done, e.size - done, e.offset + done);
      if (n === 0) throw new Error('tar: truncated');
      done += n;
    }
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

/** Streams an entry's bytes through sha256, and into `dest` when given; returns the sha256. */
export async function copyEntry(file: string, e: TarEntry, dest: string | null): Promise<string> {
  const src = openBackup(file);
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
    fs.closeSync(src);
    if (out !== null) fs.closeSync(out);
  }
}
