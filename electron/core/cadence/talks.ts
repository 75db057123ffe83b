/**
 * The year's 谈心谈话 matrix (cadence.talks): the members on the roster at the
 * end of the year, the 支委 among them (the committee as it is now: the app
 * keeps no history of seats), the names of everyone on the roster in the year
 * (those who left before it began are not), and the year's talk records,
 * handed to the rule in shared/rules/talks.ts. Nothing here writes.
 */
import { TALK_COVERAGE } from '../../../shared/rules/cadence.js';
import { buildTalkMatrix, type TalkMatrix } from '../../../shared/rules/talks.js';
import { localToday } from '../../../shared/dates.js';
import { requireBranch } from '../branch/service.js';
import { yearMembers, yearRecords } from '../completeness/service.js';
import { all, q, type Db } from '../db/sql.js';

/** The names of the people on the roster at some time in `year`: not removed before it began. */
function yearRosterNames(db: Db, year: number): string[] {
  const rows = all(db, q.selectFrom('people').select(['name', 'removed_at']).orderBy('id'));
  return rows.filter((p) => p.removed_at === null || localToday(new Date(p.removed_at)) >= `${year}-01-01`).map((p) => p.name);
}

export function talkMatrix(db: Db, year: number): TalkMatrix {
  const branch = requireBranch(db);
  const roles = new Map(branch.committee.map((c) => [c.personId, c.role]));
  const members = yearMembers(db, year).map((m) => ({ ...m, role: roles.get(m.id) ?? null }));
  return buildTalkMatrix(year, members, yearRecords(db, year, [TALK_COVERAGE.typeId]), yearRosterNames(db, year));
}
