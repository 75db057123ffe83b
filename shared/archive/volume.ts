/**
 * A bound volume (案卷) of the year, GB/T 9705-2008 and DA/T 22-2015 as
 * DOMAIN.md §4 gives them: a cover, the 卷内文件目录, each part with its rules
 * in front and its records as 件, and the 卷内备考表. The core fills it from the
 * database; the Word, HTML and PDF builders lay out this one description.
 */
import type { Retention } from '../books/types.js';
import { chineseDate } from '../dates.js';
import type { PrintDoc } from '../print/record.js';

export type VolumeMode = 'books' | 'single';

/** 保管期限 codes in the 档号: 永久 Y, 定期30年 D30, 定期10年 D10. */
export const RETENTION_CODE: Record<Retention, string> = { 永久: 'Y', 定期30年: 'D30', 定期10年: 'D10' };

/** 保管期限 from the longest kept; a book's volumes of a year come in this order. */
export const RETENTION_ORDER: readonly Retention[] = ['永久', '定期30年', '定期10年'];

/** 2024-03-15 → 20240315, the date form of the 目录. */
export const eightDigitDate = (iso: string) => iso.replaceAll('-', '');

export interface VolumeImage {
  name: string;
  /** Absolute path of the stored file (content-addressed, no extension). */
  path: string;
  mime: 'image/jpeg' | 'image/png';
}

/** One 件: a record with its attachments. */
export interface VolumeItem {
  /**
   * 件号: from 1 in 目录 order within the year's 件 of one book (or of all,
   * for a single volume) and one 保管期限, so running on across the volumes a
   * class is bound in; the 目录's 序号 starts at 1 in every volume.
   */
  no: number;
  /** Bookmark and link target, e.g. j0007. */
  anchor: string;
  /** 档号: 全宗号-WS·年度-保管期限-机构（问题）-件号. */
  code: string;
  docNo: string;
  author: string;
  /** 题名; a title supplied by the archivist is in [ ]. */
  title: string;
  /** 8 digits. */
  date: string;
  retention: Retention;
  notes: string;
  recordId: number;
  print: PrintDoc;
  images: VolumeImage[];
  /** Attachments listed by name (PDFs, and files missing or damaged on disk). */
  others: string[];
}

export interface VolumeRule {
  title: string;
  /** The text's paragraphs as printed (markdown heading marks dropped). */
  paragraphs: string[];
}

/** A regulation text's body as printed paragraphs: one per non-empty line, without `#` heading marks. */
export const ruleParagraphs = (body: string): string[] =>
  body
    .split(/\r?\n/)
    .map((l) => l.replace(/^#+\s*/, '').trim())
    .filter(Boolean);

export interface VolumePart {
  /** The book (in a single volume) and part, e.g. 党支部综合记录 · “三会一课”记录. */
  label: string;
  rules: VolumeRule[];
  items: VolumeItem[];
}

export interface VolumeCover {
  fondsName: string;
  fondsNo: string;
  /** 类目名称: the book, or 党支部“四本一档” for a single volume. */
  category: string;
  /** 案卷题名. */
  title: string;
  year: number;
  /** 起止时间, 8 digits each ('' when the volume is empty). */
  from: string;
  to: string;
  retention: Retention;
  items: number;
  /** 案卷档号. */
  code: string;
}

export interface VolumeNotes {
  /** 本卷情况说明: what the completeness check found missing in this volume's book (or in the whole year, for a volume of everything). */
  gaps: string[];
  /**
   * Gaps of books that have no volume this year (nothing of theirs to archive),
   * printed in the first volume so that they are on paper somewhere.
   */
  otherBooks: { book: string; gaps: string[] }[];
  /** For the 第2卷… of a class bound in several: which volume's 备考表 lists the class's gaps, 第1卷 ('' otherwise). */
  gapsIn: string;
  log: string[];
  /** 立卷人, 检查人, 立卷时间 (Chinese date). */
  compiler: string;
  checker: string;
  date: string;
}

export interface Volume {
  /** A book id, or 'all' for the single volume; with the 保管期限 code where the book is bound by class, and the piece number. */
  key: string;
  /** The book bound (its label), or 党支部“四本一档”: the 类目名称 without the 保管期限. */
  book: string;
  /** Which of the volumes of one book and class this is, when it is bound in several. */
  piece: { no: number; of: number } | null;
  /** File name without extension, e.g. 2024年度_党支部综合记录. */
  fileBase: string;
  cover: VolumeCover;
  parts: VolumePart[];
  notes: VolumeNotes;
}

/** Every 件 of a volume in 目录 order. */
export const volumeItems = (v: Volume): VolumeItem[] => v.parts.flatMap((p) => p.items);

/**
 * 卷内文件目录 columns: GB/T 9705's 序号, 文号, 责任者, 题名, 日期, 页号, 备注 with
 * DA/T 22's 档号, 密级 and 页数 beside them; header, share of the type area, alignment.
 * The table is set in 小五 so that a row takes one or two lines and 序号, 日期,
 * 页数 and 页号 never wrap.
 */
export const CATALOGUE_COLUMNS = [
  // shares worked out at 9 pt on the 156 mm type area: 档号 and a 简称 such as 70158钻井队党支部
  // in two lines, 题名 of about 30 characters in two, eight digits of 日期 in one
  ['序号', 0.055, 'center'],
  ['档号', 0.155, 'left'],
  ['文号', 0.055, 'center'],
  ['责任者', 0.115, 'left'],
  ['题名', 0.29, 'left'],
  ['日期', 0.105, 'center'],
  ['密级', 0.055, 'center'],
  ['页数', 0.055, 'center'],
  ['页号', 0.055, 'center'],
  ['备注', 0.06, 'center'],
] as const;

export type CatalogueColumn = (typeof CATALOGUE_COLUMNS)[number][0];

/** The 目录's cells, the same in the PDF and in Word (points): 小五 on 12 pt lines, 2 pt padding. */
export const CATALOGUE_TYPE = { size: 9, line: 12, pad: 2 } as const;

/**
 * A row of the 目录 as text, by column; 页数 and 页号 are '' until the volume
 * is laid out (`laid`: the pages and the 件's page count; the layouts put a
 * field or a link there). 密级: the records carry none (a branch's 四本一档 are
 * not classified), so the cell stays empty.
 */
export function catalogueRow(it: VolumeItem, seq: number, laid: VolumeLayout | null): Record<CatalogueColumn, string> {
  return {
    序号: String(seq),
    档号: it.code,
    文号: it.docNo,
    责任者: it.author,
    题名: it.title,
    日期: it.date,
    密级: '',
    页数: laid ? String(laid.counts.get(it.anchor) ?? '') : '',
    页号: laid ? String(laid.pages.starts.get(it.anchor) ?? '') : '',
    备注: it.notes,
  };
}

/** Anchors of the sections that are not 件: a part's rules and the 备考表 (件 are j0001 …). */
export const rulesAnchor = (partIndex: number) => `r${partIndex + 1}`;
export const NOTES_ANCHOR = 'notes';
/** The 卷内文件目录's anchor (a bookmark of the PDF/A copy). */
export const CATALOGUE_ANCHOR = 'catalogue';

/**
 * What follows each 件 in the volume (the next 件, the next part's rules or the
 * 备考表), by the 件's anchor: every section starts on a new page, so a 件's
 * pages run from its own start to the page before that one.
 */
export function followingAnchors(v: Volume): Map<string, string> {
  const out = new Map<string, string>();
  let last: VolumeItem | null = null;
  v.parts.forEach((part, i) => {
    if (part.rules.length && last) out.set(last.anchor, rulesAnchor(i));
    for (const it of part.items) {
      if (last && !out.has(last.anchor)) out.set(last.anchor, it.anchor);
      last = it;
    }
  });
  if (last) out.set((last as VolumeItem).anchor, NOTES_ANCHOR);
  return out;
}

/**
 * Where a laid-out volume's sections start: each 件 by its anchor, and the
 * rules and 备考表 sections by theirs; with the total page count.
 */
export interface VolumePages {
  starts: ReadonlyMap<string, number>;
  total: number;
}

/** The pages of each 件, by its anchor. */
export type ItemPageCounts = ReadonlyMap<string, number>;

/** Every anchor a layout must report the page of: the 目录, the 件, the rules sections, the 备考表. */
export function volumeAnchors(v: Volume): string[] {
  return [CATALOGUE_ANCHOR, ...v.parts.flatMap((p, i) => [...(p.rules.length ? [rulesAnchor(i)] : []), ...p.items.map((it) => it.anchor)]), NOTES_ANCHOR];
}

/** The pages of every 件 of a laid-out volume: its own, not the rules or 备考表 after it. */
export function itemPages(v: Volume, pages: VolumePages): ItemPageCounts {
  const out = new Map<string, number>();
  for (const [anchor, next] of followingAnchors(v)) {
    const start = pages.starts.get(anchor) ?? 0;
    out.set(anchor, Math.max(1, (pages.starts.get(next) ?? pages.total + 1) - start));
  }
  return out;
}

/** A volume laid out: where its sections start, and each 件's pages (what the 目录, 归档章 and counts print). */
export interface VolumeLayout {
  pages: VolumePages;
  counts: ItemPageCounts;
}

/** The layout the pages give, or null before the volume is laid out. */
export const volumeLayout = (v: Volume, pages: VolumePages | null): VolumeLayout | null => pages && { pages, counts: itemPages(v, pages) };

const isoOf = (d8: string) => `${d8.slice(0, 4)}-${d8.slice(4, 6)}-${d8.slice(6)}`;

/** The cover's items (GB/T 9705); the page count is filled once the volume is laid out. */
export function coverRows(v: Volume, totalPages: string | null): [string, string][] {
  const c = v.cover;
  return [
    ['全宗名称', c.fondsName],
    ['全宗号', c.fondsNo || '—'],
    ['类目名称', c.category],
    ['案卷题名', c.title],
    ['起止时间', c.from ? `${chineseDate(isoOf(c.from))}至${chineseDate(isoOf(c.to))}` : ''],
    ['保管期限', c.retention],
    ['件数/页数', `本卷共${c.items}件，共${totalPages ?? '　'}页`],
    ['档号', c.code],
  ];
}

/** The 归档章 (DA/T 22-2015): 全宗号, 年度, 件号 over 机构（问题）, 保管期限, 页数 (filled where the pages are known). */
export function stampCells(v: Volume, it: VolumeItem, counts: ItemPageCounts | null): [string, string][] {
  return [
    ['全宗号', v.cover.fondsNo || '—'],
    ['年度', String(v.cover.year)],
    ['件号', String(it.no)],
    ['机构（问题）', it.code.split('-').at(-2) ?? ''],
    ['保管期限', it.retention],
    ['页数', counts ? String(counts.get(it.anchor) ?? '') : ''],
  ];
}

/** A gap as a numbered sentence of the 备考表. */
const gapLine = (g: string, i: number) => `${i + 1}. ${g}${/[。！？]$/.test(g) ? '' : '。'}`;

/**
 * The 卷内备考表's 情况说明 after its count line, in full sentences: what the
 * year's completeness check found missing in this volume's own book and 保管期限
 * (numbered), then in books with no volume this year, and the seal log.
 */
export function notesLines(v: Volume): string[] {
  const n = v.notes;
  const own = n.gapsIn
    ? [`本册的年度完整性检查缺项见${n.gapsIn}的卷内备考表。`]
    : n.gaps.length
      ? [`年度完整性检查发现《${v.cover.category}》有以下缺项，共${n.gaps.length}项：`, ...n.gaps.map(gapLine)]
      : [`年度完整性检查未发现《${v.cover.category}》有缺项。`];
  return [
    ...own,
    ...n.otherBooks.flatMap((o) => [`《${o.book}》本年度没有归档文件，年度完整性检查发现其有以下缺项，共${o.gaps.length}项：`, ...o.gaps.map(gapLine)]),
    ...(n.log.length ? ['本年度封存与解除封存记录：', ...n.log] : []),
  ];
}

/** The 备考表's signature lines (blank lines to sign by hand where no name was given). */
export function notesSignatures(v: Volume): string[] {
  const n = v.notes;
  return [`立卷人：${n.compiler || '＿＿＿＿＿＿'}`, `检查人：${n.checker || '＿＿＿＿＿＿'}`, `立卷时间：${n.date}`];
}
