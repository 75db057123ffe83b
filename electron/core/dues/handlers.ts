import type { DUES_METHODS } from '../../../shared/methods/dues.js';
import type { CoreContext, HandlersOf } from '../handlers.js';

export function duesHandlers(_ctx: CoreContext): HandlersOf<keyof typeof DUES_METHODS> {
  return {};
}
