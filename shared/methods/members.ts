/** The members methods of the contract (merged in shared/contract.ts). */
export const MEMBERS_METHODS = {} as const;
