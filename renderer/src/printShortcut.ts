/**
 * Ctrl+P prints what is in view, never the app around it: on a record (its
 * view or its form) it opens the record's A4 print page; anywhere else it
 * prints the page's content (the header, menu and buttons are left off paper
 * by the print style in styles.css).
 */
import { useEffect } from 'react';
import { go, type Route } from './router';

/** The A4 print page of what the route shows, if it has one. */
export function printPageOf(route: Route): string | null {
  const [section, id] = route.path;
  return section === 'records' && id && /^\d+$/.test(id) ? `/print/${id}` : null;
}

export function usePrintShortcut(route: Route) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'p') return;
      e.preventDefault();
      const page = printPageOf(route);
      if (page) go(page);
      else window.print();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route]);
}
