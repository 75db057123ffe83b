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

/** The Content-Security-Policy of every page (also set as a meta tag in renderer/index.html). */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd writes its styles at run time
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
