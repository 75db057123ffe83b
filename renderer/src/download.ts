import type { ExportedFile } from '../../shared/contract';

/** Save an exported file: the browser's download, or Electron's save dialog. */
export function saveFile(f: ExportedFile) {
  const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: f.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.fileName;
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
