/**
 * A bound volume as one HTML page for Chromium to print: the same parts as the
 * Word volume (cover, 卷内文件目录, rules, each 件 on a new page under its
 * 归档章, 卷内备考表), with page numbers in the page margin (CSS margin boxes:
 * top right on recto, top left on verso, none on the cover). Each 件 is the
 * target of its 目录 row's link, so the printed PDF names the page each 件
 * starts on (see export/pdf/dests.ts); the 页号 column is filled from that.
 */
import { pathToFileURL } from 'node:url';
import {
  CATALOGUE_ANCHOR,
  CATALOGUE_COLUMNS,
  CATALOGUE_TYPE,
  catalogueRow,
  coverRows,
  NOTES_ANCHOR,
  notesLines,
  notesSignatures,
  rulesAnchor,
  stampCells,
  volumeItems,
  volumeLayout,
  type Volume,
  type VolumeLayout,
  type VolumeItem,
  type VolumePages,
} from '../../../../shared/archive/volume.js';
import { escapeHtml as e, printDocHtml, SHEET_CSS, SHEET_FONTS, type SheetImage } from '../../../../shared/print/html.js';
import { printedSize } from '../../../../shared/print/imageSize.js';
import { checkImages, shownImage, type VolumeImages } from '../images.js';

const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @top-right { content: counter(page); font: 14pt "Times New Roman", serif; vertical-align: bottom; padding-bottom: 8mm; } }
@page :left { @top-left { content: counter(page); font: 14pt "Times New Roman", serif; vertical-align: bottom; padding-bottom: 8mm; } }
@page :first { @top-right { content: none; } @top-left { content: none; } }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: ${SHEET_FONTS.body}; font-size: 16pt; line-height: 28.95pt; }
.page { break-before: page; }
.vol-title { font-family: ${SHEET_FONTS.title}; font-size: 22pt; line-height: 40pt; text-align: center; font-weight: 700; margin: 0 0 12pt; }
.cover-code { text-align: right; font-size: 14pt; }
.cover-org { text-align: center; font-family: ${SHEET_FONTS.heading}; margin-top: 12mm; }
.cover-title { margin: 6mm 0 10mm; }
.grid { width: 100%; border-collapse: collapse; table-layout: fixed; }
.grid th, .grid td { border: 1px solid #000; padding: 2pt 3pt; word-break: break-all; }
.grid th { font-family: ${SHEET_FONTS.heading}; font-weight: 400; }
.cover-grid th, .cover-grid td { height: 10mm; font-size: 15pt; line-height: 20pt; }
.cover-grid td { text-align: left; }
.catalogue { font-size: ${CATALOGUE_TYPE.size}pt; line-height: ${CATALOGUE_TYPE.line}pt; }
.catalogue td, .catalogue th { padding: ${CATALOGUE_TYPE.pad}pt; }
.links { height: 0; overflow: hidden; }
.catalogue td { text-align: center; }
.catalogue td.left { text-align: left; }
.catalogue a { color: inherit; text-decoration: none; }
.catalogue tr { break-inside: avoid; }
.stamp { margin-left: auto; width: 81mm; font-size: 9pt; line-height: 12pt; margin-bottom: 6pt; }
.stamp td { text-align: center; height: 8mm; }
.stamp .label { display: block; font-family: ${SHEET_FONTS.heading}; font-size: 8pt; }
.rules h2 { font-family: ${SHEET_FONTS.heading}; font-size: 16pt; font-weight: 400; text-align: center; margin: 10pt 0 0; break-after: avoid; }
.rules p, .notes p { text-indent: 2em; margin: 0; }
.notes-box { border: 1px solid #000; padding: 6mm; min-height: 170mm; }
.notes-box h2 { font-family: ${SHEET_FONTS.heading}; font-size: 16pt; font-weight: 400; margin: 0; }
.notes-sign { text-align: right; margin-top: 20pt; break-inside: avoid; }
${SHEET_CSS}`;

type Laid = VolumeLayout | null;

function stamp(v: Volume, it: VolumeItem, laid: Laid): string {
  const cells = stampCells(v, it, laid?.counts ?? null).map(([label, value]) => `<td><span class="label">${e(label)}</span>${e(value)}</td>`);
  return `<table class="grid stamp"><tr>${cells.slice(0, 3).join('')}</tr><tr>${cells.slice(3).join('')}</tr></table>`;
}

function item(v: Volume, it: VolumeItem, laid: Laid, checked: VolumeImages): string {
  const images: SheetImage[] = [];
  const others = [...it.others];
  for (const im of it.images) {
    const { info, listed } = shownImage(checked.get(im.path));
    // Before the pages are known only the layout matters: boxes of the images' printed size print much faster.
    if (info) images.push({ name: im.name, src: pathToFileURL(info.file).href, printed: printedSize(info.width, info.height), placeholder: !laid });
    else others.push(`${im.name}（${listed}）`);
  }
  return `<section class="page" id="${it.anchor}">${stamp(v, it, laid)}<article class="sheet">${printDocHtml(it.print, images, others)}</article></section>`;
}

/** Columns that hold a link to the 件 (the 题名 and its page). */
const LINKED = new Set(['题名', '页号']);

function catalogue(v: Volume, laid: Laid): string {
  const cols = CATALOGUE_COLUMNS.map(([, f]) => `<col style="width:${(f * 100).toFixed(1)}%">`).join('');
  const head = CATALOGUE_COLUMNS.map(([h]) => `<th>${h}</th>`).join('');
  const rows = volumeItems(v).map((it, i) => {
    const row = catalogueRow(it, i + 1, laid);
    const cells = CATALOGUE_COLUMNS.map(([h, , align]) => {
      // Until the pages are known the cells hold a space of the same height, so the layout does not move.
      const text = row[h] ? e(row[h]) : (h === '页号' || h === '页数') && !laid ? '&#12288;' : '';
      const inner = LINKED.has(h) ? `<a href="#${it.anchor}">${text}</a>` : text;
      return `<td${align === 'left' ? ' class="left"' : ''}>${inner}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  // Links to the sections that are not 件 (hidden), so that the printed PDF names their pages too.
  const sections = [CATALOGUE_ANCHOR, ...v.parts.flatMap((p, i) => (p.rules.length ? [rulesAnchor(i)] : [])), NOTES_ANCHOR].map((a) => `<a href="#${a}"></a>`).join('');
  return `<section class="page" id="${CATALOGUE_ANCHOR}"><h1 class="vol-title">卷内文件目录</h1><table class="grid catalogue"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table><div class="links">${sections}</div></section>`;
}

function cover(v: Volume, pages: VolumePages | null): string {
  const rows = coverRows(v, pages ? String(pages.total) : null)
    .map(([label, value]) => `<tr><th>${e(label)}</th><td>${e(value)}</td></tr>`)
    .join('');
  return `<section><div class="cover-code">档号：${e(v.cover.code)}</div><div class="cover-org">${e(v.cover.fondsName)}</div><h1 class="vol-title cover-title">${e(v.cover.title)}</h1><table class="grid cover-grid"><colgroup><col style="width:28%"><col style="width:72%"></colgroup>${rows}</table></section>`;
}

function notes(v: Volume, pages: VolumePages | null): string {
  const lines = [`本卷共${v.cover.items}件，共${pages ? pages.total : '　'}页。`, ...notesLines(v)];
  return `<section class="page notes" id="${NOTES_ANCHOR}"><h1 class="vol-title">卷内备考表</h1><div class="notes-box"><h2>本卷情况说明：</h2>${lines.map((l) => `<p>${e(l)}</p>`).join('')}<div class="notes-sign">${notesSignatures(v).map((l) => `<div>${e(l)}</div>`).join('')}</div></div></section>`;
}

/**
 * Laid out but not painted (`visibility` changes no box): a print that is only read for its
 * pages, where the browser then writes no glyphs. It prints in about a third of the time and
 * memory, and its named destinations are the same.
 */
const UNPAINTED = 'body { visibility: hidden; }';

/**
 * The volume as a complete HTML document; `pages` null lays it out before the
 * pages are known (with the images as empty boxes of their size); `layoutOnly`
 * paints none of it, for a print that is read only for where its pages break.
 */
export function volumeHtml(v: Volume, pages: VolumePages | null, images: VolumeImages = checkImages(volumeItems(v)), o: { layoutOnly?: boolean } = {}): string {
  const laid = volumeLayout(v, pages);
  const body: string[] = [cover(v, pages), catalogue(v, laid)];
  for (const [i, part] of v.parts.entries()) {
    if (part.rules.length) {
      body.push(
        `<section class="page rules" id="${rulesAnchor(i)}"><h1 class="vol-title">${e(part.label)}</h1>${part.rules
          .map((r) => `<h2>${e(r.title)}</h2>${r.paragraphs.map((l) => `<p>${e(l)}</p>`).join('')}`)
          .join('')}</section>`,
      );
    }
    for (const it of part.items) body.push(item(v, it, laid, images));
  }
  body.push(notes(v, pages));
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${e(v.cover.title)}</title><style>${CSS}${o.layoutOnly ? UNPAINTED : ''}</style></head><body>${body.join('')}</body></html>`;
}
