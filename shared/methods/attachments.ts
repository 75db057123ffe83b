/** A record's attachments (the files themselves: files.ts). */
import { z } from 'zod';
import { fileUploadFields, type AttachmentContent, type FileDto } from './files.js';
import { id, method } from './method.js';

/** A file attached to a record. */
export interface AttachmentDto extends FileDto {
  recordId: number;
}

export const ATTACHMENTS_METHODS = {
  'attachments.list': method<AttachmentDto[]>()(z.strictObject({ recordId: id })),
  'attachments.add': method<AttachmentDto>()(
    z.strictObject({ recordId: id, ...fileUploadFields }),
  ),
  'attachments.get': method<AttachmentContent>()(z.strictObject({ id, thumb: z.boolean() })),
  /** Detach from the record; the file itself is removed when the record is purged. */
  'attachments.remove': method<null>()(z.strictObject({ id })),
} as const;
