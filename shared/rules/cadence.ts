/**
 * How often the rules expect each kind of branch activity (DOMAIN.md §3), as
 * data with its source, and pure functions that say which periods of a year
 * are due and which of them have no 定稿 record. The year-end completeness
 * check (electron/core/completeness) and the reminders of the year read the
 * same definitions; a branch's own settings are copies of these with another
 * `period` (or left out), never new rules in code.
 *
 * Sources: 《中国共产党支部工作条例（试行）》(2018):
 * - 第十一条: 党支部党员大会……一般每季度召开1次.
 * - 第十二条: 党支部委员会会议一般每月召开1次.
 * - 第十三条: 党小组会一般每月召开1次.
 * - 第十五条: 组织党员按期参加党员大会、党小组会和上党课 (no count for 党课:
 *   once a quarter is common local practice, and the default here).
 * - 第十六条: 每月相对固定1天开展主题党日.
 * - 第十七条: 每年至少召开1次组织生活会，一般安排在第四季度; 会后制定整改措施，逐一整改落实.
 * - 第十八条: 党支部委员之间、党支部委员和党员之间、党员和党员之间，每年谈心谈话一般不少于1次.
 * - 第十九条: 一般每年开展1次民主评议党员.
 *
 * When is a period due? A period counts once it has ended (its last day is
 * before `asOf`): a meeting may still be held on the last day of the month.
 * A branch is not blamed for periods that ended before it existed (`branchStart`);
 * the period in which it was set up counts. A record counts for the period its
 * date falls in, and only as 定稿: a draft is a plan, not a meeting held.
 */

import { typedNames } from './names.js';

export const BRANCH_RULES = '《中国共产党支部工作条例（试行）》';

/** How far ahead the reminders look: what is planned or due within this many days. */
export const UPCOMING_DAYS = 30;

export type PeriodUnit = 'month' | 'quarter' | 'year';

export interface Period {
  unit: PeriodUnit;
  year: number;
  /** month 1–12, quarter 1–4, year 1 */
  index: number;
  /** first and last day, YYYY-MM-DD */
  start: string;
  end: string;
  /** 3月, 第三季度, 全年 */
  label: string;
}

/** Whether the frequency comes from the national text or is a local default. */
export type CadenceBasis = 'national' | 'local';

/** Whose obligation it is: the Party branch's, or the 团支部's or 工会's where the branch keeps their book. */
export type CadenceOrg = '党支部' | '团支部' | '工会';

/** One obligation: a record type expected once per period (per 党小组 where `perGroup`). */
export interface Cadence {
  org: CadenceOrg;
  /**
   * For the 团支部 and 工会: the part of 《工会、团支部记录》 whose records show
   * that the branch keeps it. Such an obligation is on by default only when
   * the branch has records of that part (a crew without young members keeps no
   * 团支部 book and is not reminded of one); the branch may switch it either way.
   */
  keptWith?: { book: string; part: string };
  /** The record type that fulfils it (shared/books). */
  typeId: string;
  /** The activity as named in messages: 支部党员大会. */
  label: string;
  /** The verb of 未…: 召开 / 开展 / 组织. */
  verb: string;
  /** How often: this branch's setting (the default is `defaultPeriod`). */
  period: PeriodUnit;
  /** The frequency the source gives, or the local default where it gives none. */
  defaultPeriod: PeriodUnit;
  basis: CadenceBasis;
  /** One per 党小组 per period (党小组会). */
  perGroup: boolean;
  /** The rule or arrangement it comes from, printed with the gap. */
  source: string;
}

/** The texts the app ships for the 团支部 and the 工会 (resources/texts), which the branch may edit. */
const LEAGUE_RULES = '《团支部“三会两制一课”制度》';
const UNION_RULES = '《工会工作制度》';
const AFFAIRS_RULES = '《队务公开制度》';

const league = { org: '团支部', keptWith: { book: 'union-league', part: 'league' }, basis: 'local', perGroup: false } as const;
const union = { org: '工会', keptWith: { book: 'union-league', part: 'union' }, basis: 'local', perGroup: false } as const;
const at = (period: PeriodUnit) => ({ period, defaultPeriod: period });

const LEAGUE_CADENCES: readonly Cadence[] = [
  { ...league, ...at('quarter'), typeId: 'league-assembly', label: '团员大会', verb: '召开', source: `${LEAGUE_RULES}第二条：团员大会一般每季度召开1次` },
  { ...league, ...at('month'), typeId: 'league-committee', label: '团支部委员会', verb: '召开', source: `${LEAGUE_RULES}第三条：团支部委员会会议一般每月召开1次` },
  { ...league, ...at('month'), typeId: 'league-group-meeting', label: '团小组会', verb: '召开', source: `${LEAGUE_RULES}第四条：设团小组的，团小组会一般每月召开1次` },
  { ...league, ...at('quarter'), typeId: 'league-lecture', label: '团课', verb: '开展', source: `${LEAGUE_RULES}第七条：团课一般每季度开展1次` },
  { ...league, ...at('year'), typeId: 'league-review', label: '团员教育评议', verb: '开展', source: `${LEAGUE_RULES}第五条：团员教育评议一般每年开展1次` },
  { ...league, ...at('year'), typeId: 'league-registration', label: '团籍注册', verb: '办理', source: `${LEAGUE_RULES}第六条：每年对团员进行团籍注册` },
];

const UNION_CADENCES: readonly Cadence[] = [
  { ...union, ...at('month'), typeId: 'union-meeting', label: '工会会议', verb: '召开', source: `${UNION_RULES}第三条：工会委员会会议一般每月召开1次` },
  { ...union, ...at('month'), typeId: 'affairs-public', label: '队务公开', verb: '进行', source: `${AFFAIRS_RULES}第四条：队务公开每月进行1次` },
];

export const CADENCES: readonly Cadence[] = [
  {
    org: '党支部',
    typeId: 'branch-assembly',
    label: '支部党员大会',
    verb: '召开',
    period: 'quarter',
    defaultPeriod: 'quarter',
    basis: 'national',
    perGroup: false,
    source: `${BRANCH_RULES}第十一条：一般每季度召开1次`,
  },
  {
    org: '党支部',
    typeId: 'committee-meeting',
    label: '支部委员会',
    verb: '召开',
    period: 'month',
    defaultPeriod: 'month',
    basis: 'national',
    perGroup: false,
    source: `${BRANCH_RULES}第十二条：一般每月召开1次`,
  },
  {
    org: '党支部',
    typeId: 'group-meeting',
    label: '党小组会',
    verb: '召开',
    period: 'month',
    defaultPeriod: 'month',
    basis: 'national',
    perGroup: true,
    source: `${BRANCH_RULES}第十三条：党小组会一般每月召开1次`,
  },
  {
    org: '党支部',
    typeId: 'party-lecture',
    label: '党课',
    verb: '组织',
    period: 'quarter',
    defaultPeriod: 'quarter',
    basis: 'local',
    perGroup: false,
    source: `${BRANCH_RULES}第十五条要求按期上党课，未规定次数；每季度一次为地方通行做法（本支部规定，可调整）`,
  },
  {
    org: '党支部',
    typeId: 'theme-party-day',
    label: '主题党日',
    verb: '开展',
    period: 'month',
    defaultPeriod: 'month',
    basis: 'national',
    perGroup: false,
    source: `${BRANCH_RULES}第十六条：每月相对固定1天开展主题党日`,
  },
  {
    org: '党支部',
    typeId: 'org-life-meeting',
    label: '组织生活会',
    verb: '召开',
    period: 'year',
    defaultPeriod: 'year',
    basis: 'national',
    perGroup: false,
    source: `${BRANCH_RULES}第十七条：每年至少召开1次，一般安排在第四季度`,
  },
  {
    org: '党支部',
    typeId: 'member-review',
    label: '民主评议党员',
    verb: '开展',
    period: 'year',
    defaultPeriod: 'year',
    basis: 'national',
    perGroup: false,
    source: `${BRANCH_RULES}第十九条：一般每年开展1次`,
  },
  ...LEAGUE_CADENCES,
  ...UNION_CADENCES,
];

/** 谈心谈话: every 党员 at least once a year (the record type and where the rule is). */
export const TALK_COVERAGE = {
  typeId: 'talk',
  label: '谈心谈话',
  source: `${BRANCH_RULES}第十八条：支委之间、支委和党员之间、党员和党员之间，每年谈心谈话一般不少于1次`,
} as const;

const EVERY: Record<PeriodUnit, string> = { month: '每月', quarter: '每季度', year: '每年' };
const KIND_SUFFIX: Record<PeriodUnit, string> = { month: 'monthly', quarter: 'quarterly', year: 'yearly' };

/** The gap kind of a cadence: branch-assembly-quarterly. */
export const cadenceKind = (c: Cadence) => `${c.typeId}-${KIND_SUFFIX[c.period]}`;
/** The obligation as labelled in lists: 支部党员大会（每季度）, 党小组会（每月，每个党小组）. */
export const cadenceTitle = (c: Cadence) => `${c.label}（${EVERY[c.period]}${c.perGroup ? '，每个党小组' : ''}）`;

// ---------- periods ----------

const pad = (n: number) => String(n).padStart(2, '0');
const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

/** The last day of a month (February of a leap year has 29). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function makePeriod(unit: PeriodUnit, year: number, index: number): Period {
  const [firstMonth, lastMonth, label] =
    unit === 'month'
      ? [index, index, `${index}月`]
      : unit === 'quarter'
        ? [index * 3 - 2, index * 3, `第${QUARTER_NAMES[index - 1]}季度`]
        : [1, 12, '全年'];
  return {
    unit,
    year,
    index,
    start: `${year}-${pad(firstMonth)}-01`,
    end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
    label,
  };
}

/** The periods of a year in order: 12 months, 4 quarters, or the year. */
export function periodsOfYear(year: number, unit: PeriodUnit): Period[] {
  const n = unit === 'month' ? 12 : unit === 'quarter' ? 4 : 1;
  return Array.from({ length: n }, (_, i) => makePeriod(unit, year, i + 1));
}

/** The period a date (YYYY-MM-DD) falls in. */
export function periodOf(date: string, unit: PeriodUnit): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return makePeriod(unit, year, unit === 'month' ? month : unit === 'quarter' ? Math.ceil(month / 3) : 1);
}

/** Whether a period is over on `asOf`: its last day is before it. */
export const periodEnded = (p: Period, asOf: string) => p.end < asOf;

/** Whether `asOf` falls in the period: the month, quarter or year under way. */
export const periodUnderWay = (p: Period, asOf: string) => p.start <= asOf && !periodEnded(p, asOf);

/**
 * The periods of `year` that are due on `asOf`: those that have ended, and not
 * those that ended before the branch existed (`branchStart`, YYYY-MM-DD).
 */
export function duePeriods(year: number, unit: PeriodUnit, asOf: string, branchStart: string): Period[] {
  return periodsOfYear(year, unit).filter((p) => periodEnded(p, asOf) && p.end >= branchStart);
}

// ---------- cadence gaps ----------

/** A record as the cadence rules read it. */
export interface CadenceRecord {
  type: string;
  date: string;
  status: 'draft' | 'final' | string;
  /** The 党小组 of a 党小组会 (else null). */
  groupId: number | null;
}

export interface CadenceContext {
  year: number;
  asOf: string;
  branchStart: string;
  /** The branch's current 党小组 (for per-group cadences). */
  groups: readonly { id: number; name: string }[];
}

/** A period that lacks its record: for per-group cadences, with the group. */
export interface MissingPeriod {
  period: Period;
  group: { id: number; name: string } | null;
}

/** The periods (of `year`, due on `asOf`) that hold at least one 定稿 record of the type (and group). */
export function heldPeriods(c: Cadence, records: readonly CadenceRecord[], year: number, groupId: number | null = null): Set<number> {
  const held = new Set<number>();
  for (const r of records) {
    if (r.type !== c.typeId || r.status !== 'final' || Number(r.date.slice(0, 4)) !== year) continue;
    if (c.perGroup && r.groupId !== groupId) continue;
    held.add(periodOf(r.date, c.period).index);
  }
  return held;
}

/**
 * The due periods without a 定稿 record of the cadence's type: for a per-group
 * cadence, per 党小组 in the order given (no groups, nothing expected).
 */
export function missingPeriods(c: Cadence, records: readonly CadenceRecord[], ctx: CadenceContext): MissingPeriod[] {
  const due = duePeriods(ctx.year, c.period, ctx.asOf, ctx.branchStart);
  const scopes = c.perGroup ? ctx.groups.map((g) => ({ id: g.id, name: g.name })) : [null];
  const out: MissingPeriod[] = [];
  for (const group of scopes) {
    const held = heldPeriods(c, records, ctx.year, group?.id ?? null);
    for (const period of due) if (!held.has(period.index)) out.push({ period, group });
  }
  return out;
}

/** What the 备考表 says of a missing period: 第三季度未召开支部党员大会, 第一党小组：3月未召开党小组会. */
export function missingMessage(c: Cadence, m: MissingPeriod): string {
  return `${m.group ? `${m.group.name}：` : ''}${m.period.label}未${c.verb}${c.label}`;
}

// ---------- 谈心谈话 coverage ----------

/** The data of a 谈心谈话 record that coverage reads (shared/books/branch-general.ts, type 'talk'). */
export interface TalkData {
  talker?: unknown;
  subject?: unknown;
}

/**
 * The names a talk record names: its 谈话人 and its 谈话对象, each read as names.ts
 * reads a person field (several names split, 同志 dropped). A collective
 * subject such as “钻井一班全体成员” is kept as it is: it names no member, so it
 * covers nobody (the secretary records each member by name to count them), but
 * the talk still counts for the 谈话人.
 */
export function talkParticipants(data: TalkData): string[] {
  return [...typedNames(data.talker), ...typedNames(data.subject)];
}

export interface CoverageMember {
  id: number;
  name: string;
  /** 入党日期 ('' when not recorded): a member admitted after the year is not expected in it. */
  joinDate: string;
}

/** Whether a member is expected in `year`: admitted by its end, or with no 入党日期 recorded. */
export const memberInYear = (m: Pick<CoverageMember, 'joinDate'>, year: number) => m.joinDate === '' || m.joinDate <= `${year}-12-31`;

/** Whether a talk is held in `year`: 定稿 and dated in it (a draft is a plan). */
export const talkHeldIn = (t: { date: string; status: string }, year: number) => t.status === 'final' && Number(t.date.slice(0, 4)) === year;

/**
 * The members who appear in no 定稿 talk record of `year`, as 谈话人 or 谈话对象.
 * Due only once the year has ended on `asOf` and if the branch existed in it
 * (a yearly obligation, like the other yearly cadences).
 */
export function uncoveredMembers<M extends CoverageMember>(
  members: readonly M[],
  talks: readonly { date: string; status: string; data: TalkData }[],
  ctx: Pick<CadenceContext, 'year' | 'asOf' | 'branchStart'>,
): M[] {
  if (duePeriods(ctx.year, 'year', ctx.asOf, ctx.branchStart).length === 0) return [];
  const named = new Set<string>();
  for (const t of talks) {
    if (!talkHeldIn(t, ctx.year)) continue;
    for (const n of talkParticipants(t.data)) named.add(n);
  }
  return members.filter((m) => memberInYear(m, ctx.year) && !named.has(m.name));
}

// ---------- the year at a glance ----------

/**
 * Where a period of an obligation stands on `asOf`: held (a 定稿 record), planned
 * (only a draft, the way an activity is planned), overdue (over and neither),
 * due (the period under way), later (still to come), or before the branch
 * began (not asked for).
 */
export type PeriodState = 'done' | 'planned' | 'overdue' | 'due' | 'later' | 'before';

export interface PeriodStatus {
  period: Period;
  state: PeriodState;
  /** The record that fulfils it (done) or plans it (planned). */
  recordId: number | null;
}

/** Every period of the year for one obligation (and 党小组, for per-group ones). */
export function periodStatuses(
  c: Cadence,
  records: readonly (CadenceRecord & { id: number })[],
  ctx: CadenceContext,
  groupId: number | null = null,
): PeriodStatus[] {
  const mine = records.filter((r) => r.type === c.typeId && Number(r.date.slice(0, 4)) === ctx.year && (!c.perGroup || r.groupId === groupId));
  return periodsOfYear(ctx.year, c.period).map((period) => {
    const inPeriod = mine.filter((r) => r.date >= period.start && r.date <= period.end);
    const held = inPeriod.find((r) => r.status === 'final');
    const planned = inPeriod.find((r) => r.status !== 'final');
    if (held) return { period, state: 'done', recordId: held.id };
    if (period.end < ctx.branchStart) return { period, state: 'before', recordId: null };
    if (planned) return { period, state: 'planned', recordId: planned.id };
    if (periodEnded(period, ctx.asOf)) return { period, state: 'overdue', recordId: null };
    return { period, state: periodUnderWay(period, ctx.asOf) ? 'due' : 'later', recordId: null };
  });
}
