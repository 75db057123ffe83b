/**
 * Revisions: every save that changes a 定稿 record first keeps the record as it
 * was (records/service.ts keepRevision). Here they are listed with what each
 * save changed, read back whole for the side-by-side view, and restored.
 */
import type { RecordDto, RecordInput, RevisionDto, RevisionSummary } from '../../../shared/methods/records.js';
import { recordType, type RecordStatus } from '../../../shared/books/index.js';
import { notFound } from '../errors.js';
import { all, first, q, tx, type Db } from '../db/sql.js';
import { keepRevision, updateRecord } from './service.js';
import { assertYearOpen, yearOf } from '../seal/service.js';

interface Version {
  date: string;
  status: string;
  data: Record<string, unknown>;
}

/** Labels of what differs between two versions of a record of this type. */
export function changedFields(type: string, a: Version, b: Version): string[] {
  const def = recordType(type);
  const out: string[] = [];
  if (a.date !== b.date) out.push(def.dateLabel);
  if (a.status !== b.status) out.push('记录状态');
  for (const f of def.fields) {
    if (JSON.stringify(a.data[f.key] ?? null) !== JSON.stringify(b.data[f.key] ?? null)) out.push(f.label);
  }
  return out;
}

function toDto(r: { id: number; record_id: number; saved_at: string; type: string; date: string; status: string; data: string }): RevisionDto {
  return { id: r.id, recordId: r.record_id, savedAt: r.saved_at, type: r.type, date: r.date, status: r.status as RecordStatus, data: JSON.parse(r.data) };
}

/** Newest first; `changed` compares each kept version with the one that replaced it. */
export function listRevisions(db: Db, recordId: number): RevisionSummary[] {
  const cur = first(db, q.selectFrom('records').select(['type', 'date', 'status', 'data']).where('id', '=', recordId));
  if (!cur) throw notFound('该记录');
  const revs = all(db, q.selectFrom('record_revisions').selectAll().where('record_id', '=', recordId).orderBy('id')).map(toDto);
  const current: Version = { date: cur.date, status: cur.status, data: JSON.parse(cur.data) };
  return revs
    .map((r, i) => ({ id: r.id, savedAt: r.savedAt, changed: changedFields(cur.type, r, revs[i + 1] ?? current) }))
    .reverse();
}

export function getRevision(db: Db, id: number): RevisionDto {
  const r = first(db, q.selectFrom('record_revisions').selectAll().where('id', '=', id));
  if (!r) throw notFound('该历史版本');
  return toDto(r);
}

/**
 * The old version becomes current; the current one is kept as a revision: by the
 * update when it is a 定稿, here when it is a 草稿 (restoring must not lose it).
 */
export function restoreRevision(db: Db, id: number): RecordDto {
  const r = getRevision(db, id);
  const input: RecordInput = { type: r.type, date: r.date, status: r.status, data: r.data };
  return tx(db, () => {
    const cur = first(db, q.selectFrom('records').select(['date', 'status', 'data']).where('id', '=', r.recordId).where('deleted_at', 'is', null));
    if (cur) assertYearOpen(db, yearOf(cur.date));
    assertYearOpen(db, yearOf(r.date));
    const same = cur && cur.date === r.date && cur.status === r.status && cur.data === JSON.stringify(r.data);
    if (cur && cur.status !== 'final' && !same) keepRevision(db, r.recordId, true);
    return updateRecord(db, r.recordId, input);
  });
}
