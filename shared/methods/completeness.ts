/** The completeness methods of the contract (see shared/contract.ts). */
import { method } from './method.js';

export const COMPLETENESS_METHODS = {} as const satisfies Record<string, ReturnType<ReturnType<typeof method>>>;
