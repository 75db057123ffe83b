/**
 * The year at a glance (the home page): every obligation the branch keeps,
 * period by period (held, planned, due, overdue, still to come, or before the
 * books began); what is due soon whatever the year (upcoming.ts); and the
 * year's other gaps as the completeness check names them.
 */
import type { YearGlance } from '../../../shared/methods/cadence.js';
import { cadenceKind, cadenceTitle, periodStatuses, type CadenceContext } from '../../../shared/rules/cadence.js';
import { localToday } from '../../../shared/dates.js';
import { getBranch } from '../branch/service.js';
import { booksStart, branchCadences } from '../cadence/service.js';
import type { Db } from '../db/sql.js';
import { AppError } from '../errors.js';
import { newRecord, recordLink, yearGaps, yearRecords } from './service.js';
import { upcoming } from './upcoming.js';

/** Gap kinds the upcoming list words by date instead (回执 and 整改 are not tied to the year). */
const SHOWN_AS_UPCOMING = new Set(['rectification-open', 'transfer-receipt-overdue']);

export function yearGlance(db: Db, year: number, asOf: string = localToday()): YearGlance {
  const branch = getBranch(db);
  if (!branch) throw new AppError('CONFLICT', '请先完成支部初始设置。');
  const cadences = branchCadences(db);
  const records = yearRecords(db, year, cadences.map((c) => c.typeId));
  const start = booksStart(db).effective;
  const ctx: CadenceContext = { year, asOf, branchStart: start, groups: branch.groups };
  const rows = cadences.flatMap((c) =>
    (c.perGroup ? branch.groups.map((g) => ({ id: g.id, name: g.name })) : [null]).map((g) => ({
      typeId: c.typeId,
      org: c.org,
      label: cadenceTitle(c),
      group: g?.name ?? null,
      source: c.source,
      cells: periodStatuses(c, records, ctx, g?.id ?? null).map((s) => ({
        label: s.period.label,
        state: s.state,
        link: s.recordId ? recordLink(s.recordId) : newRecord(c.typeId),
      })),
    })),
  );
  const cadenceKinds = new Set(cadences.map(cadenceKind));
  return {
    year,
    asOf,
    booksStart: start,
    rows,
    upcoming: upcoming(db, asOf),
    reminders: yearGaps(db, year, asOf, cadences).filter((g) => !cadenceKinds.has(g.kind) && !SHOWN_AS_UPCOMING.has(g.kind)),
  };
}
