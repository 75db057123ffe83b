import type { ARCHIVE_METHODS } from '../../../shared/methods/archive.js';
import type { CoreContext, HandlersOf } from '../handlers.js';

export function archiveHandlers(ctx: CoreContext): HandlersOf<keyof typeof ARCHIVE_METHODS> {
  void ctx;
  return {};
}
