/**
 * A bound volume (shared/archive/volume.ts) as a Word document: cover, 卷内文件目录
 * with page references to each 件, the rules in front of each part, every 件 on
 * a new page under its 归档章, and the 卷内备考表. Page numbers sit top right on
 * odd (recto) pages and top left on even (verso) pages; the cover carries none.
 * The 页号 and 页数 are fields (PAGEREF, NUMPAGES) that Word fills when it opens
 * the file (updateFields) and LibreOffice when it exports.
 */
import fs from 'node:fs';
import { unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  Header,
  Packer,
  PageNumber,
  PageReference,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { CATALOGUE_COLUMNS, catalogueRow, coverRows, notesLines, notesSignatures, stampCells, volumeItems, type Volume, type VolumeItem } from '../../../../shared/archive/volume.js';
import { xmlSafe } from '../../../../shared/text.js';
import { checkImages, shownImage, type VolumeImages } from '../images.js';
import { printDocBody, run } from './printDoc.js';
import { A4_PAGE, font, FONT, LINE, SIZE, TEXT_WIDTH } from './style.js';

const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };
const twip = (mm: number) => Math.round((mm / 25.4) * 1440);

/** Table cells in 五号: the 页号 fields take the size from the paragraph style, as fields carry no run options here. */
const CELL_STYLE = 'ArchiveTableCell';

/** A run in a table cell's size by default (the text goes through `run`, the one place text enters the document). */
const plain = (text: string, size: number = SIZE.caption, face: string = FONT.body) => run(text, face, size);

function tableCell(children: (TextRun | PageReference)[], width: number, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    borders,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [new Paragraph({ style: CELL_STYLE, alignment: align, spacing: { line: 320, lineRule: LINE.lineRule }, children })],
  });
}

function pageNumberHeader(align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  return new Header({
    children: [new Paragraph({ alignment: align, children: [new TextRun({ children: [PageNumber.CURRENT], font: font(FONT.latin), size: SIZE.small })] })],
  });
}

const heading = (text: string, pageBreak = true) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore: pageBreak,
    spacing: { line: 800, lineRule: LINE.lineRule, after: 200 },
    children: [run(text, FONT.title, SIZE.title)],
  });

function cover(v: Volume): (Paragraph | Table)[] {
  const c = v.cover;
  const w = [0.28, 0.72].map((f) => Math.round(TEXT_WIDTH * f));
  const row = (label: string, value: (TextRun | PageReference)[]) =>
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
          ? row(label, [plain(`本卷共${c.items}件，`, SIZE.body), new TextRun({ children: ['共', PageNumber.TOTAL_PAGES, '页'], font: font(FONT.body), size: SIZE.body })])
          : row(label, [plain(value, SIZE.body)]),
      ),
    }),
  ];
}

function catalogue(v: Volume): (Paragraph | Table)[] {
  const widths = CATALOGUE_COLUMNS.map(([, f]) => Math.round(TEXT_WIDTH * f));
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: CATALOGUE_COLUMNS.map(([h], i) => tableCell([plain(h, SIZE.catalogue, FONT.heading)], widths[i]!)),
  });
  const rows = volumeItems(v).map((it, n) => {
    const row = catalogueRow(it, n + 1, null);
    return new TableRow({
      cantSplit: true,
      children: CATALOGUE_COLUMNS.map(([h, , align], i) =>
        tableCell([h === '页号' ? new PageReference(it.anchor) : plain(row[h], SIZE.catalogue)], widths[i]!, align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER),
      ),
    });
  });
  return [
    heading('卷内文件目录'),
    new Table({ layout: TableLayoutType.FIXED, width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, rows: [head, ...rows] }),
  ];
}

function stamp(v: Volume, it: VolumeItem): Table {
  const w = twip(27);
  const cells = stampCells(v, it, null).map(([label, value]) =>
    new TableCell({
      width: { size: w, type: WidthType.DXA },
      borders,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 40, right: 40, top: 20, bottom: 20 },
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 260, lineRule: LINE.lineRule }, children: [plain(label, 16, FONT.heading)] }),
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 260, lineRule: LINE.lineRule }, children: [plain(value, SIZE.caption)] }),
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
   * without compression; streamed, so one photo at a time is in memory.
   */
  write(docx: Uint8Array, file: string): void {
    const fd = fs.openSync(file, 'w');
    try {
      const zip = new Zip((err, chunk) => {
        if (err) throw err;
        fs.writeSync(fd, chunk);
      });
      for (const [name, data] of Object.entries(unzipSync(docx))) {
        const path = name.startsWith('word/media/') && data.length < 64 ? this.paths.get(Buffer.from(data).toString()) : undefined;
        const entry = path ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
        zip.add(entry);
        entry.push(path ? fs.readFileSync(path) : data, true);
      }
      zip.end();
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

function item(v: Volume, it: VolumeItem, media: MediaStash, checked: VolumeImages): (Paragraph | Table)[] {
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
    stamp(v, it),
    new Paragraph({ spacing: { after: 120 } }),
    ...printDocBody(it.print, {
      images: images.flatMap((x) => (x.loaded ? [x.loaded] : [])),
      others: [...it.others, ...images.flatMap((x) => (x.listed ? [`${x.im.name}（${x.listed}）`] : []))],
    }),
  ];
}

function rules(label: string, list: Volume['parts'][number]['rules']): Paragraph[] {
  const out = [heading(label)];
  for (const r of list) {
    out.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, before: 200 }, children: [run(r.title, FONT.heading)] }));
    for (const line of r.paragraphs) {
      out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [run(line)] }));
    }
  }
  return out;
}

function notes(v: Volume): (Paragraph | Table)[] {
  // The count line carries the page total as a field; the rest is shared with the PDF's 备考表.
  const lines: (TextRun | string)[][] = [
    [`本卷共${v.cover.items}件，共`, new TextRun({ children: [PageNumber.TOTAL_PAGES], font: font(FONT.body), size: SIZE.body }), '页。'],
    ...notesLines(v).map((l) => [l]),
  ];
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
              ...notesSignatures(v).map(
                (l, i) => new Paragraph({ spacing: { ...LINE, before: i === 0 ? 400 : 0 }, alignment: AlignmentType.RIGHT, children: [run(l)] }),
              ),
            ],
          }),
        ],
      }),
    ],
  });
  return [heading('卷内备考表'), box];
}

function volumeDocument(v: Volume, media: MediaStash, images: VolumeImages): Document {
  const body: (Paragraph | Table)[] = [...cover(v), ...catalogue(v)];
  for (const part of v.parts) {
    if (part.rules.length) body.push(...rules(part.label, part.rules));
    for (const it of part.items) body.push(...item(v, it, media, images));
  }
  body.push(...notes(v));
  return new Document({
    creator: '支部四本一档',
    title: xmlSafe(v.cover.title),
    features: { updateFields: true },
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(FONT.body), size: SIZE.body } } },
      paragraphStyles: [{ id: CELL_STYLE, name: 'Archive table cell', run: { font: font(FONT.body), size: SIZE.caption } }],
    },
    sections: [
      {
        properties: { page: A4_PAGE, titlePage: true },
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

/** Write the volume as a .docx file. */
export async function writeVolumeDocx(v: Volume, file: string, images: VolumeImages = checkImages(volumeItems(v))): Promise<void> {
  const media = new MediaStash();
  media.write(await Packer.toBuffer(volumeDocument(v, media, images)), file);
}
