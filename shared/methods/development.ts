/** The development methods of the contract (merged in shared/contract.ts). */
export const DEVELOPMENT_METHODS = {} as const;
