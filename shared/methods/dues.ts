/** The dues methods of the contract (merged in shared/contract.ts). */
export const DUES_METHODS = {} as const;
