/**
 * How big a photo prints, and how many pixels the export gives it: one rule
 * for the Word volume (electron/core/export/docx/printDoc.ts), the HTML/PDF
 * volume (shared/print/html.ts) and the scaler (electron/core/export/images.ts),
 * so the printed size and the pixel size agree.
 *
 * A picture prints as a browser shows it at its own size (96 pixels to the
 * inch) but at most IMAGE_BOX_MM: the type area's width and 180 mm high. The
 * export scales it to PRINT_DPI at that size (never up). The rule is stable
 * under that scaling: the scaled file prints at the size its original did
 * (a scaled picture still overflows the box at 96 px/in, so the box still
 * bounds it), which is why the layouts can read the scaled file's size.
 */

/** The largest printed photo, in mm: the GB/T 9704 type area's width (210 − 28 − 26), and 180 mm high. */
export const IMAGE_BOX_MM = { width: 156, height: 180 } as const;

/** Pixels to the inch at which a picture prints at its own size (CSS px). */
export const SCREEN_DPI = 96;

/** Pixels to the printed inch of the photos in an export. */
export const PRINT_DPI = 200;

const MM_PER_INCH = 25.4;

/** The printed size in mm of a picture of w×h pixels (as it is shown, EXIF orientation applied). */
export function printedSize(w: number, h: number): { width: number; height: number } {
  const [wMm, hMm] = [(w / SCREEN_DPI) * MM_PER_INCH, (h / SCREEN_DPI) * MM_PER_INCH];
  const k = Math.min(1, IMAGE_BOX_MM.width / wMm, IMAGE_BOX_MM.height / hMm);
  // to a hundredth of a mm: both layouts write the same figure
  const r = (mm: number) => Math.round(mm * 100) / 100;
  return { width: r(wMm * k), height: r(hMm * k) };
}

/** The pixel size to scale a w×h picture to: its printed size at PRINT_DPI, never more than it has. */
export function printPixels(w: number, h: number): { width: number; height: number } {
  const mm = printedSize(w, h);
  const k = Math.min(1, (mm.width / MM_PER_INCH) * PRINT_DPI / w, (mm.height / MM_PER_INCH) * PRINT_DPI / h);
  return { width: Math.max(1, Math.round(w * k)), height: Math.max(1, Math.round(h * k)) };
}

/** mm as the CSS px the Word layout sizes pictures in (docx's transformation: 96 px to the inch). */
export const mmToPx = (mm: number) => (mm / MM_PER_INCH) * SCREEN_DPI;
