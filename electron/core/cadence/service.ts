/**
 * The branch's cadence of each obligation: the defaults of
 * shared/rules/cadence.ts, with a stored row only where the branch departs
 * from them (switched on or off against the default, or another frequency);
 * and when the branch's books begin. The completeness check of the year and
 * the year's reminders read `branchCadences` and `booksStart`.
 */
import { CADENCES, type Cadence, type PeriodUnit } from '../../../shared/rules/cadence.js';
import { isRecordType, recordType } from '../../../shared/books/index.js';
import type { BooksStart, CadenceSetting, CadenceSettings } from '../../../shared/methods/cadence.js';
import { localToday } from '../../../shared/dates.js';
import { all, first, now, q, run, type Db } from '../db/sql.js';
import { AppError } from '../errors.js';
import { NO_BRANCH } from '../branch/service.js';

function overrides(db: Db): Map<string, { enabled: boolean; period: PeriodUnit }> {
  return new Map(
    all(db, q.selectFrom('cadence_settings').select(['type_id', 'enabled', 'period'])).map((r) => [r.type_id, { enabled: r.enabled === 1, period: r.period }]),
  );
}

/** The book parts the branch keeps: those with at least one record (any year, not in the 回收站). */
function keptParts(db: Db): Set<string> {
  const types = all(db, q.selectFrom('records').select('type').distinct().where('deleted_at', 'is', null));
  return new Set(types.filter((t) => isRecordType(t.type)).map((t) => `${recordType(t.type).book}/${recordType(t.type).part}`));
}

/** Each obligation with the branch's setting: on/off and frequency, and the defaults they depart from. */
function settings(db: Db): CadenceSetting[] {
  const own = overrides(db);
  const kept = keptParts(db);
  return CADENCES.map((c) => {
    const o = own.get(c.typeId);
    const defaultEnabled = !c.keptWith || kept.has(`${c.keptWith.book}/${c.keptWith.part}`);
    return {
      typeId: c.typeId,
      org: c.org,
      label: c.label,
      enabled: o?.enabled ?? defaultEnabled,
      period: o?.period ?? c.defaultPeriod,
      defaultEnabled,
      defaultPeriod: c.defaultPeriod,
      basis: c.basis,
      perGroup: c.perGroup,
      source: c.source,
    };
  });
}

/** The obligations the branch keeps, at its own frequency. */
export function branchCadences(db: Db): Cadence[] {
  const mine = new Map(settings(db).map((s) => [s.typeId, s]));
  return CADENCES.flatMap((c) => {
    const s = mine.get(c.typeId)!;
    return s.enabled ? [{ ...c, period: s.period }] : [];
  });
}

function setUpDay(createdAt: string): string {
  const d = new Date(createdAt);
  return Number.isNaN(d.getTime()) ? createdAt.slice(0, 10) : localToday(d);
}

/**
 * When the branch's books begin: the date the secretary set; else the day it
 * was set up in the app, or the date of its earliest record when older books
 * have been entered since (back-filled years are checked from their first
 * record on, not blamed for the months before it).
 */
export function booksStart(db: Db): BooksStart {
  const b = first(db, q.selectFrom('branch').select(['created_at', 'books_start']).where('id', '=', 1));
  if (!b) throw new AppError('CONFLICT', NO_BRANCH);
  const earliest = first(db, q.selectFrom('records').select((eb) => eb.fn.min('date').as('d')).where('deleted_at', 'is', null))?.d as string | null | undefined;
  const setUp = setUpDay(b.created_at);
  const earliestRecord = earliest ?? null;
  const worked = earliestRecord && earliestRecord < setUp ? earliestRecord : setUp;
  return { set: b.books_start, setUpDay: setUp, earliestRecord, effective: b.books_start ?? worked };
}

export function cadenceSettings(db: Db): CadenceSettings {
  return { cadences: settings(db), start: booksStart(db) };
}

function known(typeId: string): Cadence {
  const c = CADENCES.find((x) => x.typeId === typeId);
  if (!c) throw new AppError('NOT_FOUND', '没有这项活动频次设置');
  return c;
}

/** Keep an obligation on or off, at a frequency; the default again removes the branch's row. */
export function updateCadence(db: Db, input: { typeId: string; enabled: boolean; period: PeriodUnit }): CadenceSettings {
  const c = known(input.typeId);
  const current = settings(db).find((s) => s.typeId === c.typeId)!;
  if (input.enabled === current.defaultEnabled && input.period === c.defaultPeriod) {
    run(db, q.deleteFrom('cadence_settings').where('type_id', '=', c.typeId));
  } else {
    const row = { enabled: input.enabled ? 1 : 0, period: input.period, updated_at: now() };
    run(
      db,
      q
        .insertInto('cadence_settings')
        .values({ type_id: c.typeId, ...row })
        .onConflict((oc) => oc.column('type_id').doUpdateSet(row)),
    );
  }
  return cadenceSettings(db);
}

/** Set when the branch's books begin, or clear it (null) to have it worked out again. */
export function setBooksStart(db: Db, date: string | null): CadenceSettings {
  if (!first(db, q.selectFrom('branch').select('id').where('id', '=', 1))) throw new AppError('CONFLICT', NO_BRANCH);
  if (date !== null && date > localToday()) throw new AppError('VALIDATION', '记录起始日期不能晚于今天', [{ path: 'date', message: '记录起始日期不能晚于今天' }]);
  run(db, q.updateTable('branch').set({ books_start: date, updated_at: now() }).where('id', '=', 1));
  return cadenceSettings(db);
}
