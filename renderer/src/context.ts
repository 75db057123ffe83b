import { createContext, useContext } from 'react';
import type { Branch } from '../../shared/methods/branch';

export interface Ledger {
  branch: Branch;
  reloadBranch(): Promise<void>;
  year: number;
  setYear(y: number): void;
}

export const LedgerContext = createContext<Ledger | null>(null);

export function useLedger(): Ledger {
  const l = useContext(LedgerContext);
  if (!l) throw new Error('useLedger outside the ledger shell');
  return l;
}
