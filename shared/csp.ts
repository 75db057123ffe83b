/**
 * The Content-Security-Policy of every page: injected into index.html at build
 * (vite.config.ts), and sent as a header by Electron's app:// protocol and the web host.
 */
const DIRECTIVES = [
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
];

/** For the meta tag (frame-ancestors is not allowed there). */
export const CSP_META = DIRECTIVES.join('; ');
/** For the response header. */
export const CSP = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
