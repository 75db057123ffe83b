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

/** The app's window (its preload, which exposes window.api and nothing else, is added by main.ts). */
export const MAIN_WINDOW_PREFERENCES = { ...LOCKED_DOWN, spellcheck: false } as const;

/** The window that shows an exported PDF (blob: of our page) in the built-in viewer, to print it. No preload. */
export const PDF_VIEWER_PREFERENCES = { ...LOCKED_DOWN, plugins: true } as const;

/**
 * The hidden window that prints an archive volume to PDF (pdf.ts adds its own session):
 * static HTML, so JavaScript is off too.
 */
export const PRINT_WINDOW_PREFERENCES = { ...LOCKED_DOWN, javascript: false, spellcheck: false } as const;

/** A page may only navigate within our own bundle. */
export function navigationAllowed(url: string): boolean {
  return isTrustedUrl(url);
}

export type WindowOpenDecision =
  | { action: 'deny' }
  | { action: 'allow'; overrideBrowserWindowOptions: { autoHideMenuBar: true; webPreferences: typeof PDF_VIEWER_PREFERENCES } };

/** Only a PDF made by our own page (an archive volume to print) opens, in the viewer window; nothing else does. */
export function windowOpenAction(url: string): WindowOpenDecision {
  if (!isOwnBlobUrl(url)) return { action: 'deny' };
  return { action: 'allow', overrideBrowserWindowOptions: { autoHideMenuBar: true, webPreferences: { ...PDF_VIEWER_PREFERENCES } } };
}
