/**
 * Which URLs the Electron window may load and which senders may call the API.
 * Pure functions with no electron import, tested in test/unit/security.test.ts.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** True only for pages of our own bundle, served by our app:// protocol. */
export function isTrustedUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
}

/**
 * A PDF the window made from an export file (URL.createObjectURL on our own
 * page) may open in a window of its own, where the built-in viewer prints it.
 * Nothing else opens a window.
 */
export function isOwnBlobUrl(raw: string): boolean {
  if (!raw.startsWith(`blob:${APP_ORIGIN}/`)) return false;
  return isTrustedUrl(raw.slice('blob:'.length));
}
