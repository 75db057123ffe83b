/** The registers methods of the contract (see shared/contract.ts). */
import { method } from './method.js';

export const REGISTERS_METHODS = {} as const satisfies Record<string, ReturnType<ReturnType<typeof method>>>;
