import type { REGISTERS_METHODS } from '../../../shared/methods/registers.js';
import type { CoreContext, HandlersOf } from '../handlers.js';

export function registersHandlers(ctx: CoreContext): HandlersOf<keyof typeof REGISTERS_METHODS> {
  void ctx;
  return {};
}
