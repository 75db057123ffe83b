/**
 * The year at a glance (the home page): every obligation the branch keeps,
 * period by period (held, planned, due, overdue, still to come, or before the
 * books began); what is due as of today whatever the year (upcoming.ts, fed
 * with today's year's obligations); and the year's other gaps as the
 * completeness check names them.
 */
import type { YearGlance } from '../../../shared/methods/cadence.js';
import { cadenceKind, cadenceTitle, periodStatuses, type Cadence, type CadenceContext } from '../../../shared/rules/cadence.js';
import { localToday } from '../../../shared/dates.js';
import { requireBranch } from '../branch/service.js';
import { booksStart, branchCadences } from '../cadence/service.js';
import type { Db } from '../db/sql.js';
import { periodLink, yearGaps, yearRecords } from './service.js';
import { upcoming, type KeptObligation } from './upcoming.js';

/** Gap kinds the upcoming list words by date instead (回执 and 整改 are not tied to the year). */
const SHOWN_AS_UPCOMING = new Set(['rectification-open', 'transfer-receipt-overdue']);

/** Each obligation the branch keeps (per 党小组 for per-group ones) with where each period of `ctx.year` stands on `ctx.asOf`. */
function obligations(db: Db, cadences: readonly Cadence[], ctx: CadenceContext): KeptObligation[] {
  const records = yearRecords(db, ctx.year, cadences.map((c) => c.typeId));
  return cadences.flatMap((c) =>
    (c.perGroup ? ctx.groups.map((g) => ({ id: g.id, name: g.name })) : [null]).map((group) => ({
      cadence: c,
      group,
      periods: periodStatuses(c, records, ctx, group?.id ?? null),
    })),
  );
}

export function yearGlance(db: Db, year: number, asOf: string = localToday()): YearGlance {
  const branch = requireBranch(db);
  const cadences = branchCadences(db);
  const start = booksStart(db).effective;
  const ctx: CadenceContext = { year, asOf, branchStart: start, groups: branch.groups };
  const shown = obligations(db, cadences, ctx);
  // 近期待办 is as of today: it reads today's year, whichever year is shown.
  const todayYear = Number(asOf.slice(0, 4));
  const soon = upcoming(db, asOf, todayYear === year ? shown : obligations(db, cadences, { ...ctx, year: todayYear }));
  const rows = shown.map(({ cadence: c, group, periods }) => ({
    typeId: c.typeId,
    org: c.org,
    label: cadenceTitle(c),
    group: group?.name ?? null,
    source: c.source,
    cells: periods.map((s) => ({ label: s.period.label, state: s.state, link: periodLink(c.typeId, s) })),
  }));
  const cadenceKinds = new Set(cadences.map(cadenceKind));
  // A draft that 近期待办 lists as planned (one of this period dated before today) is not worded again as a draft left.
  const planned = new Set(soon.sections.flatMap((s) => (s.kind === 'planned-activity' ? s.items.map((u) => u.link) : [])));
  return {
    year,
    asOf,
    booksStart: start,
    rows,
    upcoming: soon,
    reminders: yearGaps(db, year, asOf, cadences).filter((g) => !cadenceKinds.has(g.kind) && !SHOWN_AS_UPCOMING.has(g.kind) && !(g.kind === 'draft-record' && planned.has(g.link))),
  };
}
