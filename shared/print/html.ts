/**
 * A PrintDoc as HTML, and the CSS of the GB/T 9704 sheet: the renderer's print
 * view and the volume PDFs (printed by Chromium) use this one markup and style,
 * so a record looks the same on screen, on paper and in the archive copy.
 */
import { xmlSafe } from '../text.js';
import { IMAGE_BOX_MM } from './imageSize.js';
import type { PrintDoc } from './record.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text into the print HTML: escaped, and what no file holds dropped (xmlSafe), as in the Word and Excel exports. */
export const escapeHtml = (s: string) => xmlSafe(s).replace(/[&<>"']/g, (c) => ESC[c]!);

export interface SheetImage {
  name: string;
  src: string;
  /**
   * Its printed size in mm (shared/print/imageSize.ts), as the Word layout
   * gives it; without, the sheet's limits below size it (the print view).
   */
  printed?: { width: number; height: number };
  /**
   * Lay out an empty box of the printed size instead of the image: a first
   * layout pass that only needs to know where pages break.
   */
  placeholder?: boolean;
}

const FANGSONG = `"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", serif`;
const HEITI = `"黑体", "SimHei", "Noto Sans CJK SC", sans-serif`;
const XIAOBIAOSONG = `"方正小标宋简体", "方正小标宋_GBK", "STZhongsong", "华文中宋", "Noto Serif CJK SC", serif`;

/**
 * GB/T 9704 look: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
 * 仿宋 三号 (16 pt) body on 28.95 pt lines; 小标宋 二号 title; 黑体 labels.
 */
export const SHEET_CSS = `
.sheet { font-family: ${FANGSONG}; font-size: 16pt; line-height: 28.95pt; color: #000; }
.sheet-org, .sheet-subtitle { text-align: center; }
.sheet-title { font-family: ${XIAOBIAOSONG}; font-size: 22pt; line-height: 40pt; font-weight: 700; text-align: center; margin: 0; }
.sheet-subtitle { margin-bottom: 10pt; }
.sheet-gap { height: 10pt; }
.sheet-table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 14pt; line-height: 20pt; }
.sheet-table th, .sheet-table td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
.sheet-table th { font-family: ${HEITI}; font-weight: 400; text-align: center; }
.sheet-table td { text-align: left; word-break: break-all; }
.sheet-table tr { break-inside: avoid; }
.sheet-subtable { margin-top: 4pt; }
.sheet-subtable th { font-size: 12pt; }
.sheet-subtable td { font-size: 12pt; line-height: 18pt; }
.sheet-section h2 { font-family: ${HEITI}; font-size: 16pt; font-weight: 400; margin: 10pt 0 0; line-height: 28.95pt; break-after: avoid; }
.sheet-section p { text-indent: 2em; margin: 0; }
.sheet-signatures { display: flex; flex-direction: column; align-items: flex-end; margin-top: 30pt; break-inside: avoid; }
.sheet-sign-line { display: inline-block; width: 6em; border-bottom: 1px solid #000; height: 1.1em; vertical-align: bottom; }
.sheet-attachments figure { margin: 8pt 0; text-align: center; break-inside: avoid; }
.sheet-attachments img { display: block; margin: 0 auto; max-width: 100%; max-height: ${IMAGE_BOX_MM.height}mm; }
.sheet-attachments .sheet-ph { display: block; margin: 0 auto; }
.sheet-attachments figcaption { font-size: 12pt; }
.pre { white-space: pre-wrap; }
`;

export const SHEET_FONTS = { body: FANGSONG, heading: HEITI, title: XIAOBIAOSONG };

/** The inside of an <article class="sheet">. */
export function printDocHtml(doc: PrintDoc, images: readonly SheetImage[] = [], others: readonly string[] = []): string {
  const e = escapeHtml;
  const out: string[] = [];
  out.push(`<div class="sheet-org">${e(doc.org)}</div>`, `<h1 class="sheet-title">${e(doc.title)}</h1>`);
  out.push(doc.subtitle ? `<div class="sheet-subtitle">${e(doc.subtitle)}</div>` : '<div class="sheet-gap"></div>');
  out.push('<table class="sheet-table"><colgroup><col style="width:20%"><col style="width:30%"><col style="width:20%"><col style="width:30%"></colgroup><tbody>');
  for (const row of doc.rows) {
    out.push(
      row.length === 1
        ? `<tr><th>${e(row[0].label)}</th><td colspan="3" class="pre">${e(row[0].value)}</td></tr>`
        : `<tr>${row.map((c) => `<th>${e(c.label)}</th><td>${e(c.value)}</td>`).join('')}</tr>`,
    );
  }
  out.push('</tbody></table>');
  for (const s of doc.sections) {
    out.push(`<section class="sheet-section"><h2>${e(s.heading)}：</h2>`, ...s.paragraphs.map((p) => `<p>${e(p)}</p>`));
    if (s.table) {
      out.push(
        `<table class="sheet-table sheet-subtable"><thead><tr>${s.table.columns.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead><tbody>`,
        ...s.table.rows.map((r) => `<tr>${r.map((v) => `<td class="pre">${e(v)}</td>`).join('')}</tr>`),
        '</tbody></table>',
      );
    }
    out.push('</section>');
  }
  if (doc.signatures.length) {
    out.push(`<div class="sheet-signatures">${doc.signatures.map((s) => `<div>${e(s)}：<span class="sheet-sign-line"></span></div>`).join('')}</div>`);
  }
  if (images.length || others.length) {
    out.push('<section class="sheet-section sheet-attachments"><h2>附件：</h2>', ...others.map((n) => `<p>${e(n)}</p>`));
    for (const im of images) {
      const p = im.printed;
      // the box and the image take the same size, so the pages break where the first pass found
      const size = p ? ` style="width:${p.width}mm;height:${p.height}mm"` : '';
      const shown = p && im.placeholder ? `<div class="sheet-ph"${size}></div>` : `<img src="${e(im.src)}" alt="${e(im.name)}"${size}>`;
      out.push(`<figure>${shown}<figcaption>${e(im.name)}</figcaption></figure>`);
    }
    out.push('</section>');
  }
  return out.join('');
}
