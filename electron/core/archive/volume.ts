/**
 * The year's bound volumes as data (shared/archive/volume.ts), read from the
 * database in one go on the calling thread: 定稿 records of the year in book,
 * part and date order, each with its print description, its 档号 and its
 * attachments; the rules at the front of each part; the 备考表's notes.
 * Laying out (Word, HTML, PDF) happens elsewhere, off this thread.
 */
import { BOOK_TREE, recordType, type BookDef, type BookId } from '../../../shared/books/index.js';
import type { Retention } from '../../../shared/books/types.js';
import { branchShortName, type Gap } from '../../../shared/archive/model.js';
import type { RecordDto } from '../../../shared/methods/records.js';
import { chineseDate } from '../../../shared/dates.js';
import { fileNameWith } from '../../../shared/filenames.js';
import { recordTitle } from '../../../shared/print/display.js';
import { recordPrintDoc } from '../../../shared/print/record.js';
import { shownRecord } from '../../../shared/books/privacy.js';
import {
  eightDigitDate,
  RETENTION_CODE,
  RETENTION_ORDER,
  ruleParagraphs,
  type Volume,
  type VolumeImage,
  type VolumeItem,
  type VolumeMode,
  type VolumePart,
} from '../../../shared/archive/volume.js';
import { blobPath } from '../attachments/store.js';
import { groupContext } from '../branch/groups.js';
import { requireBranch } from '../branch/service.js';
import { all, q, type Db } from '../db/sql.js';
import { yearRecords } from '../records/service.js';
import { listRules } from '../rules/service.js';

/**
 * At most this many 件 are bound in one volume; a book with more (a crew's
 * daily 班前会) is bound in several, 第1卷, 第2卷 …, as a 案卷 is kept to a
 * thickness that binds (and one volume's Word file to a size that builds
 * in a few hundred megabytes).
 */
export const MAX_ITEMS_PER_VOLUME = 200;

/** Parts cut into volumes of at most `max` 件, in 目录 order; a part cut in two goes on as （续） without its rules. */
export function splitParts(parts: readonly VolumePart[], max: number): VolumePart[][] {
  const out: VolumePart[][] = [];
  let current: VolumePart[] = [];
  let n = 0;
  for (const part of parts) {
    let rest = part.items;
    let first = true;
    while (rest.length) {
      if (n === max) {
        out.push(current);
        current = [];
        n = 0;
      }
      const take = rest.slice(0, max - n);
      current.push({ label: first ? part.label : `${part.label}（续）`, rules: first ? part.rules : [], items: take });
      n += take.length;
      rest = rest.slice(take.length);
      first = false;
    }
  }
  if (current.length) out.push(current);
  return out;
}

export interface VolumeOptions {
  year: number;
  mode: VolumeMode;
  /** Print 身份证号 in full (masked otherwise). */
  fullIds: boolean;
  /** The year's gaps, each written into the 备考表 of its book's volume. */
  gaps: Pick<Gap, 'book' | 'message' | 'retention'>[];
  log: string[];
  compiler: string;
  checker: string;
  /** 立卷时间 (ISO date). */
  date: string;
  /** 件 per volume at most (default MAX_ITEMS_PER_VOLUME). */
  maxItems?: number;
}

interface FileRow {
  record_id: number;
  sha256: string;
  name: string;
  mime: string;
}

function attachmentsOf(db: Db, ids: number[]): Map<number, FileRow[]> {
  const out = new Map<number, FileRow[]>();
  if (!ids.length) return out;
  const rows = all(
    db,
    q
      .selectFrom('attachments as a')
      .innerJoin('blobs as b', 'b.sha256', 'a.sha256')
      .select(['a.record_id', 'a.sha256', 'a.name', 'b.mime'])
      .where('a.removed_at', 'is', null)
      .where('a.record_id', 'in', ids)
      .orderBy('a.id'),
  );
  for (const r of rows) out.set(r.record_id, [...(out.get(r.record_id) ?? []), r]);
  return out;
}

/** Every volume the year binds into: one per book that holds records, or one for everything. */
export function buildVolumes(db: Db, dataDir: string, textsDir: string, opts: VolumeOptions): Volume[] {
  const branch = requireBranch(db);
  const ctx = groupContext(db);
  const records = yearRecords(db, opts.year).filter((r) => r.status === 'final');
  const files = attachmentsOf(db, records.map((r) => r.id));
  const rules = new Map(listRules(db, textsDir).map((r) => [r.id, r]));
  const fonds = branch.fondsNo || '（未设全宗号）';
  // 责任者 in the 目录: the branch's 简称 (DA/T 22 allows it), where the 件 names the branch itself
  const shortName = branch.shortName || branchShortName(branch.name);

  const item = (rec: RecordDto, book: BookDef, no: number): VolumeItem => {
    const def = recordType(rec.type);
    const shown = shownRecord(def, rec, opts.fullIds);
    const print = recordPrintDoc(def, shown, branch.name, ctx);
    const title = def.kind === 'document' ? print.title : `[${print.title}${print.subtitle ? `（${print.subtitle}）` : ''}：${recordTitle(def, rec.data, ctx)}]`;
    const images: VolumeImage[] = [];
    const others: string[] = [];
    for (const f of files.get(rec.id) ?? []) {
      if (f.mime === 'image/jpeg' || f.mime === 'image/png') images.push({ name: f.name, path: blobPath(dataDir, f.sha256), mime: f.mime });
      else others.push(f.name);
    }
    const str = (k: string) => (typeof rec.data[k] === 'string' ? (rec.data[k] as string).trim() : '');
    const docAuthor = def.kind === 'document' ? str('author') : '';
    return {
      no,
      anchor: `j${String(no).padStart(4, '0')}`,
      code: `${fonds}-WS·${opts.year}-${RETENTION_CODE[def.retention]}-${book.code}-${String(no).padStart(4, '0')}`,
      docNo: def.kind === 'document' ? str('docNumber') : '',
      author: docAuthor && docAuthor !== branch.name ? docAuthor : shortName,
      title,
      date: eightDigitDate(rec.date),
      retention: def.retention,
      notes: images.length + others.length ? `附件${images.length + others.length}份` : '',
      recordId: rec.id,
      print,
      images,
      others,
    };
  };

  /** The parts of a book holding its 件 of one retention class, numbered on from `counter`. */
  const partsOf = (book: BookDef, single: boolean, retention: Retention, counter: { n: number }): VolumePart[] =>
    book.parts
      .map((part) => {
        const inPart = records.filter((r) => {
          const def = recordType(r.type);
          return def.book === book.id && def.part === part.id && def.retention === retention;
        });
        return {
          label: single ? `${book.label} · ${part.label}` : part.label,
          rules: part.rules.map((id) => rules.get(id)).filter((r) => r !== undefined).map((r) => ({ title: r.title, paragraphs: ruleParagraphs(r.body) })),
          items: inPart.map((r) => item(r, book, ++counter.n)),
        };
      })
      .filter((p) => p.items.length > 0);

  const volume = (key: string, book: string, category: string, retention: Retention, parts: VolumePart[], code: string, piece?: { no: number; of: number }): Volume => {
    const items = parts.flatMap((p) => p.items);
    const dates = items.map((i) => i.date).sort();
    return {
      key: piece ? `${key}-${piece.no}` : key,
      book,
      piece: piece ?? null,
      // the stem of <fileBase>.docx and .pdf: room left for the extension
      fileBase: fileNameWith(`${opts.year}年度_`, category, piece ? `_第${piece.no}卷` : '', { fallback: '卷册', max: 60, room: '.docx'.length }),
      cover: {
        fondsName: branch.name,
        fondsNo: branch.fondsNo,
        category,
        title: `${branch.name}${opts.year}年度${category}${piece ? `（第${piece.no}卷，共${piece.of}卷）` : ''}`,
        year: opts.year,
        from: dates[0] ?? '',
        to: dates.at(-1) ?? '',
        retention,
        items: items.length,
        code: `${fonds}-WS·${opts.year}-${RETENTION_CODE[retention]}-${code}${piece ? `-${String(piece.no).padStart(2, '0')}` : ''}`,
      },
      parts,
      notes: { gaps: [], otherBooks: [], gapsIn: '', log: opts.log, compiler: opts.compiler, checker: opts.checker, date: chineseDate(opts.date) },
    };
  };

  /**
   * A book's (or everything's) 件 bound by 保管期限 (DA/T 22 keeps the classes
   * apart): one volume per class that holds 件, or several when a class holds
   * too many; each class numbered from 0001. A book of a single class that year
   * keeps its plain name; otherwise each volume names its class, 党支部综合记录（永久）.
   */
  const bind = (key: string, label: string, code: string, partsIn: (r: Retention, counter: { n: number }) => VolumePart[]): Volume[] => {
    const classes = RETENTION_ORDER.map((r) => ({ r, parts: partsIn(r, { n: 0 }) })).filter((c) => c.parts.length);
    const several = classes.length > 1;
    return classes.flatMap(({ r, parts }) => {
      const k = several ? `${key}-${RETENTION_CODE[r]}` : key;
      const category = several ? `${label}（${r}）` : label;
      const pieces = splitParts(parts, opts.maxItems ?? MAX_ITEMS_PER_VOLUME);
      if (pieces.length <= 1) return pieces.map((p) => volume(k, label, category, r, p, code));
      return pieces.map((p, i) => volume(k, label, category, r, p, code, { no: i + 1, of: pieces.length }));
    });
  };

  /**
   * A book's gaps go into the 备考表 of the first volume of their 保管期限 (the class of the missing
   * record's type), those of a class without a volume this year or of none into the book's first;
   * the other volumes of a class (第2卷…) say which one that is.
   */
  const note = (vs: Volume[], gaps: VolumeOptions['gaps']) => {
    const firstOf = new Map<string, Volume>();
    for (const v of vs) if (!firstOf.has(v.cover.retention)) firstOf.set(v.cover.retention, v);
    for (const g of gaps) ((g.retention && firstOf.get(g.retention)) || vs[0]!).notes.gaps.push(g.message);
    for (const v of vs) if (firstOf.get(v.cover.retention) !== v) v.notes.gapsIn = '第1卷';
  };
  const gapsOf = (book: BookId) => opts.gaps.filter((g) => g.book === book);

  if (opts.mode === 'single') {
    const vs = bind('all', '党支部“四本一档”', 'QB', (r, counter) => BOOK_TREE.flatMap((b) => partsOf(b, true, r, counter)));
    if (vs.length) note(vs, opts.gaps);
    return vs;
  }
  const byBook = BOOK_TREE.map((b) => ({ book: b, vs: bind(b.id, b.label, b.code, (r, counter) => partsOf(b, false, r, counter)) }));
  const out = byBook.flatMap((x) => x.vs);
  for (const { book, vs } of byBook) {
    const gaps = gapsOf(book.id);
    if (vs.length) note(vs, gaps);
    // A book with nothing to archive this year: its gaps go on paper in the first volume.
    else if (gaps.length && out.length) out[0]!.notes.otherBooks.push({ book: book.label, gaps: gaps.map((g) => g.message) });
  }
  return out;
}
