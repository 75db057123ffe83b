/**
 * What every web contents and every session of the app is held to. The decisions are the pure
 * functions of window-options.ts (tested in test/unit/security.test.ts); this only wires them.
 */
import { app, type Session, type WebContents } from 'electron';
import { navigationAllowed, windowOpenAction } from './window-options.js';

/**
 * Every web contents (the window, the PDF window, a print window, any frame): it goes nowhere but
 * our own pages, by a link, a script, a frame or a redirect alike, and opens no window but a PDF
 * our own page made, in a sandboxed viewer window.
 */
export function lockContents(contents: WebContents) {
  contents.on('will-navigate', (e) => {
    if (!navigationAllowed(e.url)) e.preventDefault();
  });
  contents.on('will-frame-navigate', (e) => {
    if (!navigationAllowed(e.url, e.isMainFrame)) e.preventDefault();
  });
  contents.on('will-redirect', (e) => {
    if (!navigationAllowed(e.url, e.isMainFrame)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenAction(url, app.isPackaged));
}

/** A session grants nothing a page asks for (camera, notifications, clipboard reads, USB, …), asked or merely checked. */
export function lockSession(s: Session) {
  s.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
}
