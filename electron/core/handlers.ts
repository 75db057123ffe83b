/** The implementation of the contract: every domain's handler map, merged (each method has exactly one entry). */
import { archiveHandlers } from './archive/handlers.js';
import { attachmentsHandlers } from './attachments/handlers.js';
import { authHandlers } from './auth/handlers.js';
import { branchHandlers } from './branch/handlers.js';
import { cadenceHandlers } from './cadence/handlers.js';
import { completenessHandlers } from './completeness/handlers.js';
import type { CoreContext, DataHandlers } from './context.js';
import { developmentHandlers } from './development/handlers.js';
import { duesHandlers } from './dues/handlers.js';
import { membersHandlers } from './members/handlers.js';
import { peopleHandlers } from './people/handlers.js';
import { recordsHandlers } from './records/handlers.js';
import { registersHandlers } from './registers/handlers.js';
import { rulesHandlers } from './rules/handlers.js';
import { sealHandlers } from './seal/handlers.js';
import { searchHandlers } from './search/handlers.js';

export function createHandlers(ctx: CoreContext): DataHandlers {
  return {
    ...branchHandlers(ctx),
    ...peopleHandlers(ctx),
    ...recordsHandlers(ctx),
    ...attachmentsHandlers(ctx),
    ...searchHandlers(ctx),
    ...rulesHandlers(ctx),
    ...membersHandlers(ctx),
    ...developmentHandlers(ctx),
    ...duesHandlers(ctx),
    ...registersHandlers(ctx),
    ...completenessHandlers(ctx),
    ...sealHandlers(ctx),
    ...archiveHandlers(ctx),
    ...cadenceHandlers(ctx),
    ...authHandlers(ctx),
  };
}
