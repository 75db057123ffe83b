/**
 * The branch's cadence of each obligation: the defaults of
 * shared/rules/cadence.ts, with a stored row only where the branch departs
 * from them (switched off, or another frequency). The completeness check of
 * the year (and the year's reminders) read `branchCadences`.
 */
import { CADENCES, type Cadence, type PeriodUnit } from '../../../shared/rules/cadence.js';
import type { CadenceSetting } from '../../../shared/methods/cadence.js';
import { all, now, q, run, type Db } from '../db/sql.js';
import { AppError } from '../errors.js';

function overrides(db: Db): Map<string, { enabled: boolean; period: PeriodUnit }> {
  return new Map(
    all(db, q.selectFrom('cadence_settings').select(['type_id', 'enabled', 'period'])).map((r) => [r.type_id, { enabled: r.enabled === 1, period: r.period }]),
  );
}

/** Every obligation with the branch's setting, its default and its source, in the rules' order. */
export function cadenceSettings(db: Db): CadenceSetting[] {
  const own = overrides(db);
  return CADENCES.map((c) => {
    const o = own.get(c.typeId);
    return {
      typeId: c.typeId,
      label: c.label,
      enabled: o?.enabled ?? true,
      period: o?.period ?? c.defaultPeriod,
      defaultPeriod: c.defaultPeriod,
      basis: c.basis,
      perGroup: c.perGroup,
      source: c.source,
    };
  });
}

/** The obligations the branch keeps, at its own frequency. */
export function branchCadences(db: Db): Cadence[] {
  const own = overrides(db);
  return CADENCES.flatMap((c) => {
    const o = own.get(c.typeId);
    if (o && !o.enabled) return [];
    return [{ ...c, period: o?.period ?? c.defaultPeriod }];
  });
}

function known(typeId: string): Cadence {
  const c = CADENCES.find((x) => x.typeId === typeId);
  if (!c) throw new AppError('NOT_FOUND', '没有这项活动频次设置');
  return c;
}

/** Keep an obligation on or off, at a frequency; the default again removes the branch's row. */
export function updateCadence(db: Db, input: { typeId: string; enabled: boolean; period: PeriodUnit }): CadenceSetting[] {
  const c = known(input.typeId);
  if (input.enabled && input.period === c.defaultPeriod) {
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
