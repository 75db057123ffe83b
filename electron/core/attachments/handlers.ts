/** A record's attachments. */
import { addAttachment, getAttachmentContent, listAttachments, removeAttachment } from './service.js';
import type { ATTACHMENTS_METHODS } from '../../../shared/methods/attachments.js';
import type { CoreContext, HandlersOf } from '../context.js';

export function attachmentsHandlers({ db, dataDir }: CoreContext): HandlersOf<keyof typeof ATTACHMENTS_METHODS> {
  return {
    'attachments.list': ({ recordId }) => listAttachments(db, recordId),
    'attachments.add': (input) => addAttachment(db, dataDir, input),
    'attachments.get': ({ id, thumb }) => getAttachmentContent(db, dataDir, id, thumb),
    'attachments.remove': ({ id }) => removeAttachment(db, id),
  };
}
