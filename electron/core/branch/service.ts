import type { Branch, BranchSetupInput, BranchUpdateInput, CommitteeSeat } from '../../../shared/methods/branch.js';
import { COMMITTEE_ROLES } from '../../../shared/books/vocab.js';
import { AppError } from '../errors.js';
import { insertPerson, reindexPerson } from '../people/service.js';
import { indexRecordRow } from '../records/search.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';

const roleOrder = (role: string) => COMMITTEE_ROLES.indexOf(role as (typeof COMMITTEE_ROLES)[number]);

/** What a method that needs the branch set up answers before that (CONFLICT). */
export const NO_BRANCH = '请先完成支部初始设置。';

/** The branch, which must be set up. */
export function requireBranch(db: Db): Branch {
  const b = getBranch(db);
  if (!b) throw new AppError('CONFLICT', NO_BRANCH);
  return b;
}

export function getBranch(db: Db): Branch | null {
  const b = first(db, q.selectFrom('branch').selectAll().where('id', '=', 1));
  if (!b) return null;
  const groups = all(
    db,
    q.selectFrom('party_groups').select(['id', 'name']).where('removed_at', 'is', null).orderBy('sort').orderBy('id'),
  );
  const committee = all(
    db,
    q
      .selectFrom('committee')
      .innerJoin('people', 'people.id', 'committee.person_id')
      .select(['committee.person_id as personId', 'people.name', 'committee.role'])
      .where('people.removed_at', 'is', null)
      .orderBy('committee.sort'),
  ) as CommitteeSeat[];
  return { name: b.name, parentOrg: b.parent_org, fondsNo: b.fonds_no, shortName: b.short_name, groups, committee };
}

/** First-run setup: the branch, its 党小组, and its 支委 (who become people on the roster). */
export function setupBranch(db: Db, input: BranchSetupInput): Branch {
  tx(db, () => {
    if (first(db, q.selectFrom('branch').select('id'))) {
      throw new AppError('CONFLICT', '支部已经建立，请在“支部设置”中修改。');
    }
    assertUnique(input.groups, '党小组名称');
    const t = now();
    run(db, q.insertInto('branch').values({ id: 1, name: input.name, parent_org: input.parentOrg, fonds_no: input.fondsNo, created_at: t, updated_at: t }));
    input.groups.forEach((name, sort) => run(db, q.insertInto('party_groups').values({ name, sort })));
    sortSeats(input.committee).forEach((m, sort) => {
      // Through the people writer, so the 支委 get their status history and search entries.
      const personId = insertPerson(
        db,
        { name: m.name, gender: m.gender, birthDate: '', politicalStatus: '中共党员', groupId: null, position: `支部${m.role}`, phone: '' },
        { note: `建立支部时登记为支部${m.role}` },
      );
      run(db, q.insertInto('committee').values({ person_id: personId, role: m.role, sort }));
    });
  });
  return getBranch(db)!;
}

export function updateBranch(db: Db, input: BranchUpdateInput): Branch {
  tx(db, () => {
    if (!first(db, q.selectFrom('branch').select('id'))) throw new AppError('CONFLICT', NO_BRANCH);
    assertUnique(input.groups.map((g) => g.name), '党小组名称');
    assertUnique(input.committee.map((c) => String(c.personId)), '支委人选');
    const t = now();
    run(
      db,
      q
        .updateTable('branch')
        .set({ name: input.name, parent_org: input.parentOrg, fonds_no: input.fondsNo, ...(input.shortName === undefined ? {} : { short_name: input.shortName }), updated_at: t })
        .where('id', '=', 1),
    );

    const existing = all(db, q.selectFrom('party_groups').select('id').where('removed_at', 'is', null)).map((g) => g.id);
    const kept = new Set<number>();
    input.groups.forEach((g, sort) => {
      if (g.id !== undefined) {
        if (!existing.includes(g.id)) throw new AppError('NOT_FOUND', `党小组“${g.name}”不存在或已被删除`);
        kept.add(g.id);
        run(db, q.updateTable('party_groups').set({ name: g.name, sort }).where('id', '=', g.id));
      } else {
        run(db, q.insertInto('party_groups').values({ name: g.name, sort }));
      }
    });
    // Removed groups stay in the table (old records name them) but leave the roster.
    for (const gid of existing.filter((x) => !kept.has(x))) {
      run(db, q.updateTable('party_groups').set({ removed_at: t }).where('id', '=', gid));
      run(db, q.updateTable('people').set({ group_id: null, updated_at: t }).where('group_id', '=', gid));
    }

    run(db, q.deleteFrom('committee'));
    sortSeats(input.committee).forEach((m, sort) => {
      const p = first(db, q.selectFrom('people').select(['id', 'political_status']).where('id', '=', m.personId).where('removed_at', 'is', null));
      if (!p) throw new AppError('NOT_FOUND', '所选支委不在人员名册中');
      if (p.political_status !== '中共党员') throw new AppError('VALIDATION', '支委应为正式党员', [{ path: 'committee', message: '支委应为正式党员' }]);
      run(db, q.insertInto('committee').values({ person_id: m.personId, role: m.role, sort }));
    });
    // Group names and 支委 roles are part of what people are found by.
    for (const p of all(db, q.selectFrom('people').select('id').where('removed_at', 'is', null))) reindexPerson(db, p.id);
    // …and the 党小组 name is part of a 党小组会's text.
    for (const r of all(db, q.selectFrom('records').select('id').where('group_id', 'is not', null).where('deleted_at', 'is', null))) indexRecordRow(db, r.id);
  });
  return getBranch(db)!;
}

function sortSeats<T extends { role: string }>(seats: readonly T[]): T[] {
  return [...seats].sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
}

function assertUnique(values: readonly string[], label: string) {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) throw new AppError('VALIDATION', `${label}“${v}”重复`, [{ path: 'groups', message: `${label}重复` }]);
    seen.add(v);
  }
}
