/**
 * The Electron checklist as data: the webPreferences of every window the app opens, and
 * what a page may navigate to or open. No electron import, so test/unit/security.test.ts
 * asserts it; main.ts and pdf.ts build their windows from these.
 *
 * When adding a window: give it its preferences here (sandboxed, context-isolated, no
 * Node, web security on, no <webview>, no insecure content) and a line in the test.
 */
import { isOwnBlobUrl, isTrustedUrl } from './security.js';

/** What every window shares: sandboxed, context-isolated, no Node anywhere, web security on, no <webview>. */
const LOCKED_DOWN = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
} as const;

/**
 * What a window of the installed app adds: no DevTools (they would open the data to anyone at the
 * PC, and run any script in the page); a developer's build (`npm start`) keeps them.
 */
const forBuild = (packaged: boolean) => ({ ...LOCKED_DOWN, devTools: !packaged });

/** The app's window (its preload, which exposes window.api and nothing else, is added by main.ts). */
export const mainWindowPreferences = (packaged: boolean) => ({ ...forBuild(packaged), spellcheck: false }) as const;

/** The window that shows an exported PDF (blob: of our page) in the built-in viewer, to print it. No preload. */
export const pdfViewerPreferences = (packaged: boolean) => ({ ...forBuild(packaged), plugins: true }) as const;

/**
 * The hidden window that prints an archive volume to PDF (pdf.ts adds its own session):
 * static HTML, so JavaScript is off too, and never DevTools.
 */
export const PRINT_WINDOW_PREFERENCES = { ...LOCKED_DOWN, devTools: false, javascript: false, spellcheck: false } as const;

/** Chromium's built-in PDF viewer, which the PDF window shows its blob: in (an extension page in a frame). */
const PDF_VIEWER_EXTENSION = 'mhjfbmdgcfjbbpaeojofohoefgiehjai';

/**
 * Where a frame may go, whether a link, a script, a redirect or a form sends it (will-navigate,
 * will-frame-navigate and will-redirect all ask this): our own bundle, or a PDF our own page made
 * (the PDF window's document); a frame inside a page may also hold the built-in PDF viewer.
 * Nothing else, so a page can never leave the app.
 */
export function navigationAllowed(url: string, mainFrame = true): boolean {
  if (isTrustedUrl(url) || isOwnBlobUrl(url)) return true;
  if (mainFrame) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'chrome-extension:' && u.host === PDF_VIEWER_EXTENSION && !u.username && !u.password && !u.port;
  } catch {
    return false;
  }
}

export type WindowOpenDecision =
  | { action: 'deny' }
  | { action: 'allow'; overrideBrowserWindowOptions: { autoHideMenuBar: true; webPreferences: ReturnType<typeof pdfViewerPreferences> } };

/** Only a PDF made by our own page (an archive volume to print) opens, in the viewer window; nothing else does. */
export function windowOpenAction(url: string, packaged: boolean): WindowOpenDecision {
  if (!isOwnBlobUrl(url)) return { action: 'deny' };
  return { action: 'allow', overrideBrowserWindowOptions: { autoHideMenuBar: true, webPreferences: pdfViewerPreferences(packaged) } };
}
