/**
 * What every kind of attachment shares (a record's, a 发展党员 step's): the file
 * fields of an upload, the file as listed, and its content. The files are kept
 * in one content-addressed store (electron/core/attachments).
 */
import { z } from 'zod';

/** The fields of an upload: a display name, the file, and a preview the renderer made. */
export const fileUploadFields = {
  name: z.string().trim().min(1, '文件名不能为空').max(200, '文件名过长'),
  base64: z.string().min(1, '文件是空的'),
  /** A small preview made by the renderer for images (PNG or JPEG). */
  thumbBase64: z.string().max(2_000_000, '缩略图过大').nullable(),
};

/** A file as listed, whatever it is attached to. */
export interface FileDto {
  id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  hasThumb: boolean;
  addedAt: string;
  /** Only on the answer of an upload: why the image cannot be shown (图片无法显示（……），已作为文件保存); it is kept as a file. */
  warning?: string;
}

export interface AttachmentContent {
  mime: string;
  base64: string;
}
