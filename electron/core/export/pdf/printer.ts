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
   * easily a hundred megabytes.
   */
  print(htmlFile: string, pdfFile: string): Promise<void>;
  /** Release the browser or window; later print() calls reject. Safe to call twice. */
  close(): Promise<void>;
}
