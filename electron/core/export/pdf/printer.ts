/**
 * Turns a finished HTML file (the year-end volume, with its own @page CSS) into a
 * fixed-layout PDF. Two implementations: Electron's webContents.printToPDF in
 * electron/main/pdf.ts, and a headless system Chromium driven over the DevTools
 * protocol in ./chromium.ts (for the web host and tests). Both use the page's CSS
 * page size and print backgrounds; neither adds Chromium's own header or footer.
 */
export interface PdfPrinter {
  /**
   * Print an HTML file on disk (absolute or relative path) into `pdfFile`.
   * The PDF goes to a file rather than memory: a volume with its photos is
   * easily a hundred megabytes. `limitMs`, when given, replaces the printer's
   * own limit for this print: the caller knows how much work the page is
   * (see printLimitMs).
   */
  print(htmlFile: string, pdfFile: string, limitMs?: number): Promise<void>;
  /** Release the browser or window; later print() calls reject. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * How long printing one page of work may take before it counts as stalled: a
 * minute for a small page, and more for each 件 and each megabyte of images
 * it lays out, so that a volume of 200 件 with its photos is never cut off by
 * a limit meant for a 签到表 (2 cores shared by three tabs and the Word build).
 */
export function printLimitMs(work: { items: number; imageBytes: number }): number {
  return 60_000 + 500 * work.items + Math.ceil((2_000 * work.imageBytes) / 1e6);
}

/** A limit in words: 1.5 秒, 800 毫秒. */
export const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 100) / 10} 秒` : `${ms} 毫秒`);
