/** Reading picked files for upload, and making image previews in the renderer (canvas). */

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('读取文件失败'));
    r.readAsDataURL(file);
  });
}

const THUMB = 320;

/** A JPEG preview at most 320 px on its long side, or null when the file is not an image the browser can draw. */
export async function thumbnail(file: File): Promise<string | null> {
  if (!/^image\/(jpeg|png)$/.test(file.type)) return null;
  try {
    const bmp = await createImageBitmap(file);
    const scale = Math.min(1, THUMB / Math.max(bmp.width, bmp.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bmp.width * scale));
    canvas.height = Math.max(1, Math.round(bmp.height * scale));
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(bmp, 0, 0, canvas.width, canvas.height);
    bmp.close();
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.82));
    return blob ? fileToBase64(blob) : null;
  } catch {
    return null;
  }
}

export const dataUrl = (mime: string, base64: string) => `data:${mime};base64,${base64}`;
