/** The seal methods of the contract (see shared/contract.ts). */
import { method } from './method.js';

export const SEAL_METHODS = {} as const satisfies Record<string, ReturnType<ReturnType<typeof method>>>;
