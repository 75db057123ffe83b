/**
 * The PDF/A-2b archive copy of a printed volume (ISO 19005-2, level B): what
 * Chromium's PDF lacks is added, nothing it drew is touched.
 *
 *  - an XMP metadata stream in the catalog (pdfaid:part 2, conformance B; dc:title,
 *    dc:creator, dc:description, dc:language; xmp:CreatorTool and dates; pdf:Producer;
 *    the 全宗号, 年度, 保管期限 and 档号 in a namespace of ours, described by the
 *    pdfaExtension schema that §6.6.2.3 asks for), and an Info dictionary saying the
 *    same (§6.6.3: the two must agree);
 *  - an OutputIntent GTS_PDFA1 with an sRGB ICC profile (./icc.ts): Chromium paints
 *    in DeviceRGB, which §6.2.4.3 allows only under an RGB output intent;
 *  - /Lang zh-CN, a bookmark tree (/Outlines) onto the named destinations the file
 *    already has (封面, 卷内文件目录, each part, each 件, 卷内备考表), and /ID in the trailer (§6.1.3);
 *  - a name (/Name and /BaseFont) on Chromium's Type 3 fonts, which it writes without
 *    one (Type 3 fonts are embedded by nature; the name lets checkers and pdffonts tell
 *    them apart);
 *  - the header's binary comment (§6.1.2: "%" and four bytes above 127 on the second
 *    line), which Chromium does not write.
 * /MarkInfo is left as the printer wrote it: our Chromium prints untagged (no structure
 * tree, so no /MarkInfo /Marked true to claim), and level B does not ask for tags.
 *
 * How: an incremental update (ISO 32000-1 §7.5.6, allowed by ISO 19005-2 §6.1.3):
 * the printed file is copied through a window, never read whole (a volume with its
 * photos is tens of megabytes and a year's export has a time budget), then the new
 * and changed objects (catalog, Info, metadata, output intent, profile, outline
 * items, font dictionaries) follow with their own xref section and a trailer whose
 * /Prev is the first section. A rewrite with pdf-lib would load every object, photos
 * included, into memory and serialize them again, for the same result.
 *
 * The one change inside the copied part: the binary comment after the header line.
 * It moves every object by its length, so the first xref section (fixed-width
 * entries) is written again with the offsets moved, and its trailer gets the /ID.
 *
 * Chromium's PDF backend (Skia, the same in Electron) writes one classic xref
 * table and no object or xref streams. A file with an xref stream, or already
 * updated (/Prev), is refused with a clear error: shifting offsets inside a
 * compressed xref stream is not done here, and an update must use the kind of
 * xref section the file has, so a Chromium that changed this shows up in the tests
 * rather than as a broken archive copy.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { srgbIccProfile } from './icc.js';
import { decodeText, PdfDict, PdfDocument, PdfKeyword, PdfName, PdfRef, PdfString, PdfStructureError, Parser, isName, type PdfValue } from './dests.js';

export interface PdfAMeta {
  title: string;
  /** dc:creator and /Author: the 全宗名称. */
  author: string;
  subject: string;
  /** xmp:CreatorTool and /Creator, e.g. 支部四本一档 0.1.0. */
  creatorTool: string;
  lang: string;
  /** The archive's own properties (namespace ARCHIVE_NS), e.g. { year: '2024' }. */
  archive: { fondsNo: string; year: string; retention: string; code: string };
  date: Date;
}

/** A bookmark: where it goes (a named destination of the file, or null for page 1) and its children. */
export interface OutlineItem {
  title: string;
  dest: string | null;
  kids?: OutlineItem[];
}

export const ARCHIVE_NS = 'urn:branch-ledger:archive:1.0#';
const ARCHIVE_PROPS: [keyof PdfAMeta['archive'], string][] = [
  ['fondsNo', '全宗号'],
  ['year', '年度'],
  ['retention', '保管期限'],
  ['code', '档号'],
];

const BINARY_COMMENT = Buffer.from('%\xe2\xe3\xcf\xd3\n', 'latin1');
const COPY_CHUNK = 1 << 20;

// ---------------------------------------------------------------------------------------
// Writing values

const REGULAR_NAME = /^[!-~]$/;

function nameText(name: string): string {
  let out = '/';
  for (const byte of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += REGULAR_NAME.test(c) && !'()<>[]{}/%#'.includes(c) ? c : `#${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new PdfStructureError(`无法写出数值 ${n}`);
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** A value as PDF syntax (strings as hex). */
export function pdfText(v: PdfValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return numberText(v);
  if (v instanceof PdfName) return nameText(v.name);
  if (v instanceof PdfString) return `<${v.bytes.toString('hex')}>`;
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (v instanceof PdfKeyword) return v.word;
  if (Array.isArray(v)) return `[${v.map(pdfText).join(' ')}]`;
  return `<<${[...v.map].map(([k, x]) => `${nameText(k)} ${pdfText(x)}`).join(' ')}>>`;
}

/** Text as a PDF text string: UTF-16BE with its byte order mark. */
export function textString(s: string): PdfString {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return new PdfString(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
}

const dict = (entries: Record<string, PdfValue | undefined>) =>
  new PdfDict(new Map(Object.entries(entries).filter((e): e is [string, PdfValue] => e[1] !== undefined)));

// ---------------------------------------------------------------------------------------
// Metadata

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The date in local time with its offset: { pdf: D:20250105093000+08'00', xmp: 2025-01-05T09:30:00+08:00 }. */
export function pdfDates(d: Date): { pdf: string; xmp: string } {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const oh = pad(Math.floor(Math.abs(off) / 60));
  const om = pad(Math.abs(off) % 60);
  const ymd = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => pad(n, i ? 2 : 4));
  const hms = [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => pad(n));
  return { pdf: `D:${ymd.join('')}${hms.join('')}${sign}${oh}'${om}'`, xmp: `${ymd.join('-')}T${hms.join(':')}${sign}${oh}:${om}` };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet (UTF-8), with the extension schema that describes our own properties. */
export function xmpPacket(m: PdfAMeta, producer: string): Buffer {
  const date = pdfDates(m.date).xmp;
  const props = ARCHIVE_PROPS.map(
    ([key, label]) =>
      `<rdf:li rdf:parseType="Resource"><pdfaProperty:name>${key}</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>${xml(label)}</pdfaProperty:description></rdf:li>`,
  ).join('');
  const text = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.title)}</rdf:li></rdf:Alt></dc:title><dc:creator><rdf:Seq><rdf:li>${xml(m.author)}</rdf:li></rdf:Seq></dc:creator><dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(m.subject)}</rdf:li></rdf:Alt></dc:description><dc:language><rdf:Bag><rdf:li>${xml(m.lang)}</rdf:li></rdf:Bag></dc:language></rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>${xml(m.creatorTool)}</xmp:CreatorTool><xmp:CreateDate>${date}</xmp:CreateDate><xmp:ModifyDate>${date}</xmp:ModifyDate><xmp:MetadataDate>${date}</xmp:MetadataDate></rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>${xml(producer)}</pdf:Producer></rdf:Description>
<rdf:Description rdf:about="" xmlns:archive="${ARCHIVE_NS}">${ARCHIVE_PROPS.map(([key]) => `<archive:${key}>${xml(m.archive[key])}</archive:${key}>`).join('')}</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"><pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource"><pdfaSchema:schema>支部四本一档 archive volume</pdfaSchema:schema><pdfaSchema:namespaceURI>${ARCHIVE_NS}</pdfaSchema:namespaceURI><pdfaSchema:prefix>archive</pdfaSchema:prefix><pdfaSchema:property><rdf:Seq>${props}</rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  return Buffer.from(text, 'utf8');
}

// ---------------------------------------------------------------------------------------
// The first xref section

interface XrefSection {
  /** File offset of the `xref` keyword. */
  at: number;
  /** From `xref` to the end of the file. */
  tail: Buffer;
  trailer: PdfDict;
}

function readLastXref(fd: number, size: number): XrefSection {
  const endLen = Math.min(size, 1024);
  const end = Buffer.alloc(endLen);
  fs.readSync(fd, end, 0, endLen, size - endLen);
  const m = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(end.toString('latin1'));
  if (!m) throw new PdfStructureError('文件末尾缺少 startxref');
  const at = Number(m[1]);
  if (at >= size) throw new PdfStructureError('startxref 超出文件长度');
  const tail = Buffer.alloc(size - at);
  fs.readSync(fd, tail, 0, tail.length, at);
  if (tail.toString('latin1', 0, 4) !== 'xref') throw new PdfStructureError('交叉引用为数据流（/XRef），暂不支持生成 PDF/A');
  const t = tail.indexOf('trailer', 0, 'latin1');
  if (t < 0) throw new PdfStructureError('缺少 trailer');
  const trailer = new Parser(tail, t + 7).parseValue();
  if (!(trailer instanceof PdfDict)) throw new PdfStructureError('trailer 不是字典');
  if (trailer.get('Prev') !== undefined || trailer.get('XRefStm') !== undefined) throw new PdfStructureError('文件已有增量更新，暂不支持生成 PDF/A');
  if (trailer.get('Encrypt') !== undefined) throw new PdfStructureError('文件已加密，无法生成 PDF/A');
  return { at, tail, trailer };
}

/** The section with every in-use offset moved by `delta` and the trailer given `trailer`; its length changes only in the startxref number. */
function movedXref(x: XrefSection, delta: number, trailer: PdfDict): Buffer {
  const t = x.tail.indexOf('trailer', 0, 'latin1');
  const table = x.tail
    .toString('latin1', 0, t)
    .replace(/(\d{10}) (\d{5}) n/g, (_, off: string, gen: string) => `${String(Number(off) + delta).padStart(10, '0')} ${gen} n`);
  return Buffer.from(`${table}trailer\n${pdfText(trailer)}\nstartxref\n${x.at + delta}\n%%EOF\n`, 'latin1');
}

// ---------------------------------------------------------------------------------------

/** The outline as objects from `first` on: [root, ...items] bodies, by number. */
function outlineObjects(items: OutlineItem[], first: number, destOf: (item: OutlineItem) => PdfValue | undefined): { root: number; objects: Map<number, PdfDict> } {
  const objects = new Map<number, PdfDict>();
  let next = first;
  const root = next++;
  const place = (list: OutlineItem[], parent: number): { nums: number[]; visible: number } => {
    const kept = list.map((item) => ({ item, dest: destOf(item) })).filter((k) => k.dest !== undefined);
    const nums = kept.map(() => next++);
    let visible = nums.length;
    kept.forEach(({ item, dest }, i) => {
      const kids = item.kids?.length ? place(item.kids, nums[i]!) : { nums: [], visible: 0 };
      visible += kids.visible;
      objects.set(
        nums[i]!,
        dict({
          Title: textString(item.title),
          Parent: new PdfRef(parent, 0),
          Prev: i > 0 ? new PdfRef(nums[i - 1]!, 0) : undefined,
          Next: i + 1 < nums.length ? new PdfRef(nums[i + 1]!, 0) : undefined,
          First: kids.nums.length ? new PdfRef(kids.nums[0]!, 0) : undefined,
          Last: kids.nums.length ? new PdfRef(kids.nums.at(-1)!, 0) : undefined,
          Count: kids.nums.length ? kids.visible : undefined,
          Dest: dest,
        }),
      );
    });
    return { nums, visible };
  };
  const top = place(items, root);
  objects.set(
    root,
    dict({
      Type: new PdfName('Outlines'),
      First: top.nums.length ? new PdfRef(top.nums[0]!, 0) : undefined,
      Last: top.nums.length ? new PdfRef(top.nums.at(-1)!, 0) : undefined,
      Count: top.visible,
    }),
  );
  return { root, objects };
}

/**
 * Write `src` (a PDF as Chromium prints it) to `dest` as PDF/A-2b; `doc` is its
 * skeleton (readPdfSkeleton(src)), which the caller has already read. `dest` is written and
 * fsync'd in place (it lives in the export's temporary folder); `src` is left as it is.
 */
export function writePdfA(src: string, doc: PdfDocument, dest: string, meta: PdfAMeta, outline: OutlineItem[]): void {
  const fd = fs.openSync(src, 'r');
  let out: number | null = null;
  try {
    const size = fs.fstatSync(fd).size;
    const xref = readLastXref(fd, size);
    const rootRef = xref.trailer.get('Root');
    if (!(rootRef instanceof PdfRef)) throw new PdfStructureError('trailer 缺少 /Root');
    const catalog = doc.catalog();
    const oldInfo = doc.resolve(xref.trailer.get('Info'));
    const producerOf = oldInfo instanceof PdfDict ? oldInfo.get('Producer') : undefined;
    const producer = producerOf instanceof PdfString ? decodeText(producerOf.bytes) : 'Chromium';
    const sizeOf = xref.trailer.get('Size');
    if (typeof sizeOf !== 'number') throw new PdfStructureError('trailer 缺少 /Size');

    // the header line, and whether the binary comment is already there
    const head = Buffer.alloc(Math.min(64, size));
    fs.readSync(fd, head, 0, head.length, 0);
    const eol = head.indexOf(0x0a);
    if (head.toString('latin1', 0, 5) !== '%PDF-' || eol < 0) throw new PdfStructureError('文件头无效');
    const headerEnd = eol + 1;
    const hasComment = head[headerEnd] === 0x25 && [1, 2, 3, 4].every((k) => (head[headerEnd + k] ?? 0) > 127);
    const delta = hasComment ? 0 : BINARY_COMMENT.length;

    const id = crypto.createHash('md5').update(doc.buf).update(meta.title).digest();
    const firstId = xref.trailer.get('ID');
    const idPair = Array.isArray(firstId) && firstId[0] instanceof PdfString ? firstId[0] : new PdfString(id);
    const firstTrailer = new PdfDict(new Map(xref.trailer.map));
    firstTrailer.map.set('ID', [idPair, idPair]);

    // new and changed objects
    const objects = new Map<number, PdfValue | { dict: PdfDict; data: Buffer }>();
    let next = sizeOf;
    const add = (v: PdfValue | { dict: PdfDict; data: Buffer }) => {
      objects.set(next, v);
      return new PdfRef(next++, 0);
    };
    const dates = pdfDates(meta.date);
    const info = add(
      dict({
        Title: textString(meta.title),
        Author: textString(meta.author),
        Subject: textString(meta.subject),
        Creator: textString(meta.creatorTool),
        Producer: textString(producer),
        CreationDate: new PdfString(Buffer.from(dates.pdf, 'latin1')),
        ModDate: new PdfString(Buffer.from(dates.pdf, 'latin1')),
      }),
    );
    const xmp = xmpPacket(meta, producer);
    const metadata = add({ dict: dict({ Type: new PdfName('Metadata'), Subtype: new PdfName('XML') }), data: xmp });
    const icc = srgbIccProfile();
    const profile = add({ dict: dict({ N: 3 }), data: icc });
    const intent = add(
      dict({
        Type: new PdfName('OutputIntent'),
        S: new PdfName('GTS_PDFA1'),
        OutputConditionIdentifier: new PdfString(Buffer.from('sRGB IEC61966-2.1', 'latin1')),
        RegistryName: new PdfString(Buffer.from('http://www.color.org', 'latin1')),
        Info: new PdfString(Buffer.from('sRGB IEC61966-2.1', 'latin1')),
        DestOutputProfile: profile,
      }),
    );

    // bookmarks onto the destinations the file names (copied, so that a reader needs no name lookup)
    const named = doc.resolve(catalog.get('Dests'));
    const firstPage = doc.pages().refs[0];
    const destOf = (item: OutlineItem): PdfValue | undefined => {
      if (item.dest === null) return firstPage !== undefined && firstPage >= 0 ? [new PdfRef(firstPage, 0), new PdfName('Fit')] : undefined;
      let d = named instanceof PdfDict ? doc.resolve(named.get(item.dest)) : undefined;
      if (d instanceof PdfDict) d = doc.resolve(d.get('D'));
      return Array.isArray(d) ? d : undefined;
    };
    const tree = outlineObjects(outline, next, destOf);
    for (const [num, body] of tree.objects) objects.set(num, body);
    next += tree.objects.size;

    const newCatalog = new PdfDict(new Map(catalog.map));
    newCatalog.map.set('Metadata', metadata);
    newCatalog.map.set('OutputIntents', [intent]);
    newCatalog.map.set('Lang', new PdfString(Buffer.from(meta.lang, 'latin1')));
    newCatalog.map.set('Outlines', new PdfRef(tree.root, 0));
    newCatalog.map.set('PageMode', new PdfName('UseOutlines'));
    newCatalog.map.set('ViewerPreferences', dict({ DisplayDocTitle: true }));
    objects.set(rootRef.num, newCatalog);

    // Type 3 fonts without a name: /Name (PDF 1.0's key, still read), and /BaseFont, which
    // readers and checkers (pdffonts, veraPDF's reports) show and which other font types must have
    for (const [num, obj] of doc.objects) {
      const d = obj.value;
      if (obj.stream || !(d instanceof PdfDict) || !isName(d.get('Type'), 'Font') || !isName(d.get('Subtype'), 'Type3')) continue;
      if (d.get('Name') !== undefined && d.get('BaseFont') !== undefined) continue;
      const named3 = new PdfDict(new Map(d.map));
      const name = d.get('Name') ?? d.get('BaseFont') ?? new PdfName(`T3F${num}`);
      named3.map.set('Name', name);
      named3.map.set('BaseFont', name);
      objects.set(num, named3);
    }

    // write: header, comment, the copied body, its moved xref, then the update
    out = fs.openSync(dest, 'w');
    let written = 0;
    const write = (b: Buffer) => {
      fs.writeSync(out!, b);
      written += b.length;
    };
    write(head.subarray(0, headerEnd));
    if (!hasComment) write(BINARY_COMMENT);
    const chunk = Buffer.alloc(COPY_CHUNK);
    for (let pos = headerEnd; pos < xref.at; ) {
      const n = fs.readSync(fd, chunk, 0, Math.min(COPY_CHUNK, xref.at - pos), pos);
      if (n <= 0) throw new PdfStructureError('文件读取中断');
      write(chunk.subarray(0, n));
      pos += n;
    }
    const prev = written;
    write(movedXref(xref, delta, firstTrailer));

    const offsets = new Map<number, number>();
    for (const num of [...objects.keys()].sort((a, b) => a - b)) {
      const body = objects.get(num)!;
      offsets.set(num, written);
      if (body !== null && typeof body === 'object' && 'data' in body) {
        const d = new PdfDict(new Map(body.dict.map));
        d.map.set('Length', body.data.length);
        write(Buffer.from(`${num} 0 obj\n${pdfText(d)}\nstream\n`, 'latin1'));
        write(body.data);
        write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
      } else write(Buffer.from(`${num} 0 obj\n${pdfText(body)}\nendobj\n`, 'latin1'));
    }
    // subsections of consecutive numbers
    const nums = [0, ...[...offsets.keys()].sort((a, b) => a - b)];
    let table = 'xref\n';
    for (let i = 0; i < nums.length; ) {
      let j = i;
      while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
      table += `${nums[i]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) table += nums[k] === 0 ? '0000000000 65535 f \n' : `${String(offsets.get(nums[k]!)).padStart(10, '0')} 00000 n \n`;
      i = j + 1;
    }
    const xrefAt = written;
    const trailer = dict({ Size: next, Root: rootRef, Info: info, Prev: prev, ID: [idPair, new PdfString(crypto.createHash('md5').update(id).update(xmp).digest())] });
    write(Buffer.from(`${table}trailer\n${pdfText(trailer)}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
    fs.fsyncSync(out);
  } catch (e) {
    if (out !== null) {
      fs.closeSync(out);
      out = null;
      fs.rmSync(dest, { force: true });
    }
    throw e;
  } finally {
    if (out !== null) fs.closeSync(out);
    fs.closeSync(fd);
  }
}
