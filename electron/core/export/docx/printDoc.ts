/** Lays out a shared PrintDoc (see shared/print) as a Word document. */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
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
import type { PrintDoc, PrintRow, PrintTable } from '../../../../shared/print/record.js';
import { xmlSafe } from '../../../../shared/text.js';
import { mmToPx, printedSize } from '../../../../shared/print/imageSize.js';
import type { LoadedImage } from '../images.js';
import { A4_PAGE, font, FONT, LINE, SIZE, TEXT_WIDTH } from './style.js';

/**
 * Every run of text in the Word exports (the record and the year volume): the one
 * place text enters document.xml, so what XML cannot hold is dropped here (xmlSafe).
 */
export const run = (text: string, face: string = FONT.body, size: number = SIZE.body, bold = false) =>
  new TextRun({ text: xmlSafe(text), font: font(face), size, bold });
/** Where the signature goes: visible characters, since trailing underlined spaces vanish at a line end. */
const SIGN_LINE = '＿'.repeat(7);

/** Label column 20 %, value column 30 % of the type area. */
const COLS = [0.2, 0.3, 0.2, 0.3].map((f) => Math.round(TEXT_WIDTH * f));
const border = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(lines: string[], widthCols: number[], label: boolean) {
  return new TableCell({
    width: { size: widthCols.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnSpan: widthCols.length,
    verticalAlign: VerticalAlign.CENTER,
    borders,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: lines.map(
      (l) =>
        new Paragraph({
          alignment: label ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: 400, lineRule: LINE.lineRule },
          children: [run(l, label ? FONT.heading : FONT.body, SIZE.small)],
        }),
    ),
  });
}

function headerRow(row: PrintRow) {
  const cells =
    row.length === 1
      ? [cell([row[0].label], [COLS[0]!], true), cell(row[0].value.split('\n'), COLS.slice(1), false)]
      : row.flatMap((c, i) => [cell([c.label], [COLS[i * 2]!], true), cell(c.value.split('\n'), [COLS[i * 2 + 1]!], false)]);
  return new TableRow({ children: cells, cantSplit: true });
}

/** A body sub-table: equal columns across the type area, header row repeated on each page. */
function bodyTable(t: PrintTable) {
  const w = Math.floor(TEXT_WIDTH / t.columns.length);
  const widths = t.columns.map(() => w);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c) => cell([c], [w], true)) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v) => cell(v.split('\n'), [w], false)) })),
    ],
  });
}

export interface DocxAttachments {
  images: LoadedImage[];
  /** Attachments listed by name only. */
  others: string[];
}

/** An image's alternative text (attributes of document.xml): its file name. */
const altText = (name: string) => {
  const n = xmlSafe(name);
  return { name: n, description: n, title: n };
};

function attachmentParagraphs(a: DocxAttachments): Paragraph[] {
  if (!a.images.length && !a.others.length) return [];
  // 「附件：」 goes over to the next page with what it heads rather than stay alone at the foot
  const out = [new Paragraph({ spacing: { ...LINE, before: 200 }, keepNext: true, children: [run('附件：', FONT.heading)] })];
  for (const name of a.others) out.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [run(name)] }));
  for (const im of a.images) {
    // the printed size the PDF gives it too, in docx's 96 px to the inch
    const mm = printedSize(im.width, im.height);
    const [width, height] = [mmToPx(mm.width), mmToPx(mm.height)];
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [new ImageRun({ type: im.type, data: im.bytes, transformation: { width, height }, altText: altText(im.name) })],
      }),
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(im.name, FONT.body, SIZE.caption)] }),
    );
  }
  return out;
}

/** The page content of a PrintDoc (and its attachments), as laid out on every printed record. */
export function printDocBody(doc: PrintDoc, attachments: DocxAttachments = { images: [], others: [] }): (Paragraph | Table)[] {
  const centered = (text: string, face: string, size: number, after = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, after }, children: [run(text, face, size)] });

  const body: (Paragraph | Table)[] = [
    centered(doc.org, FONT.body, SIZE.body),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 800, lineRule: LINE.lineRule },
      children: [run(doc.title, FONT.title, SIZE.title)],
    }),
    ...(doc.subtitle ? [centered(doc.subtitle, FONT.body, SIZE.body, 200)] : [new Paragraph({ spacing: { after: 200 } })]),
    new Table({
      layout: TableLayoutType.FIXED,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: COLS,
      rows: doc.rows.map(headerRow),
    }),
  ];
  for (const s of doc.sections) {
    body.push(new Paragraph({ spacing: { ...LINE, before: 200 }, keepNext: true, children: [run(`${s.heading}：`, FONT.heading)] }));
    for (const p of s.paragraphs) {
      body.push(new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [run(p)] }));
    }
    if (s.table) body.push(bodyTable(s.table));
  }
  // the signature lines stay together on one page
  doc.signatures.forEach((s, i) =>
    body.push(
      new Paragraph({
        spacing: { ...LINE, before: i === 0 ? 600 : 0 },
        keepNext: i < doc.signatures.length - 1,
        keepLines: true,
        alignment: AlignmentType.RIGHT,
        children: [run(`${s}：${SIGN_LINE}`)],
      }),
    ),
  );
  body.push(...attachmentParagraphs(attachments));
  return body;
}

export function printDocToDocx(doc: PrintDoc): Document {
  return new Document({
    creator: '支部四本一档',
    title: xmlSafe(doc.subtitle ? `${doc.title}（${doc.subtitle}）` : doc.title),
    styles: { default: { document: { run: { font: font(FONT.body), size: SIZE.body } } } },
    sections: [
      {
        properties: { page: A4_PAGE },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.latin), size: SIZE.small }),
                ],
              }),
            ],
          }),
        },
        children: printDocBody(doc),
      },
    ],
  });
}

export async function printDocToDocxBuffer(doc: PrintDoc): Promise<Buffer> {
  return Packer.toBuffer(printDocToDocx(doc));
}
