import type { ExportedFile } from '../../shared/methods/method';
import { safeFileName } from '../../shared/filenames';

/**
 * Save an exported file: the browser's download, or Electron's save dialog.
 * The name offered is one Windows takes (shared/filenames.ts): the core's names
 * are already, an attachment's is the name it was added with (a display name,
 * which may hold a colon or a question mark).
 */
export function saveFile(f: ExportedFile) {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: f.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(f.fileName, '文件');
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Open an exported PDF in the browser's (or Electron's) PDF viewer, which prints it on A4 as laid out. */
export function openPdf(f: ExportedFile): boolean {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const w = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return w !== null;
}
