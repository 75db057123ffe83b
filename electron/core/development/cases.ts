/**
 * A 发展党员 case's row, read by the case's writers (service.ts) and by its step files'
 * (files.ts), which import this and not each other.
 */
import { first, q, type Db } from '../db/sql.js';
import { AppError, notFound } from '../errors.js';

export type CaseRow = { id: number; person_id: number; created_at: string; closed_at: string | null; closed_reason: string };

export function caseRow(db: Db, id: number): CaseRow {
  const r = first(db, q.selectFrom('development_cases').select(['id', 'person_id', 'created_at', 'closed_at', 'closed_reason']).where('id', '=', id));
  if (!r) throw notFound('该发展记录');
  return r;
}

/** The case, which must not be closed. */
export function openCaseRow(db: Db, id: number): CaseRow {
  const r = caseRow(db, id);
  if (r.closed_at) throw new AppError('CONFLICT', '该发展记录已结束；如需修改，请先点“重新打开”。');
  return r;
}
