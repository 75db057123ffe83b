/**
 * Reads back what the archive needs from a finished PDF: how many pages it has and on
 * which page each named destination (an HTML element that was the target of an internal
 * link, `<a href="#j3">` → `id="j3"`) lies. Plain Node, no dependencies.
 *
 * Not a general PDF reader. It finds every indirect object by scanning the file from the
 * start (skipping stream bodies), so it needs no cross-reference table and does not care
 * whether that table is classic or a /XRef stream; later definitions of an object number
 * win, as with incremental updates. Objects inside /Type /ObjStm streams (Flate or
 * uncompressed) are read too. The page order is the depth-first order of the /Pages tree
 * from the catalog; destinations come from the catalog's /Dests dictionary (PDF 1.1
 * style, what Chromium writes) and from the /Names → /Dests name tree (strings as keys).
 *
 * Names are returned as the PDF spells them (after #xx and string escapes). Chromium names a
 * destination after the link's URL fragment, so an id outside [A-Za-z0-9_.-] comes back
 * percent-encoded (id="件 4" → "%E4%BB%B6%204"): give the 件 plain ASCII ids such as j1, j2.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfKeyword;

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  constructor(readonly bytes: Buffer) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfKeyword {
  constructor(readonly word: string) {}
}
export class PdfDict {
  constructor(readonly map: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
}

interface PdfObject {
  value: PdfValue;
  /** Raw (still encoded) stream bytes, when the object is a stream. */
  stream?: Buffer;
}

export class PdfStructureError extends Error {
  constructor(message: string) {
    super(`PDF 结构无法读取：${message}`);
    this.name = 'PdfStructureError';
  }
}

/** Each byte's class, looked up rather than hashed: the parser asks it of every byte. */
const CLASS = new Uint8Array(256);
const SPACE = 1;
const DELIMITER = 2;
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = SPACE;
for (const c of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[c] = DELIMITER;
const WS = { has: (c: number) => CLASS[c] === SPACE };
const DELIM = { has: (c: number) => CLASS[c] === DELIMITER };

const isRegular = (c: number) => CLASS[c] === 0;
const hexVal = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1);

/** A tokenizer and object parser over a byte buffer. */
export class Parser {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start = 0,
  ) {
    this.pos = start;
  }

  skipWs(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (WS.has(c)) this.pos++;
      else if (c === 0x25) {
        // comment to end of line
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  private fail(what: string): never {
    throw new PdfStructureError(`${what}（字节 ${this.pos}）`);
  }

  /** One value; `N G R` references are folded. */
  parseValue(): PdfValue {
    const v = this.parseToken();
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) {
      const save = this.pos;
      const g = this.tryToken();
      if (typeof g === 'number' && Number.isInteger(g) && g >= 0) {
        const r = this.tryToken();
        if (r instanceof PdfKeyword && r.word === 'R') return new PdfRef(v, g);
      }
      this.pos = save;
    }
    return v;
  }

  private tryToken(): PdfValue | undefined {
    try {
      this.skipWs();
      if (this.pos >= this.buf.length) return undefined;
      // only numbers and keywords (regular characters) matter for reference detection; a
      // delimiter (a container, a name, the end of a dictionary or array) is not one, and is
      // answered without the cost of a thrown error
      if (!isRegular(this.buf[this.pos]!)) return undefined;
      return this.parseToken();
    } catch {
      return undefined;
    }
  }

  parseToken(): PdfValue {
    this.skipWs();
    const b = this.buf;
    if (this.pos >= b.length) this.fail('文件意外结束');
    const c = b[this.pos]!;
    if (c === 0x2f) return this.parseName();
    if (c === 0x28) return this.parseLiteralString();
    if (c === 0x3c) {
      if (b[this.pos + 1] === 0x3c) return this.parseDict();
      return this.parseHexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipWs();
        if (this.pos >= b.length) this.fail('数组未结束');
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return arr;
        }
        arr.push(this.parseValue());
      }
    }
    if (DELIM.has(c)) this.fail(`意外的字符 “${String.fromCharCode(c)}”`);
    const start = this.pos;
    while (this.pos < b.length && isRegular(b[this.pos]!)) this.pos++;
    const word = b.toString('latin1', start, this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new PdfKeyword(word);
  }

  private parseName(): PdfName {
    const b = this.buf;
    this.pos++; // '/'
    const bytes: number[] = [];
    while (this.pos < b.length && isRegular(b[this.pos]!)) {
      const c = b[this.pos]!;
      if (c === 0x23 && this.pos + 2 < b.length + 0) {
        const h = hexVal(b[this.pos + 1] ?? 0);
        const l = hexVal(b[this.pos + 2] ?? 0);
        if (h >= 0 && l >= 0) {
          bytes.push(h * 16 + l);
          this.pos += 3;
          continue;
        }
      }
      bytes.push(c);
      this.pos++;
    }
    return new PdfName(decodeText(Buffer.from(bytes)));
  }

  private parseLiteralString(): PdfString {
    const b = this.buf;
    this.pos++; // '('
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      const c = b[this.pos++]!;
      if (c === 0x5c) {
        const e = b[this.pos++];
        if (e === undefined) break;
        switch (e) {
          case 0x6e: out.push(0x0a); break; // \n
          case 0x72: out.push(0x0d); break; // \r
          case 0x74: out.push(0x09); break; // \t
          case 0x62: out.push(0x08); break; // \b
          case 0x66: out.push(0x0c); break; // \f
          case 0x0d: if (b[this.pos] === 0x0a) this.pos++; break; // line continuation
          case 0x0a: break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) v = v * 8 + (b[this.pos++]! - 0x30);
              out.push(v & 0xff);
            } else out.push(e); // \( \) \\ and unknown escapes
        }
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return new PdfString(Buffer.from(out));
        out.push(c);
      } else out.push(c);
    }
    this.fail('字符串未结束');
  }

  private parseHexString(): PdfString {
    const b = this.buf;
    this.pos++; // '<'
    const digits: number[] = [];
    while (this.pos < b.length && b[this.pos] !== 0x3e) {
      const v = hexVal(b[this.pos]!);
      if (v >= 0) digits.push(v);
      else if (!WS.has(b[this.pos]!)) this.fail('十六进制字符串无效');
      this.pos++;
    }
    if (this.pos >= b.length) this.fail('十六进制字符串未结束');
    this.pos++; // '>'
    if (digits.length % 2) digits.push(0);
    const out = Buffer.alloc(digits.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = digits[2 * i]! * 16 + digits[2 * i + 1]!;
    return new PdfString(out);
  }

  private parseDict(): PdfDict {
    const b = this.buf;
    this.pos += 2; // '<<'
    const map = new Map<string, PdfValue>();
    for (;;) {
      this.skipWs();
      if (this.pos >= b.length) this.fail('字典未结束');
      if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(map);
      }
      const key = this.parseToken();
      if (!(key instanceof PdfName)) this.fail('字典的键不是名称');
      map.set(key.name, this.parseValue());
    }
  }
}

/** Text of a PDF string or name: UTF-16BE with BOM, else UTF-8 when valid, else Latin-1 (≈ PDFDocEncoding). */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.toString('utf8', 3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Every indirect object of the file, by object number (latest definition wins). */
export class PdfDocument {
  readonly objects = new Map<number, PdfObject>();
  readonly trailers: PdfDict[] = [];

  constructor(readonly buf: Buffer) {
    if (buf.length < 8 || buf.toString('latin1', 0, 1024).indexOf('%PDF-') < 0) throw new PdfStructureError('不是 PDF 文件（缺少 %PDF- 文件头）');
    this.scan();
    this.expandObjectStreams();
  }

  /**
   * The next `N G obj` or `trailer` at or after `from`, found in the bytes
   * themselves: a volume's PDF with its photos is a hundred megabytes or more,
   * too much to copy into a string just to search it.
   */
  private nextMatch(from: number): { index: number; end: number; num?: number } | null {
    const b = this.buf;
    const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
    const isSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x0c || c === 0x00;
    // Where each word next occurs is kept between calls: searching a long file
    // from every object for a word that comes only at its end would take a pass each time.
    const find = (word: 'obj' | 'trailer', at: number) => {
      const cached = this.found[word];
      if (cached !== undefined && (cached < 0 || cached >= at) && this.foundFrom[word]! <= at) return cached;
      const i = b.indexOf(word, at, 'latin1');
      this.found[word] = i;
      this.foundFrom[word] = at;
      return i;
    };
    let o = find('obj', from);
    let t = find('trailer', from);
    for (;;) {
      if (o < 0 && t < 0) return null;
      if (t >= 0 && (o < 0 || t < o)) {
        if (t + 7 >= b.length || !isRegular(b[t + 7]!)) return { index: t, end: t + 7 };
        t = find('trailer', t + 1);
        continue;
      }
      // "obj" preceded by digits, space, digits, space: read backwards from it
      let i = o - 1;
      const spaces = () => {
        const at = i;
        while (i >= 0 && isSpace(b[i])) i--;
        return i < at;
      };
      const digits = () => {
        const at = i;
        while (i >= 0 && isDigit(b[i])) i--;
        return i < at;
      };
      const after = o + 3 >= b.length || !isRegular(b[o + 3]!);
      if (after && spaces() && digits()) {
        if (spaces() && digits()) {
          const index = i + 1;
          let j = index;
          while (isDigit(b[j])) j++;
          return { index, end: o + 3, num: Number(b.toString('latin1', index, j)) };
        }
      }
      o = find('obj', o + 1);
    }
  }

  private readonly found: { obj?: number; trailer?: number } = {};
  private readonly foundFrom: { obj?: number; trailer?: number } = {};

  private scan(): void {
    const b = this.buf;
    const text = (from: number, to: number) => b.toString('latin1', from, Math.min(to, b.length));
    let pos = 0;
    for (let m = this.nextMatch(pos); m; m = this.nextMatch(pos)) {
      if (m.index > 0 && isRegular(b[m.index - 1]!)) {
        pos = m.end; // part of a longer token
        continue;
      }
      const p = new Parser(b, m.end);
      try {
        if (m.num === undefined) {
          const t = p.parseValue();
          if (t instanceof PdfDict) this.trailers.push(t);
          pos = Math.max(p.pos, m.end);
          continue;
        }
        const value = p.parseValue();
        const obj: PdfObject = { value };
        p.skipWs();
        if (value instanceof PdfDict && text(p.pos, p.pos + 6) === 'stream') {
          let start = p.pos + 6;
          if (b[start] === 0x0d) start++;
          if (b[start] === 0x0a) start++;
          const len = value.get('Length');
          let end = typeof len === 'number' && Number.isInteger(len) ? start + len : -1;
          if (end < 0 || end > b.length || !/^\s*endstream/.test(text(end, end + 32))) {
            end = b.indexOf('endstream', start, 'latin1');
            if (end < 0) throw new PdfStructureError(`对象 ${m.num} 的数据流未结束`);
            // trim the end-of-line marker before "endstream"
            if (b[end - 1] === 0x0a) end--;
            if (b[end - 1] === 0x0d) end--;
          }
          obj.stream = b.subarray(start, end);
          const after = b.indexOf('endstream', end, 'latin1');
          pos = after < 0 ? end : after + 9;
        } else {
          pos = Math.max(p.pos, m.end);
        }
        this.objects.set(m.num, obj);
      } catch (e) {
        if (e instanceof PdfStructureError && /数据流未结束/.test(e.message)) throw e;
        // a false match (e.g. inside an unparsable region): move on past it
        pos = m.end;
      }
    }
  }

  private expandObjectStreams(): void {
    for (const [num, obj] of [...this.objects]) {
      const d = obj.value;
      if (!(d instanceof PdfDict) || !obj.stream || !isName(d.get('Type'), 'ObjStm')) continue;
      const data = this.streamData(obj, `对象流 ${num}`);
      const n = this.resolve(d.get('N'));
      const first = this.resolve(d.get('First'));
      if (typeof n !== 'number' || typeof first !== 'number') throw new PdfStructureError(`对象流 ${num} 缺少 /N 或 /First`);
      const header = new Parser(data);
      const entries: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const on = header.parseToken();
        const off = header.parseToken();
        if (typeof on !== 'number' || typeof off !== 'number') throw new PdfStructureError(`对象流 ${num} 的索引无效`);
        entries.push([on, off]);
      }
      for (const [on, off] of entries) {
        // an object defined directly in the file after the stream would be a later update; keep "stream wins" only when absent
        const existing = this.objects.get(on);
        if (existing && existing !== obj) continue;
        const p = new Parser(data, first + off);
        this.objects.set(on, { value: p.parseValue() });
      }
    }
  }

  /** Decoded stream bytes (no filter or /FlateDecode only). */
  streamData(obj: PdfObject, what: string): Buffer {
    const d = obj.value as PdfDict;
    const raw = obj.stream ?? Buffer.alloc(0);
    let filters = this.resolve(d.get('Filter'));
    if (filters === undefined || filters === null) return raw;
    if (!Array.isArray(filters)) filters = [filters];
    let data = raw;
    for (const f of filters) {
      const name = this.resolve(f);
      if (!isName(name, 'FlateDecode') && !isName(name, 'Fl')) throw new PdfStructureError(`${what}使用了不支持的压缩方式 ${name instanceof PdfName ? name.name : '?'}`);
      const parms = this.resolve(d.get('DecodeParms'));
      if (parms instanceof PdfDict && typeof parms.get('Predictor') === 'number' && (parms.get('Predictor') as number) > 1) {
        throw new PdfStructureError(`${what}使用了不支持的预测器`);
      }
      try {
        data = zlib.inflateSync(data);
      } catch {
        try {
          data = zlib.inflateSync(data, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
        } catch (e) {
          throw new PdfStructureError(`${what}无法解压（${(e as Error).message}）`);
        }
      }
    }
    return data;
  }

  resolve(v: PdfValue | undefined, depth = 0): PdfValue | undefined {
    while (v instanceof PdfRef) {
      if (depth++ > 32) throw new PdfStructureError('间接引用循环');
      v = this.objects.get(v.num)?.value;
    }
    return v;
  }

  catalog(): PdfDict {
    for (let i = this.trailers.length - 1; i >= 0; i--) {
      const root = this.resolve(this.trailers[i]!.get('Root'));
      if (root instanceof PdfDict) return root;
    }
    // cross-reference streams carry the trailer keys in their own dictionary
    let found: PdfDict | undefined;
    for (const obj of this.objects.values()) {
      const d = obj.value;
      if (!(d instanceof PdfDict)) continue;
      if (isName(d.get('Type'), 'XRef')) {
        const root = this.resolve(d.get('Root'));
        if (root instanceof PdfDict) found = root;
      }
    }
    if (found) return found;
    for (const obj of this.objects.values()) {
      if (obj.value instanceof PdfDict && isName(obj.value.get('Type'), 'Catalog')) found = obj.value;
    }
    if (!found) throw new PdfStructureError('找不到文档目录（/Root 或 /Type /Catalog）');
    return found;
  }

  /** Object numbers of the page leaves in document order (a direct page dictionary gets -1 - index). */
  pages(): { refs: number[]; byObject: Map<number, number> } {
    const root = this.catalog().get('Pages');
    if (!(root instanceof PdfRef) && !(this.resolve(root) instanceof PdfDict)) throw new PdfStructureError('文档目录缺少 /Pages');
    const refs: number[] = [];
    const seen = new Set<number>();
    const walk = (node: PdfValue | undefined, depth: number) => {
      if (depth > 64) throw new PdfStructureError('页面树过深');
      const num = node instanceof PdfRef ? node.num : undefined;
      if (num !== undefined) {
        if (seen.has(num)) throw new PdfStructureError(`页面树中对象 ${num} 出现了两次`);
        seen.add(num);
      }
      const d = this.resolve(node);
      if (!(d instanceof PdfDict)) throw new PdfStructureError(`页面树节点${num !== undefined ? ` ${num}` : ''}不是字典`);
      const kids = this.resolve(d.get('Kids'));
      const type = d.get('Type');
      if (isName(type, 'Pages') || (!isName(type, 'Page') && Array.isArray(kids))) {
        if (!Array.isArray(kids)) throw new PdfStructureError(`页面树节点${num !== undefined ? ` ${num}` : ''}缺少 /Kids`);
        for (const k of kids) walk(k, depth + 1);
      } else {
        refs.push(num ?? -1 - refs.length);
      }
    };
    walk(root, 0);
    const byObject = new Map<number, number>();
    refs.forEach((r, i) => byObject.set(r, i + 1));
    return { refs, byObject };
  }
}

export function isName(v: PdfValue | undefined, name: string): boolean {
  return v instanceof PdfName && v.name === name;
}

export function toBuffer(pdf: Uint8Array): Buffer {
  return Buffer.isBuffer(pdf) ? pdf : Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
}

/** A PDF's bytes read once: whoever asks it several things parses it once. */
const documentOf = (pdf: Uint8Array | PdfDocument) => (pdf instanceof PdfDocument ? pdf : new PdfDocument(toBuffer(pdf)));

/** The number of pages: leaves of the /Pages tree. */
export function pdfPageCount(pdf: Uint8Array | PdfDocument): number {
  return documentOf(pdf).pages().refs.length;
}

/**
 * Named destinations → 1-based page number. Names from the catalog's /Dests dictionary
 * and from the /Names /Dests name tree (the latter wins on a clash, as in PDF 1.2+ readers).
 * Destinations whose page cannot be found are left out.
 */
export function pdfDestinations(pdf: Uint8Array | PdfDocument): Map<string, number> {
  const doc = documentOf(pdf);
  const { byObject, refs } = doc.pages();
  const catalog = doc.catalog();
  const out = new Map<string, number>();

  const pageOf = (dest: PdfValue | undefined): number | undefined => {
    let d = doc.resolve(dest);
    if (d instanceof PdfDict) d = doc.resolve(d.get('D'));
    if (!Array.isArray(d) || d.length === 0) return undefined;
    const target = d[0];
    if (target instanceof PdfRef) return byObject.get(target.num);
    // remote-style destinations give a 0-based page index
    if (typeof target === 'number' && Number.isInteger(target) && target >= 0 && target < refs.length) return target + 1;
    return undefined;
  };

  const oldStyle = doc.resolve(catalog.get('Dests'));
  if (oldStyle !== undefined && oldStyle !== null) {
    if (!(oldStyle instanceof PdfDict)) throw new PdfStructureError('文档目录的 /Dests 不是字典');
    for (const [name, dest] of oldStyle.map) {
      const page = pageOf(dest);
      if (page !== undefined) out.set(name, page);
    }
  }

  const names = doc.resolve(catalog.get('Names'));
  if (names instanceof PdfDict) {
    const tree = names.get('Dests');
    const seen = new Set<number>();
    const walk = (node: PdfValue | undefined, depth: number) => {
      if (depth > 64) throw new PdfStructureError('名称树过深');
      if (node instanceof PdfRef) {
        if (seen.has(node.num)) throw new PdfStructureError(`名称树中对象 ${node.num} 出现了两次`);
        seen.add(node.num);
      }
      const d = doc.resolve(node);
      if (!(d instanceof PdfDict)) throw new PdfStructureError('名称树节点不是字典');
      const pairs = doc.resolve(d.get('Names'));
      if (Array.isArray(pairs)) {
        for (let i = 0; i + 1 < pairs.length; i += 2) {
          const key = doc.resolve(pairs[i]);
          const name = key instanceof PdfString ? decodeText(key.bytes) : key instanceof PdfName ? key.name : undefined;
          if (name === undefined) continue;
          const page = pageOf(pairs[i + 1]);
          if (page !== undefined) out.set(name, page);
        }
      }
      const kids = doc.resolve(d.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
    };
    if (tree !== undefined && tree !== null) walk(tree, 0);
  }
  return out;
}

/** Streams at least this long are left out of a skeleton (photos, long page contents). */
const SKELETON_SKIP = 64 * 1024;
const SKELETON_CHUNK = 512 * 1024;
/** Bytes kept back between reads: a stream's dictionary and its `stream` keyword are read whole. */
const SKELETON_OVERLAP = 8 * 1024;

/**
 * A PDF file as pdfPageCount and pdfDestinations need it, read through a
 * window: every object and dictionary, without the data of long streams
 * whose /Length is written out (images and long page contents; object and
 * cross-reference streams are kept). A volume with its photos is a PDF of a
 * hundred megabytes or more, of which the skeleton is a few hundred kilobytes.
 */
export function readPdfSkeleton(file: string, skipAtLeast = SKELETON_SKIP): Buffer {
  const fd = fs.openSync(file, 'r');
  const out: Buffer[] = [];
  try {
    let filePos = 0; // file offset of buf[0]
    let buf = Buffer.alloc(0);
    let eof = false;
    const chunk = Buffer.alloc(SKELETON_CHUNK);
    for (;;) {
      if (!eof) {
        const n = fs.readSync(fd, chunk, 0, SKELETON_CHUNK, filePos + buf.length);
        if (n === 0) eof = true;
        else buf = Buffer.concat([buf, chunk.subarray(0, n)]);
      }
      // Where the scan may go this round: keep the overlap unless the file is read to its end.
      // (a file shorter than the overlap is read whole before anything is scanned)
      const limit = eof ? buf.length : Math.max(0, buf.length - SKELETON_OVERLAP);
      let from = 0;
      let skipTo = -1; // file offset to go on from, past a stream's data
      for (let k = buf.indexOf('stream', 0, 'latin1'); k >= 0 && k < limit; k = buf.indexOf('stream', k + 6, 'latin1')) {
        if (k >= 3 && buf.toString('latin1', k - 3, k) === 'end') continue;
        let data = k + 6;
        if (buf[data] === 0x0d) data++;
        if (buf[data] !== 0x0a) continue;
        data++;
        const objAt = buf.lastIndexOf('obj', k, 'latin1');
        if (objAt < 0 || k - objAt > SKELETON_OVERLAP) continue;
        const dict = buf.toString('latin1', objAt, k);
        const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
        if (!len || /\/Type\s*\/(ObjStm|XRef)/.test(dict)) continue;
        const length = Number(len[1]);
        if (length < skipAtLeast) continue;
        out.push(Buffer.from(buf.subarray(from, data))); // a copy: a view would keep the whole window alive
        skipTo = filePos + data + length;
        break;
      }
      if (skipTo >= 0) {
        filePos = skipTo;
        buf = Buffer.alloc(0);
        eof = false;
        continue;
      }
      if (eof) {
        out.push(Buffer.from(buf.subarray(from)));
        break;
      }
      out.push(Buffer.from(buf.subarray(from, limit)));
      filePos += limit;
      buf = Buffer.from(buf.subarray(limit));
    }
  } finally {
    fs.closeSync(fd);
  }
  return Buffer.concat(out);
}
