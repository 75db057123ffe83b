/**
 * In the shell (App.tsx) the header and the sidebar stay put and only the
 * content area scrolls; the print pages, set-up and recovery scroll the
 * document. Back to the top of both: a new page, or a new step of a page.
 */
export const CONTENT_ID = 'app-content';

export function scrollToTop() {
  document.getElementById(CONTENT_ID)?.scrollTo({ top: 0, left: 0 });
  window.scrollTo({ top: 0, left: 0 });
}
