/**
 * A bound volume (shared/archive/volume.ts) as a Word document: cover, 卷内文件目录
 * with page references to each 件, the rules in front of each part, every 件 on
 * a new page under its 归档章, and the 卷内备考表. Page numbers sit top right on
 * odd (recto) pages and top left on even (verso) pages; the cover carries none.
 * The 页号, 页数 and page counts are fields (PAGEREF, a formula of two PAGEREFs,
 * NUMPAGES) that Word updates when it opens the file (updateFields) and
 * LibreOffice when it exports; when the volume's PDF was laid out first, each
 * carries the PDF's figure as its result, so the file reads right before any
 * update (Protected View) and Word and PDF name the same pages.
 */
import fs from 'node:fs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  CATALOGUE_COLUMNS,
  CATALOGUE_TYPE,
  catalogueRow,
  coverRows,
  followingAnchors,
  CATALOGUE_ANCHOR,
  NOTES_ANCHOR,
  notesLines,
  notesSignatures,
  rulesAnchor,
  stampCells,
  volumeItems,
  volumeLayout,
  type Volume,
  type VolumeItem,
  type VolumeLayout,
  type VolumePages,
} from '../../../../shared/archive/volume.js';
import { xmlSafe } from '../../../../shared/text.js';
import { checkImages, shownImage, type VolumeImages } from '../images.js';
import { fieldRuns, numPages, pageRef, pageSpan, type Field } from './fields.js';
import { FONT_TABLE_XML } from './fontTable.js';
import { printDocBody, run } from './printDoc.js';
import { A4_PAGE, DOC_GRID, font, FONT, LINE, SIZE, TEXT_WIDTH } from './style.js';

const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };
const twip = (mm: number) => Math.round((mm / 25.4) * 1440);

/** Table cells in 五号 unless a run says otherwise. */
const CELL_STYLE = 'ArchiveTableCell';

/** A run in a table cell's size by default (the text goes through `run`, the one place text enters the document). */
const plain = (text: string, size: number = SIZE.caption, face: string = FONT.body) => run(text, face, size);

/** A field's runs in the body face at `size`. */
const field = (f: Field, size: number) => fieldRuns(f, { font: font(FONT.body), size });

/** Where a volume laid out by its PDF has its pages; the fields of a volume without (null) carry no result. */
class Figures {
  private readonly laid: VolumeLayout | null;
  private readonly next: Map<string, string>;

  constructor(v: Volume, pages: VolumePages | null) {
    this.laid = volumeLayout(v, pages);
    this.next = followingAnchors(v);
  }

  /** 页号: the page the 件 starts on. */
  start(anchor: string): Field {
    return pageRef(anchor, this.laid?.pages.starts.get(anchor));
  }

  /** 页数: from the 件's start to the next section's. */
  count(anchor: string): Field {
    return pageSpan(this.start(anchor), this.start(this.next.get(anchor)!), this.laid?.counts.get(anchor));
  }

  /** 共N页. */
  total(): Field {
    return numPages(this.laid?.pages.total);
  }
}

/** How a table's cells are set: line pitch and cell padding (twips), as the PDF's CSS sets the same table. */
interface CellSet {
  line: number;
  pad: number;
}

/** The cover's rows: 16 pt lines, 3 pt padding. */
const COVER_CELL: CellSet = { line: 320, pad: 60 };
/** The 目录 as in the PDF (CATALOGUE_TYPE; twips: Word's own 16 pt lines ran 4 pages longer). */
const CATALOGUE_CELL: CellSet = { line: CATALOGUE_TYPE.line * 20, pad: CATALOGUE_TYPE.pad * 20 };

function tableCell(children: TextRun[], width: number, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER, set: CellSet = COVER_CELL) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders,
    margins: { left: set.pad, right: set.pad, top: set.pad / 2, bottom: set.pad / 2 },
    children: [new Paragraph({ style: CELL_STYLE, alignment: align, spacing: { line: set.line, lineRule: LINE.lineRule }, children })],
  });
}

function pageNumberHeader(align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  return new Header({
    children: [new Paragraph({ alignment: align, children: [new TextRun({ children: [PageNumber.CURRENT], font: font(FONT.latin), size: SIZE.small })] })],
  });
}

/** A section's title on a new page; `anchor` bookmarks it, for the PAGEREFs that end the 件 before it. */
const heading = (text: string, anchor?: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore: true,
    keepNext: true,
    spacing: { line: 800, lineRule: LINE.lineRule, after: 200 },
    children: anchor ? [new Bookmark({ id: anchor, children: [run(text, FONT.title, SIZE.title)] })] : [run(text, FONT.title, SIZE.title)],
  });

function cover(v: Volume, figures: Figures): (Paragraph | Table)[] {
  const c = v.cover;
  const w = [0.28, 0.72].map((f) => Math.round(TEXT_WIDTH * f));
  const row = (label: string, value: TextRun[]) =>
    new TableRow({
      cantSplit: true,
      height: { value: twip(10), rule: 'atLeast' },
      children: [tableCell([plain(label, SIZE.body, FONT.heading)], w[0]!), tableCell(value, w[1]!, AlignmentType.LEFT)],
    });
  return [
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`档号：${c.code}`, FONT.body, SIZE.small)] }),
    new Paragraph({ spacing: { before: twip(12) }, alignment: AlignmentType.CENTER, children: [run(c.fondsName, FONT.heading, SIZE.body)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 200, after: twip(10), line: 800, lineRule: LINE.lineRule },
      children: [run(c.title, FONT.title, SIZE.title)],
    }),
    new Table({
      layout: TableLayoutType.FIXED,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: w,
      rows: coverRows(v, null).map(([label, value]) =>
        label === '件数/页数'
          ? row(label, [plain(`本卷共${c.items}件，共`, SIZE.body), ...field(figures.total(), SIZE.body), plain('页', SIZE.body)])
          : row(label, [plain(value, SIZE.body)]),
      ),
    }),
  ];
}

/** The 目录 cells that are fields: the 件's pages and its first page. */
const CATALOGUE_FIELDS: Partial<Record<(typeof CATALOGUE_COLUMNS)[number][0], (f: Figures, anchor: string) => Field>> = {
  页数: (f, a) => f.count(a),
  页号: (f, a) => f.start(a),
};

function catalogue(v: Volume, figures: Figures): (Paragraph | Table)[] {
  const widths = CATALOGUE_COLUMNS.map(([, f]) => Math.round(TEXT_WIDTH * f));
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: CATALOGUE_COLUMNS.map(([h], i) => tableCell([plain(h, SIZE.catalogue, FONT.heading)], widths[i]!, AlignmentType.CENTER, CATALOGUE_CELL)),
  });
  const rows = volumeItems(v).map((it, n) => {
    const row = catalogueRow(it, n + 1, null);
    return new TableRow({
      cantSplit: true,
      children: CATALOGUE_COLUMNS.map(([h, , align], i) => {
        const f = CATALOGUE_FIELDS[h];
        const cell = f ? field(f(figures, it.anchor), SIZE.catalogue) : [plain(row[h], SIZE.catalogue)];
        return tableCell(cell, widths[i]!, align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER, CATALOGUE_CELL);
      }),
    });
  });
  return [
    heading('卷内文件目录', CATALOGUE_ANCHOR),
    new Table({ layout: TableLayoutType.FIXED, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows] }),
  ];
}

function stamp(v: Volume, it: VolumeItem, figures: Figures): Table {
  const w = twip(27);
  const cells = stampCells(v, it, null).map(([label, value]) =>
    new TableCell({
      width: { size: w, type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 40, right: 40, top: 20, bottom: 20 },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 260, lineRule: LINE.lineRule }, children: [plain(label, 16, FONT.heading)] }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: 260, lineRule: LINE.lineRule },
          children: label === '页数' ? field(figures.count(it.anchor), SIZE.caption) : [plain(value, SIZE.caption)],
        }),
      ],
    }),
  );
  return new Table({
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.RIGHT,
    width: { size: w * 3, type: WidthType.DXA },
    columnWidths: [w, w, w],
    rows: [new TableRow({ cantSplit: true, children: cells.slice(0, 3) }), new TableRow({ cantSplit: true, children: cells.slice(3) })],
  });
}

/**
 * Images go into the package uncompressed (JPEG and PNG are compressed already;
 * deflating 100 MB of photos again took seconds and held copies in memory):
 * the document is built with a small token in place of each image, and the
 * tokens are swapped for the files' bytes when the package is written.
 */
class MediaStash {
  private readonly paths = new Map<string, string>();

  token(path: string): Buffer {
    const t = `\u0000branch-ledger-media:${this.paths.size}\u0000`;
    this.paths.set(t, path);
    return Buffer.from(t);
  }

  /**
   * Write the package to `file` with every token replaced by its file, stored
   * without compression, and the parts `edits` names rewritten. Each entry has its
   * CRC and sizes in its local header and no data descriptor after it (zipSync
   * knows the whole entry before it writes it; the streaming Zip does not and
   * sets bit 3), as archive checkers and older unzippers want; the cost is the
   * photos all in memory while the package is put together.
   */
  write(docx: Uint8Array, file: string, edits: Readonly<Record<string, (xml: string) => string>>): void {
    const entries: Zippable = {};
    for (const [name, data] of Object.entries(unzipSync(docx))) {
      const path = name.startsWith('word/media/') && data.length < 64 ? this.paths.get(Buffer.from(data).toString()) : undefined;
      const edit = edits[name];
      entries[name] = path ? [fs.readFileSync(path), { level: 0 }] : [edit ? strToU8(edit(strFromU8(data))) : data, { level: 6 }];
    }
    fs.writeFileSync(file, zipSync(entries), { flush: true });
  }
}

function item(v: Volume, it: VolumeItem, figures: Figures, media: MediaStash, checked: VolumeImages): (Paragraph | Table)[] {
  const images = it.images.map((im) => {
    const shown = shownImage(checked.get(im.path));
    return { im, listed: shown.listed, loaded: shown.info && { ...shown.info, bytes: media.token(shown.info.file) } };
  });
  return [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 0, line: 240, lineRule: LINE.lineRule },
      children: [new Bookmark({ id: it.anchor, children: [new TextRun('')] })],
    }),
    stamp(v, it, figures),
    new Paragraph({ spacing: { after: 120 } }),
    ...printDocBody(it.print, {
      images: images.flatMap((x) => (x.loaded ? [x.loaded] : [])),
      others: [...it.others, ...images.flatMap((x) => (x.listed ? [`${x.im.name}（${x.listed}）`] : []))],
    }),
  ];
}

function rules(label: string, anchor: string, list: Volume['parts'][number]['rules']): Paragraph[] {
  const out = [heading(label, anchor)];
  for (const r of list) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { ...LINE, before: 200 }, children: [run(r.title, FONT.heading)] }));
    for (const line of r.paragraphs) {
      out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [run(line)] }));
    }
  }
  return out;
}

function notes(v: Volume, figures: Figures): (Paragraph | Table)[] {
  // The count line carries the page total as a field; the rest is shared with the PDF's 备考表.
  const lines: (TextRun | string)[][] = [[`本卷共${v.cover.items}件，共`, ...field(figures.total(), SIZE.body), '页。'], ...notesLines(v).map((l) => [l])];
  const para = (parts: (TextRun | string)[]) =>
    new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: parts.map((p) => (typeof p === 'string' ? run(p) : p)) });
  const box = new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            borders,
            margins: { left: 120, right: 120, top: 120, bottom: 120 },
            children: [
              new Paragraph({ spacing: LINE, children: [run('本卷情况说明：', FONT.heading)] }),
              ...lines.map((l) => para(l)),
              // the signature lines stay together
              ...notesSignatures(v).map(
                (l, i, all) =>
                  new Paragraph({ spacing: { ...LINE, before: i === 0 ? 400 : 0 }, keepNext: i < all.length - 1, keepLines: true, alignment: AlignmentType.RIGHT, children: [run(l)] }),
              ),
            ],
          }),
        ],
      }),
    ],
  });
  return [heading('卷内备考表', NOTES_ANCHOR), box];
}

function volumeDocument(v: Volume, pages: VolumePages | null, media: MediaStash, images: VolumeImages): Document {
  const figures = new Figures(v, pages);
  const body: (Paragraph | Table)[] = [...cover(v, figures), ...catalogue(v, figures)];
  for (const [i, part] of v.parts.entries()) {
    if (part.rules.length) body.push(...rules(part.label, rulesAnchor(i), part.rules));
    for (const it of part.items) body.push(...item(v, it, figures, media, images));
  }
  body.push(...notes(v, figures));
  return new Document({
    creator: '支部四本一档',
    title: xmlSafe(v.cover.title),
    features: { updateFields: true },
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(FONT.body), size: SIZE.body, language: { eastAsia: 'zh-CN' } } } },
      paragraphStyles: [{ id: CELL_STYLE, name: 'Archive table cell', run: { font: font(FONT.body), size: SIZE.caption } }],
    },
    sections: [
      {
        properties: { page: A4_PAGE, grid: DOC_GRID, titlePage: true },
        headers: {
          first: new Header({ children: [new Paragraph({})] }),
          default: pageNumberHeader(AlignmentType.RIGHT),
          even: pageNumberHeader(AlignmentType.LEFT),
        },
        children: body,
      },
    ],
  });
}

/**
 * Paragraphs do not snap to the document grid (w:snapToGrid off in the
 * paragraph defaults): the grid is declared for Word's page setup (22 × 28),
 * but LibreOffice, snapping every line of the 小五 目录 and the 归档章 to the
 * 28.95 pt pitch, paginated a volume of 21 pages on 29. The lines keep the
 * grid's pitch anyway (LINE is exact). The docx library has no paragraph
 * option for it, so the default goes into styles.xml as the package is written.
 */
function noGridSnap(styles: string): string {
  const NO_SNAP = '<w:pPrDefault><w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:pPrDefault>';
  if (!styles.includes('<w:pPrDefault/>')) throw new Error('styles.xml: no empty w:pPrDefault to set snapToGrid in');
  return styles.replace('<w:pPrDefault/>', NO_SNAP);
}

/**
 * Write the volume as a .docx file; `pages` are its PDF's (the fields' results),
 * or null when no PDF is made.
 */
export async function writeVolumeDocx(v: Volume, file: string, images: VolumeImages = checkImages(volumeItems(v)), pages: VolumePages | null = null): Promise<void> {
  const media = new MediaStash();
  media.write(await Packer.toBuffer(volumeDocument(v, pages, media, images)), file, { 'word/fontTable.xml': () => FONT_TABLE_XML, 'word/styles.xml': noGridSnap });
}
