/**
 * Reading an .xlsx roster within bounds, whatever the file holds.
 *
 * 1. The zip's central directory first (yauzl): too many parts, parts that
 *    would inflate past READ_LIMITS.totalBytes, or an absurd compression
 *    ratio are refused before a byte is inflated.
 * 2. Only the parts a roster needs are inflated (workbook, its rels, styles,
 *    shared strings, the worksheets), each streamed through a SAX parser
 *    (saxes); yauzl stops a part at the size its directory declared, so a
 *    directory that lies is caught while inflating.
 * 3. A worksheet stops at its first value below row READ_LIMITS.rows; nesting,
 *    a run of text without markup, shared strings and cells are counted.
 *
 * Cells come out as exceljs gave them before (import.ts works on those):
 * rich text joined, a formula's cached result, errors as blank, numbers in a
 * date format as Dates, merged cells as their master cell.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { WorkbookRefused } from '../errors.js';
import type { Cell, Sheet } from './import.js';

export interface ReadLimits {
  /** parts in the zip */
  entries: number;
  /** declared uncompressed bytes of all parts */
  totalBytes: number;
  /** a part over this many bytes may not inflate more than `ratio` times its compressed size */
  ratioAbove: number;
  ratio: number;
  /** rows of a worksheet holding a value */
  rows: number;
  /** columns read (the ones further right are ignored) */
  columns: number;
  /** cells holding a value, in all sheets */
  cells: number;
  sharedStrings: number;
  /** characters of all shared strings */
  sharedChars: number;
  /** characters of one cell (Excel's own limit is 32767) */
  cellChars: number;
  /** element nesting in any part (a worksheet needs about 6) */
  depth: number;
  /** characters between two '<' (a text or a tag) */
  run: number;
  /** cells a merge may fill */
  mergedCells: number;
}

export const READ_LIMITS: ReadLimits = {
  entries: 1000,
  // A full roster (20,000 rows × 20 columns) is about 25 MB of XML; parsing 64 MB takes about 1.6 s.
  totalBytes: 64 * 1024 * 1024,
  ratioAbove: 4 * 1024 * 1024,
  ratio: 100,
  rows: 20_000,
  columns: 200,
  cells: 1_000_000,
  sharedStrings: 1_000_000,
  sharedChars: 32_000_000,
  cellChars: 32_767,
  depth: 64,
  run: 1_000_000,
  mergedCells: 1_000_000,
};

const MB = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

const NOT_XLSX = '无法读取这个文件：请选择 Excel 工作簿（.xlsx）；旧版 .xls 文件请先在 Excel 或 WPS 中另存为 .xlsx。';
export const REFUSED = {
  notZip: () => new WorkbookRefused('not-xlsx', NOT_XLSX, '不是有效的 .xlsx 文件'),
  ole: () =>
    new WorkbookRefused(
      'old-xls',
      '这是旧版 Excel 文件（.xls）或设置了打开密码的工作簿，无法直接读取：请在 Excel 或 WPS 中打开，另存为不带密码的 .xlsx 后再导入。',
      '旧版 .xls 或加密的工作簿',
    ),
  damaged: () => new WorkbookRefused('damaged', '这个Excel文件不完整或已损坏（可能没有下载或复制完整），无法读取；请重新获取文件后再导入。', '文件已损坏'),
  entries: (n: number, max: number) =>
    new WorkbookRefused('too-many-parts', `这个Excel文件内部有${n}个部件（超过${max}个），结构异常，无法导入。`, '文件内部部件过多'),
  tooLarge: (bytes: number | null, max: number) =>
    new WorkbookRefused(
      'too-large',
      `这个Excel文件解压后${bytes === null ? '' : `约有${MB(bytes)}（`}超过${MB(max)}${bytes === null ? '' : '）'}，不像是一份花名册，无法导入；请只保留花名册部分后再导入。`,
      '解压后过大',
    ),
  ratio: (name: string) =>
    new WorkbookRefused('compression-ratio', `这个Excel文件的压缩比异常（部件 ${name}），疑似“压缩炸弹”，无法导入。`, '压缩比异常'),
  sizeMismatch: () =>
    new WorkbookRefused('size-mismatch', '这个Excel文件已损坏或被篡改：内部记录的大小与实际内容不符，无法导入。', '内部记录的大小与实际内容不符'),
  encrypted: () => new WorkbookRefused('encrypted', '这个Excel文件的内容已加密，请先在 Excel 或 WPS 中取消密码后再导入。', '文件已加密'),
  rows: (sheet: string, max: number) =>
    new WorkbookRefused('too-many-rows', `工作表“${sheet}”超过${max}行，请只保留花名册部分后再导入`, '表格过大'),
  cells: (max: number) =>
    new WorkbookRefused('too-many-cells', `这个Excel文件有内容的单元格超过${max}个，不像是一份花名册，无法导入；请只保留花名册部分后再导入。`, '单元格过多'),
  sharedStrings: () =>
    new WorkbookRefused('shared-strings', '这个Excel文件的文字内容过多，不像是一份花名册，无法导入；请只保留花名册部分后再导入。', '文字内容过多'),
  structure: (why: string) => new WorkbookRefused('structure', `这个Excel文件的内部结构异常（${why}），无法读取。`, '结构异常'),
  noWorkbook: () => new WorkbookRefused('not-xlsx', NOT_XLSX, '缺少工作簿内容（不是 Excel 工作簿）'),
};

// ---------- the zip ----------

interface Part {
  entry: yauzl.Entry;
}

function openZip(data: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('no zip'));
      else resolve(zip);
    });
  });
}

/** Every entry of the central directory, checked against the limits before anything is inflated. */
async function centralDirectory(data: Uint8Array, limits: ReadLimits): Promise<{ zip: yauzl.ZipFile; parts: Map<string, Part> }> {
  const head = data.subarray(0, 8);
  const isZip = head[0] === 0x50 && head[1] === 0x4b;
  const isOle = head.length === 8 && [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => head[i] === b);
  if (isOle) throw REFUSED.ole();
  if (!isZip) throw REFUSED.notZip();
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(data);
  } catch {
    throw REFUSED.damaged();
  }
  if (zip.entryCount > limits.entries) throw REFUSED.entries(zip.entryCount, limits.entries);
  const parts = new Map<string, Part>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      if (total > limits.totalBytes) return reject(REFUSED.tooLarge(total, limits.totalBytes));
      if (entry.uncompressedSize > limits.ratioAbove && entry.uncompressedSize > limits.ratio * Math.max(1, entry.compressedSize)) {
        return reject(REFUSED.ratio(entry.fileName));
      }
      parts.set(entry.fileName.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), { entry });
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', () => reject(REFUSED.damaged()));
    zip.readEntry();
  });
  return { zip, parts };
}

/** Bytes a read may still inflate, over all its parts (a part named twice is not read twice for free). */
const budgets = new WeakMap<yauzl.ZipFile, { left: number }>();

/** A part's local name of a tag (`x:row` → `row`). */
const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/**
 * Stream one part through a SAX parser. `handlers` may throw a WorkbookRefused
 * to end the read at once (the rest of the part is never inflated).
 */
function parsePart(
  zip: yauzl.ZipFile,
  part: Part,
  limits: ReadLimits,
  handlers: { open?: (tag: SaxesTagPlain, name: string) => void; close?: (name: string) => void; text?: (t: string) => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (part.entry.isEncrypted()) return reject(REFUSED.encrypted());
    zip.openReadStream(part.entry, (err, stream) => {
      if (err || !stream) return reject(REFUSED.damaged());
      const parser = new SaxesParser({ xmlns: false, position: false });
      const decoder = new StringDecoder('utf8');
      let depth = 0;
      let run = 0;
      let failed: unknown = null;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = e;
        stream.destroy();
        reject(e);
      };
      parser.on('opentag', (tag) => {
        if (++depth > limits.depth) throw REFUSED.structure(`元素嵌套超过${limits.depth}层`);
        handlers.open?.(tag, local(tag.name));
      });
      parser.on('closetag', (tag) => {
        depth--;
        handlers.close?.(local(tag.name));
      });
      if (handlers.text) {
        const onText = handlers.text;
        parser.on('text', onText);
        parser.on('cdata', onText);
      }
      parser.on('error', (e) => {
        throw e;
      });
      const feed = (s: string) => {
        // A text or tag of megabytes would be held whole by the parser: refuse it first.
        const lt = s.lastIndexOf('<');
        run = lt < 0 ? run + s.length : s.length - lt;
        if (run > limits.run) throw REFUSED.structure('一段文字或标记过长');
        parser.write(s);
      };
      const budget = budgets.get(zip);
      stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        try {
          if (budget && (budget.left -= chunk.length) < 0) throw REFUSED.tooLarge(null, limits.totalBytes);
          feed(decoder.write(chunk));
        } catch (e) {
          fail(e instanceof WorkbookRefused ? e : REFUSED.structure('XML 格式错误'));
        }
      });
      stream.on('error', (e: Error) => fail(/too many bytes|not enough bytes/.test(e.message) ? REFUSED.sizeMismatch() : REFUSED.damaged()));
      stream.on('end', () => {
        if (failed) return;
        try {
          feed(decoder.end());
          parser.close();
          resolve();
        } catch (e) {
          fail(e instanceof WorkbookRefused ? e : REFUSED.structure('XML 格式错误'));
        }
      });
    });
  });
}

// ---------- the workbook's parts ----------

interface SheetRef {
  name: string;
  path: string;
}

async function readRels(zip: yauzl.ZipFile, parts: Map<string, Part>, path: string, limits: ReadLimits): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const part = parts.get(path.toLowerCase());
  if (!part) return out;
  await parsePart(zip, part, limits, {
    open: (tag, name) => {
      if (name === 'Relationship' && typeof tag.attributes.Id === 'string') out.set(tag.attributes.Id, String(tag.attributes.Target ?? ''));
    },
  });
  return out;
}

/** `target` of a relationship of a part in `dir`, as a path in the zip. */
function resolveTarget(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${dir}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p && p !== '.') out.push(p);
  }
  return out.join('/');
}

/** Built-in number formats that are dates (ECMA-376 18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when it has date letters outside quotes and brackets (as exceljs decides). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** Which cell styles (xf indices) show numbers as dates. */
async function readDateStyles(zip: yauzl.ZipFile, part: Part | undefined, limits: ReadLimits): Promise<Set<number>> {
  const out = new Set<number>();
  if (!part) return out;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let xf = 0;
  await parsePart(zip, part, limits, {
    open: (tag, name) => {
      if (name === 'numFmt') custom.set(Number(tag.attributes.numFmtId), String(tag.attributes.formatCode ?? ''));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(tag.attributes.numFmtId ?? 0);
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id)) out.add(xf);
        xf++;
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return out;
}

async function readSharedStrings(zip: yauzl.ZipFile, part: Part | undefined, limits: ReadLimits): Promise<string[]> {
  const out: string[] = [];
  if (!part) return out;
  let chars = 0;
  let inT = false;
  let inPhonetic = 0;
  let current = '';
  await parsePart(zip, part, limits, {
    open: (_tag, name) => {
      if (name === 'si') current = '';
      else if (name === 't') inT = true;
      else if (name === 'rPh') inPhonetic++;
    },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic--;
      else if (name === 'si') {
        if (out.length >= limits.sharedStrings) throw REFUSED.sharedStrings();
        out.push(current);
      }
    },
    text: (t) => {
      if (!inT || inPhonetic) return;
      chars += t.length;
      if (chars > limits.sharedChars) throw REFUSED.sharedStrings();
      if (current.length + t.length > limits.cellChars) throw REFUSED.structure(`单元格超过${limits.cellChars}个字`);
      current += t;
    },
  });
  return out;
}

/** "AB12" → column 28 (0 when there are no letters). */
function columnOf(ref: string): number {
  let c = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k >= 65 && k <= 90) c = c * 26 + (k - 64);
    else if (k >= 97 && k <= 122) c = c * 26 + (k - 96);
    else break;
    if (c > 16384) return 16385;
  }
  return c;
}

function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

/** Excel's serial day number as a Date, as exceljs converts it. */
function excelDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

interface Counter {
  cells: number;
}

async function readSheet(
  zip: yauzl.ZipFile,
  part: Part | undefined,
  name: string,
  ctx: { strings: string[]; dates: Set<number>; date1904: boolean; limits: ReadLimits; counter: Counter },
): Promise<Sheet> {
  const { limits } = ctx;
  const rows: Cell[][] = [];
  if (!part) return { name, rows };
  const merges: string[] = [];
  let r = 0;
  let cells: Cell[] = [];
  let rowHasValue = false;
  let c = 0;
  let type = '';
  let style = 0;
  let text = '';
  let inValue = false;
  let inInline = false;
  let inT = false;
  let inPhonetic = 0;
  let gotValue = false;

  const endRow = () => {
    if (!rowHasValue) return;
    if (r > limits.rows) throw REFUSED.rows(name, limits.rows);
    rows[r - 1] = Array.from(cells, (x) => x ?? null);
  };
  await parsePart(zip, part, limits, {
    open: (tag, tn) => {
      const a = tag.attributes;
      switch (tn) {
        case 'row':
          r = typeof a.r === 'string' ? Number(a.r) || r + 1 : r + 1;
          cells = [];
          rowHasValue = false;
          c = 0;
          break;
        case 'c':
          c = typeof a.r === 'string' ? columnOf(a.r) || c + 1 : c + 1;
          type = String(a.t ?? 'n');
          style = Number(a.s ?? 0);
          text = '';
          gotValue = false;
          break;
        case 'v':
          inValue = true;
          gotValue = true;
          break;
        case 'is':
          inInline = true;
          gotValue = true;
          break;
        case 't':
          inT = true;
          break;
        case 'rPh':
          inPhonetic++;
          break;
        case 'mergeCell':
          if (typeof a.ref === 'string') merges.push(a.ref);
          break;
      }
    },
    close: (tn) => {
      switch (tn) {
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 't':
          inT = false;
          break;
        case 'rPh':
          inPhonetic--;
          break;
        case 'c': {
          if (!gotValue || c > limits.columns || c < 1) break;
          let v: Cell = null;
          if (type === 's') v = ctx.strings[Number(text)] ?? null;
          else if (type === 'inlineStr' || type === 'str') v = text;
          else if (type === 'b') v = text === '1' || text === 'true';
          else if (type === 'e') v = null;
          else if (type === 'd') {
            const d = new Date(text);
            v = Number.isNaN(d.getTime()) ? null : d;
          } else if (text.trim() !== '') {
            const n = Number(text);
            v = Number.isFinite(n) ? (ctx.dates.has(style) ? excelDate(n, ctx.date1904) : n) : null;
          }
          if (v === null) break;
          if (++ctx.counter.cells > limits.cells) throw REFUSED.cells(limits.cells);
          cells[c - 1] = v;
          rowHasValue = true;
          break;
        }
        case 'row':
          endRow();
          break;
      }
    },
    text: (t) => {
      if (!(inValue || (inInline && inT && !inPhonetic))) return;
      if (text.length + t.length > limits.cellChars) throw REFUSED.structure(`单元格超过${limits.cellChars}个字`);
      text += t;
    },
  });

  // Merged cells read as their master cell, within the rows and columns read.
  let filled = 0;
  for (const ref of merges) {
    const [from, to = from] = ref.split(':') as [string, string?];
    const r1 = rowOf(from);
    const c1 = columnOf(from);
    const r2 = Math.min(rowOf(to), limits.rows);
    const c2 = Math.min(columnOf(to), limits.columns);
    if (!r1 || !c1 || r1 > r2 || c1 > c2) continue;
    const master = rows[r1 - 1]?.[c1 - 1] ?? null;
    if (master === null) continue;
    for (let rr = r1; rr <= r2; rr++) {
      for (let cc = c1; cc <= c2; cc++) {
        if (rr === r1 && cc === c1) continue;
        if (++filled > limits.mergedCells) throw REFUSED.structure('合并单元格过多');
        const row = (rows[rr - 1] ??= []);
        for (let k = row.length; k < cc - 1; k++) row[k] = null;
        row[cc - 1] = master;
      }
    }
  }
  return { name, rows: Array.from(rows, (x) => x ?? []) };
}

/** Every worksheet of an .xlsx file as plain cells, or a WorkbookRefused saying why not. */
export async function readWorkbookBounded(data: Uint8Array, overrides: Partial<ReadLimits> = {}): Promise<Sheet[]> {
  const limits = { ...READ_LIMITS, ...overrides };
  const { zip, parts } = await centralDirectory(data, limits);
  budgets.set(zip, { left: limits.totalBytes });
  try {
    const rootRels = await readRels(zip, parts, '_rels/.rels', limits);
    const officeDoc = [...rootRels.values()].find((t) => /workbook\.xml$/i.test(t));
    const wbPath = officeDoc ? resolveTarget('', officeDoc) : 'xl/workbook.xml';
    const wbPart = parts.get(wbPath.toLowerCase());
    if (!wbPart) throw REFUSED.noWorkbook();
    const wbDir = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/')) : '';
    const relsPath = `${wbDir ? `${wbDir}/` : ''}_rels/${wbPath.slice(wbPath.lastIndexOf('/') + 1)}.rels`;
    const rels = await readRels(zip, parts, relsPath, limits);

    const refs: SheetRef[] = [];
    let date1904 = false;
    await parsePart(zip, wbPart, limits, {
      open: (tag, name) => {
        const a = tag.attributes;
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        else if (name === 'sheet') {
          const id = Object.entries(a).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
          const target = typeof id === 'string' ? rels.get(id) : undefined;
          if (target !== undefined) refs.push({ name: String(a.name ?? ''), path: resolveTarget(wbDir, target) });
        }
      },
    });
    const relOfType = (re: RegExp) => [...rels.values()].find((t) => re.test(t));
    const stylesTarget = relOfType(/styles\.xml$/i);
    const stringsTarget = relOfType(/sharedStrings\.xml$/i);
    const part = (t: string | undefined) => (t === undefined ? undefined : parts.get(resolveTarget(wbDir, t).toLowerCase()));
    const dates = await readDateStyles(zip, part(stylesTarget), limits);
    const strings = await readSharedStrings(zip, part(stringsTarget), limits);
    const counter = { cells: 0 };
    const sheets: Sheet[] = [];
    // Worksheets only (a chartsheet has no cells), in the workbook's order; a part is one sheet.
    const seen = new Set<string>();
    for (const ref of refs) {
      if (!/worksheets\//i.test(ref.path)) continue;
      if (seen.has(ref.path.toLowerCase())) throw REFUSED.structure('多个工作表指向同一部件');
      seen.add(ref.path.toLowerCase());
      sheets.push(await readSheet(zip, parts.get(ref.path.toLowerCase()), ref.name, { strings, dates, date1904, limits, counter }));
    }
    return sheets;
  } finally {
    zip.close();
  }
}
