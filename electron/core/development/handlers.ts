import type { DEVELOPMENT_METHODS } from '../../../shared/methods/development.js';
import type { CoreContext, HandlersOf } from '../handlers.js';

export function developmentHandlers(_ctx: CoreContext): HandlersOf<keyof typeof DEVELOPMENT_METHODS> {
  return {};
}
