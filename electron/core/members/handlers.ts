import type { MEMBERS_METHODS } from '../../../shared/methods/members.js';
import type { CoreContext, HandlersOf } from '../handlers.js';

export function membersHandlers(_ctx: CoreContext): HandlersOf<keyof typeof MEMBERS_METHODS> {
  return {};
}
