/**
 * Word fields that carry their result: w:fldChar begin, the w:instrText of the
 * code, w:fldChar separate, a run with the result, w:fldChar end. Word shows
 * that result until the fields are updated, so a file opened in Protected View
 * (where nothing updates) or by a viewer that never updates fields still reads
 * right. The docx library's PageReference and PageNumber write no result, and
 * its SimpleField (w:fldSimple) cannot hold another field in its code, as the
 * 页数 formula { = {PAGEREF next} - {PAGEREF own} } does; so the runs are made
 * here, with the library's own ImportedXmlComponent for the two elements it
 * does not export (it escapes the text).
 */
import { ImportedXmlComponent, TextRun, type IRunOptions } from 'docx';

/** A field: its code (text, and fields nested in it) and the result shown until Word updates it (null: none yet). */
export interface Field {
  code: (string | Field)[];
  result: string | null;
}

/** How the field's runs look (font, size): every run of a field carries it, so the result keeps it after an update. */
export type FieldLook = Omit<IRunOptions, 'text' | 'children'>;

const fldChar = (type: 'begin' | 'separate' | 'end') => new ImportedXmlComponent('w:fldChar', { 'w:fldCharType': type });

function instrText(text: string) {
  const el = new ImportedXmlComponent('w:instrText', { 'xml:space': 'preserve' });
  el.push(text);
  return el;
}

/** The field's runs, for a paragraph's children. */
export function fieldRuns(f: Field, look: FieldLook): TextRun[] {
  const mark = (c: ImportedXmlComponent) => new TextRun({ ...look, children: [c] });
  const code = f.code.flatMap((c) => (typeof c === 'string' ? [mark(instrText(c))] : fieldRuns(c, look)));
  const result = f.result === null ? [] : [mark(fldChar('separate')), new TextRun({ ...look, text: f.result })];
  return [mark(fldChar('begin')), ...code, ...result, mark(fldChar('end'))];
}

const shown = (n: number | undefined) => (n === undefined ? null : String(n));

/** The page a bookmark is on. */
export const pageRef = (anchor: string, page: number | undefined): Field => ({ code: [`PAGEREF ${anchor} \\h`], result: shown(page) });

/** The document's page count. */
export const numPages = (total: number | undefined): Field => ({ code: ['NUMPAGES'], result: shown(total) });

/**
 * The pages from one bookmark up to the page before the next: { = {PAGEREF next} - {PAGEREF own} }
 * (every section starts on a new page, so that is a 件's page count).
 */
export const pageSpan = (own: Field, next: Field, count: number | undefined): Field => ({ code: ['= ', next, ' - ', own], result: shown(count) });
