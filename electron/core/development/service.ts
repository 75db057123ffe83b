/**
 * 发展党员 cases: one open case per person, its 25 steps (development_steps) and
 * its 考察/思想汇报 (development_reviews). What the rules say about a case is
 * computed when it is read (shared/rules/development.ts), never stored.
 *
 * ⑮ and ㉓ may link to a 支部党员大会 record and one of its motions; the motion
 * is judged by the vote rule every time the case is read, so a record edited
 * later is judged as it is now. Saving ⑮ makes the person 中共预备党员 with
 * join_date = ⑮'s date; saving ㉓ (转为正式党员) makes them 中共党员 with
 * full_date = the 转正日期. Those roster writes go through the people service
 * after the step has committed; anything they cannot do comes back as a notice.
 */
import { recordType } from '../../../shared/books/index.js';
import type { Attendee, Motion } from '../../../shared/books/schema.js';
import { chineseDate } from '../../../shared/dates.js';
import {
  CLOSE_REASONS,
  type AssemblyOption,
  type CloseReason,
  type DevelopmentCaseDto,
  type DevelopmentCaseSummary,
  type DevelopmentPerson,
  type DevelopmentReviewDto,
  type DevelopmentStepDto,
  type LinkedMotion,
  type SaveStepInput,
  type SaveStepResult,
  type TransferSummary,
} from '../../../shared/methods/development.js';
import { judgeMotion } from '../../../shared/rules/attendance.js';
import {
  boardColumn,
  checkCase,
  currentStep,
  DEFAULT_OPTIONS,
  fullMemberDate,
  fullOutcome,
  linkWarning,
  nextStep,
  probationEnd,
  sortWarnings,
  stepDef,
  stepTitle,
  voteWarning,
  type CaseFacts,
  type DevelopmentOptions,
  type DevelopmentWarning,
  type ReviewKind,
  type StepRecord,
} from '../../../shared/rules/development.js';
import { transferDue, transferOverdue } from '../../../shared/rules/transfer.js';
import { recordTitle } from '../../../shared/print/display.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';
import { AppError, notFound } from '../errors.js';
import { setPartyStatus } from '../people/service.js';
import { localToday } from '../../../shared/dates.js';
import { caseRow, openCaseRow, type CaseRow } from './cases.js';
import { detachStepFiles } from './files.js';
import { getRecord, listRecords } from '../records/service.js';

export interface ReadOptions {
  today: string;
  rules: DevelopmentOptions;
}

/** How cases are read on a day (today by default), under the default rules. */
export const readOptions = (today = localToday()): ReadOptions => ({ today, rules: DEFAULT_OPTIONS });

// ---------- readers ----------

/** The person as the case shows them; people moved off the roster are still found. */
function personOf(db: Db, personId: number): DevelopmentPerson {
  const r = first(
    db,
    q
      .selectFrom('people as p')
      .leftJoin('party_groups as g', 'g.id', 'p.group_id')
      .select(['p.id', 'p.name', 'p.gender', 'p.birth_date', 'p.political_status', 'p.position', 'p.join_date', 'p.full_date', 'p.removed_at', 'g.name as group_name'])
      .where('p.id', '=', personId),
  );
  if (!r) throw notFound('该人员');
  return {
    id: r.id,
    name: r.name,
    gender: r.gender,
    birthDate: r.birth_date,
    politicalStatus: r.political_status,
    groupName: r.group_name,
    position: r.position,
    joinDate: r.join_date,
    fullDate: r.full_date,
    removed: r.removed_at !== null,
  };
}

function stepRows(db: Db, caseIds: number[]) {
  if (!caseIds.length) return [];
  return all(db, q.selectFrom('development_steps').selectAll().where('case_id', 'in', caseIds).orderBy('step'));
}

function reviewRows(db: Db, caseIds: number[]) {
  if (!caseIds.length) return [];
  return all(db, q.selectFrom('development_reviews').selectAll().where('case_id', 'in', caseIds).orderBy('date').orderBy('id'));
}

/** The motion a step links to, judged now; or the problem with the link, as a warning. */
function judgeLink(db: Db, step: number, recordId: number | null, motionIndex: number | null, stepDate: string): { link: LinkedMotion | null; warnings: DevelopmentWarning[] } {
  if (recordId === null) return { link: null, warnings: [] };
  let rec;
  try {
    rec = getRecord(db, recordId);
  } catch {
    return { link: null, warnings: [linkWarning(step, '所链接的支部党员大会记录已删除，请重新选择。')] };
  }
  if (rec.type !== 'branch-assembly') return { link: null, warnings: [linkWarning(step, '所链接的记录不是支部党员大会记录。')] };
  const title = recordTitle(recordType(rec.type), rec.data);
  const warnings: DevelopmentWarning[] = [];
  if (rec.date !== stepDate) warnings.push(linkWarning(step, `本步骤日期${chineseDate(stepDate)}与所链接的支部党员大会日期${chineseDate(rec.date)}不一致。`));
  const motions = (rec.data.motions ?? []) as Motion[];
  const motion = motionIndex === null ? undefined : motions[motionIndex];
  if (!motion) {
    warnings.push(linkWarning(step, motionIndex === null ? '尚未选择该会议的表决事项，无法核对表决结果。' : '所链接的表决事项已不在该会议记录中，请重新选择。'));
    return { link: { recordId, date: rec.date, seq: rec.seq, title, motionTitle: '', passed: false, summary: '' }, warnings };
  }
  const outcome = judgeMotion((rec.data.attendance ?? []) as Attendee[], motion);
  const vw = voteWarning(step, outcome);
  if (vw) warnings.push(vw);
  return { link: { recordId, date: rec.date, seq: rec.seq, title, motionTitle: motion.title, passed: outcome.passed, summary: outcome.summary }, warnings };
}

interface Assembled {
  row: CaseRow;
  person: DevelopmentPerson;
  facts: CaseFacts;
  steps: DevelopmentStepDto[];
  reviews: DevelopmentReviewDto[];
  warnings: DevelopmentWarning[];
}

function assemble(db: Db, rows: CaseRow[], o: ReadOptions): Assembled[] {
  const ids = rows.map((r) => r.id);
  const steps = stepRows(db, ids);
  const reviews = reviewRows(db, ids);
  return rows.map((row) => {
    const person = personOf(db, row.person_id);
    const linkWarnings: DevelopmentWarning[] = [];
    const stepDtos: DevelopmentStepDto[] = steps
      .filter((s) => s.case_id === row.id)
      .map((s) => {
        const { link, warnings } = judgeLink(db, s.step, s.record_id, s.motion_index, s.date);
        linkWarnings.push(...warnings);
        return {
          step: s.step,
          date: s.date,
          people: JSON.parse(s.people) as Record<string, string[]>,
          details: JSON.parse(s.details) as Record<string, unknown>,
          notes: s.notes,
          recordId: s.record_id,
          motionIndex: s.motion_index,
          link,
        };
      });
    const reviewDtos: DevelopmentReviewDto[] = reviews
      .filter((r) => r.case_id === row.id)
      .map((r) => ({ id: r.id, date: r.date, kind: r.kind as ReviewKind, reviewer: r.reviewer, content: r.content }));
    const facts: CaseFacts = {
      birthDate: person.birthDate,
      politicalStatus: person.politicalStatus,
      steps: stepDtos.map((s): StepRecord => ({ step: s.step, date: s.date, people: s.people, details: s.details })),
      reviews: reviewDtos.map((r) => ({ date: r.date, kind: r.kind })),
      closed: row.closed_at !== null,
    };
    const warnings = sortWarnings([...checkCase(facts, o.today, o.rules), ...linkWarnings]);
    return { row, person, facts, steps: stepDtos, reviews: reviewDtos, warnings };
  });
}

function toDto(a: Assembled, o: ReadOptions): DevelopmentCaseDto {
  return {
    id: a.row.id,
    person: a.person,
    column: boardColumn(a.facts),
    currentStep: currentStep(a.facts)?.step ?? null,
    next: nextStep(a.facts, o.today),
    probationEnd: probationEnd(a.facts),
    steps: a.steps,
    reviews: a.reviews,
    warnings: a.warnings,
    openedAt: a.row.created_at,
    closedAt: a.row.closed_at,
    closedReason: a.row.closed_reason,
  };
}

const selectCases = () => q.selectFrom('development_cases').select(['id', 'person_id', 'created_at', 'closed_at', 'closed_reason']);

export function getCase(db: Db, id: number, o: ReadOptions = readOptions()): DevelopmentCaseDto {
  return toDto(assemble(db, [caseRow(db, id)], o)[0]!, o);
}

const LEVEL_RANK = { error: 0, warning: 1, info: 2 } as const;

export function listCases(db: Db, o: ReadOptions = readOptions()): DevelopmentCaseSummary[] {
  const rows = all(db, selectCases().orderBy('id'));
  return assemble(db, rows, o).map((a) => {
    const cur = currentStep(a.facts);
    const worst = a.warnings.reduce<DevelopmentWarning['level'] | null>((w, x) => (w === null || LEVEL_RANK[x.level] < LEVEL_RANK[w] ? x.level : w), null);
    return {
      id: a.row.id,
      personId: a.person.id,
      name: a.person.name,
      column: boardColumn(a.facts),
      current: cur ? { step: cur.step, name: stepDef(cur.step).name, date: cur.date } : null,
      next: nextStep(a.facts, o.today),
      warnings: a.warnings.filter((w) => w.level !== 'info').length,
      worst,
      closedAt: a.row.closed_at,
      closedReason: a.row.closed_reason,
    };
  });
}

// ---------- writers ----------

export function openCase(db: Db, personId: number, o: ReadOptions = readOptions()): DevelopmentCaseDto {
  const id = tx(db, () => {
    const p = first(db, q.selectFrom('people').select(['id', 'removed_at']).where('id', '=', personId));
    if (!p || p.removed_at !== null) throw new AppError('VALIDATION', '所选人员不在人员名册中', [{ path: 'personId', message: '所选人员不在人员名册中' }]);
    const open = first(db, q.selectFrom('development_cases').select('id').where('person_id', '=', personId).where('closed_at', 'is', null));
    if (open) throw new AppError('CONFLICT', '此人已有进行中的发展党员记录，请在看板中打开。');
    const t = now();
    return run(db, q.insertInto('development_cases').values({ person_id: personId, created_at: t, updated_at: t })).lastInsertRowid;
  });
  // The rules' own status check says so when the person is not 群众/共青团员.
  return getCase(db, id, o);
}

function touch(db: Db, caseId: number) {
  run(db, q.updateTable('development_cases').set({ updated_at: now() }).where('id', '=', caseId));
}

/** ⑮/㉓'s link: the record exists, is a 支部党员大会, and has the motion. */
function checkLink(db: Db, input: SaveStepInput) {
  const recordId = input.recordId ?? null;
  const motionIndex = input.motionIndex ?? null;
  if (recordId === null) {
    if (motionIndex !== null) throw new AppError('VALIDATION', '请先选择支部党员大会记录', [{ path: 'recordId', message: '请先选择支部党员大会记录' }]);
    return;
  }
  const rec = first(db, q.selectFrom('records').select(['type', 'data']).where('id', '=', recordId).where('deleted_at', 'is', null));
  if (!rec) throw new AppError('VALIDATION', '所选会议记录不存在或已删除', [{ path: 'recordId', message: '所选会议记录不存在或已删除' }]);
  if (rec.type !== 'branch-assembly') throw new AppError('VALIDATION', '请选择支部党员大会记录', [{ path: 'recordId', message: '请选择支部党员大会记录' }]);
  if (motionIndex !== null) {
    const motions = ((JSON.parse(rec.data) as { motions?: Motion[] }).motions ?? []) as Motion[];
    if (!motions[motionIndex]) throw new AppError('VALIDATION', '该会议记录没有所选的表决事项', [{ path: 'motionIndex', message: '该会议记录没有所选的表决事项' }]);
  }
}

export function saveStep(db: Db, input: SaveStepInput, o: ReadOptions = readOptions()): SaveStepResult {
  const row = tx(db, () => {
    const c = openCaseRow(db, input.caseId);
    checkLink(db, input);
    const values = {
      date: input.date,
      people: JSON.stringify(input.people),
      details: JSON.stringify(input.details),
      notes: input.notes,
      record_id: input.recordId ?? null,
      motion_index: input.recordId == null ? null : (input.motionIndex ?? null),
    };
    run(
      db,
      q
        .insertInto('development_steps')
        .values({ case_id: input.caseId, step: input.step, ...values })
        .onConflict((oc) => oc.columns(['case_id', 'step']).doUpdateSet(values)),
    );
    touch(db, input.caseId);
    return c;
  });
  const notices = input.step === 15 || input.step === 23 ? applyMembership(db, row, o) : [];
  return { case: getCase(db, input.caseId, o), notices };
}

/**
 * Bring the roster in step with ⑮ and ㉓, after the step has committed (a roster
 * that cannot take the change never blocks recording the step; the notice says
 * why): 中共预备党员 from ⑮ with 入党日期 = its date, 中共党员 from ㉓ 转为正式党员
 * with 转正日期. The people service's setPartyStatus writes both, keeps the
 * search index and the status history in step.
 */
function applyMembership(db: Db, row: CaseRow, o: ReadOptions): string[] {
  const a = assemble(db, [row], o)[0]!;
  const m = new Map(a.facts.steps.map((s) => [s.step, s]));
  const s15 = m.get(15);
  const s23 = m.get(23);
  const converted = s23 !== undefined && fullOutcome(s23) === '转为正式党员';
  const fullDate = converted ? (fullMemberDate(a.facts) ?? '') : '';
  const { name, politicalStatus: status, joinDate, fullDate: storedFull } = a.person;
  if (a.person.removed) return [`${name}已移出人员名册，名册中的政治面貌未更改。`];

  const notices: string[] = [];
  const note = (n: number) => `发展党员${stepTitle(n)}`;
  try {
    if (s15 && status === '中共党员' && !converted) {
      if (joinDate !== s15.date) notices.push(`人员名册中${name}已是中共党员，政治面貌和入党日期未更改。`);
    } else if (s15 && (joinDate !== s15.date || (status !== '中共预备党员' && status !== '中共党员'))) {
      tx(db, () => setPartyStatus(db, row.person_id, '中共预备党员', s15.date, note(15)));
      if (!converted) notices.push(`已将人员名册中${name}的政治面貌改为中共预备党员，入党日期${chineseDate(s15.date)}。`);
    }
    if (converted && fullDate && (status !== '中共党员' || storedFull !== fullDate || (s15 && joinDate !== s15.date))) {
      tx(db, () => setPartyStatus(db, row.person_id, '中共党员', fullDate, note(23)));
      notices.push(`已将人员名册中${name}的政治面貌改为中共党员，转正日期${chineseDate(fullDate)}。`);
    }
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    notices.push(`步骤已保存，但人员名册未能更新：${e.message}`);
  }
  return notices;
}

export function removeStep(db: Db, caseId: number, step: number, o: ReadOptions = readOptions()): DevelopmentCaseDto {
  tx(db, () => {
    openCaseRow(db, caseId);
    const { changes } = run(db, q.deleteFrom('development_steps').where('case_id', '=', caseId).where('step', '=', step));
    if (!changes) throw notFound(`${stepTitle(step)}的记录`);
    detachStepFiles(db, caseId, step);
    touch(db, caseId);
  });
  return getCase(db, caseId, o);
}

export function addReview(db: Db, input: { caseId: number; date: string; kind: ReviewKind; reviewer: string; content: string }, o: ReadOptions = readOptions()): DevelopmentCaseDto {
  tx(db, () => {
    openCaseRow(db, input.caseId);
    run(db, q.insertInto('development_reviews').values({ case_id: input.caseId, date: input.date, kind: input.kind, reviewer: input.reviewer, content: input.content }));
    touch(db, input.caseId);
  });
  return getCase(db, input.caseId, o);
}

export function removeReview(db: Db, id: number, o: ReadOptions = readOptions()): DevelopmentCaseDto {
  const caseId = tx(db, () => {
    const r = first(db, q.selectFrom('development_reviews').select(['case_id']).where('id', '=', id));
    if (!r) throw notFound('该考察记录');
    openCaseRow(db, r.case_id);
    run(db, q.deleteFrom('development_reviews').where('id', '=', id));
    touch(db, r.case_id);
    return r.case_id;
  });
  return getCase(db, caseId, o);
}

export function closeCase(db: Db, id: number, reason: CloseReason, o: ReadOptions = readOptions()): DevelopmentCaseDto {
  if (!CLOSE_REASONS.includes(reason)) throw new AppError('VALIDATION', '请选择结束原因');
  tx(db, () => {
    openCaseRow(db, id);
    const t = now();
    run(db, q.updateTable('development_cases').set({ closed_at: t, closed_reason: reason, updated_at: t }).where('id', '=', id));
  });
  return getCase(db, id, o);
}

export function reopenCase(db: Db, id: number, o: ReadOptions = readOptions()): DevelopmentCaseDto {
  tx(db, () => {
    const c = caseRow(db, id);
    if (!c.closed_at) throw new AppError('CONFLICT', '该发展记录没有结束，无需重新打开。');
    const other = first(db, q.selectFrom('development_cases').select('id').where('person_id', '=', c.person_id).where('closed_at', 'is', null));
    if (other) throw new AppError('CONFLICT', '此人已有另一条进行中的发展党员记录，不能同时打开两条。');
    run(db, q.updateTable('development_cases').set({ closed_at: null, closed_reason: '', updated_at: now() }).where('id', '=', id));
  });
  return getCase(db, id, o);
}

// ---------- linked records ----------

export function listAssemblies(db: Db, year: number): AssemblyOption[] {
  return listRecords(db, year, { type: 'branch-assembly', book: null })
    .slice()
    .reverse()
    .map((s) => {
      const rec = getRecord(db, s.id);
      const attendance = (rec.data.attendance ?? []) as Attendee[];
      const motions = ((rec.data.motions ?? []) as Motion[]).map((m, index) => {
        const outcome = judgeMotion(attendance, m);
        return { index, title: m.title, passed: outcome.passed, summary: outcome.summary };
      });
      return { id: s.id, date: s.date, seq: s.seq, title: s.title, motions };
    });
}

/** Every 组织关系转接, newest first, with the 回执 rule applied as of today. */
export function listTransfers(db: Db, today = localToday()): TransferSummary[] {
  const rows = all(
    db,
    q
      .selectFrom('records')
      .select(['id', 'date', 'data'])
      .where('type', '=', 'membership-transfer')
      .where('deleted_at', 'is', null)
      .orderBy('date', 'desc')
      .orderBy('id', 'desc'),
  );
  const s = (v: unknown) => (typeof v === 'string' ? v : '');
  return rows.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    return {
      id: r.id,
      date: r.date,
      direction: s(data.direction),
      name: s(data.name),
      counterpart: s(data.counterpart),
      letterNo: s(data.letterNo),
      receiptDate: s(data.receiptDate),
      due: transferDue(data, r.date),
      overdue: transferOverdue(data, r.date, today),
    };
  });
}
