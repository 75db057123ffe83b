import { printDocHtml, SHEET_CSS, type SheetImage } from '../../../shared/print/html';
import type { PrintDoc } from '../../../shared/print/record';
import { SheetFit } from './SheetFit';

export type PrintImage = SheetImage;

/**
 * An A4 sheet in the official look, laid out from the shared PrintDoc by the
 * same markup and style as the archive PDFs (shared/print/html.ts); the Word
 * export reads the same PrintDoc. On screen it scales down to the width there is.
 */
export function PrintSheet({ doc, images = [], others = [] }: { doc: PrintDoc; images?: PrintImage[]; others?: string[] }) {
  return (
    <>
      <style>{SHEET_CSS}</style>
      <SheetFit>
        <article className="sheet" aria-label="打印页" dangerouslySetInnerHTML={{ __html: printDocHtml(doc, images, others) }} />
      </SheetFit>
    </>
  );
}
