/**
 * Demo data: a drilling crew's Party branch kept for ten years, written
 * through the real services (people, branch, records, attachments) so that
 * every record is checked by its type's schema and cross-field rules and is
 * indexed for search exactly as if a secretary had typed it.
 *
 * The data is built generically from each record type's definition (per field
 * kind, with phrase banks for the keys a drilling crew writes about), and the
 * branch lives through time: people join and leave, 群众 apply to join the Party
 * and become 预备党员 and then 正式党员 by votes of the 支部党员大会, 团员 age out,
 * the 支委会 is re-elected every three years. Meetings take their expected
 * attendance from the roster of the day through the app's own rule
 * (expectedAttendance), with a few absentees.
 *
 * Deterministic for a given seed and end date. Plain Node: no electron import.
 */
import type { Core } from '../app.js';
import { RECORD_TYPES, recordType, type FieldDef, type RecordTypeDef } from '../../../shared/books/index.js';
import type { Attendee, Motion } from '../../../shared/books/schema.js';
import { COMMITTEE_ROLES, type PoliticalStatus } from '../../../shared/books/vocab.js';
import { contract } from '../../../shared/contract.js';
import type { RecordInput } from '../../../shared/methods/records.js';
import { judgeMotion } from '../../../shared/rules/attendance.js';
import { addAttachment, collectGarbage } from '../attachments/service.js';
import { setupBranch, updateBranch } from '../branch/service.js';
import type { Db } from '../db/sql.js';
import { AppError } from '../errors.js';
import { insertPerson, removePerson, writePerson } from '../people/service.js';
import { addReview, closeCase, openCase, saveStep, type ReadOptions } from '../development/service.js';
import { payDues, setupYear } from '../dues/service.js';
import { saveStepInput } from '../../../shared/methods/development.js';
import { duesEntry, type DuesEntry } from '../../../shared/methods/dues.js';
import { addMonths, DEFAULT_OPTIONS, stepDef } from '../../../shared/rules/development.js';
import { emptyValue } from '../../../shared/books/schema.js';
import { monthKey } from '../../../shared/rules/dues.js';
import { createRecord, expectedAttendance, removeRecord, updateRecord } from '../records/service.js';
import { addDays, ageOn, dayOf, daysIn, diffDays, hhmm, iso, minutesOf, stamp } from './dates.js';
import { localToday } from '../../../shared/dates.js';
import { makeImage, makePdf } from './files.js';
import { address, ETHNICITIES, idNumber, mobile, NameBook, NATIVE_PLACES, wellName, type Gender } from './names.js';
import * as P from './phrases.js';
import { Rng } from './random.js';

export interface DemoOptions {
  /** How many calendar years, ending with `endYear` (default 10). */
  years?: number;
  /** The last year (default: this year; nothing is dated after today). */
  endYear?: number;
  seed?: number;
  /** About how many people the branch has had over the whole span (default 300). */
  people?: number;
  /** How many PNG pictures to attach to meetings (default 300). */
  images?: number;
  /** How many PDFs to attach (default images / 15). */
  pdfs?: number;
  /** The day treated as today (default: the machine's date); nothing is dated later. */
  today?: string;
  onProgress?: (msg: string) => void;
}

export interface DemoSummary {
  branch: string;
  fromYear: number;
  toYear: number;
  /** the last date anything is dated */
  until: string;
  people: { total: number; onRoster: number; removed: number; byStatus: Record<string, number> };
  records: number;
  byType: Record<string, number>;
  drafts: number;
  /** 定稿 records edited afterwards */
  edited: number;
  revisions: number;
  /** in the 回收站 */
  trashed: number;
  attachments: { images: number; pdfs: number; bytes: number };
  ms: number;
}

// ---------- the branch ----------

const BRANCH_NAME = '中共北原石油工程公司钻井二分公司70158钻井队支部委员会';
const PARENT_ORG = '中共北原石油工程公司钻井二分公司委员会';
const FONDS_NO = 'J027';
const CREW_NO = '70158';
const GROUP_NAMES = ['第一党小组', '第二党小组', '第三党小组'];

const CREWS = ['钻井一班', '钻井二班', '钻井三班', '钻井四班', '机关', '机修班'] as const;
const OFFICE = 4;
const WORKSHOP = 5;
const DRILLING = [0, 1, 2, 3];
/** Share of the roster in each crew. */
const CREW_SHARE = [0.155, 0.155, 0.155, 0.155, 0.13, 0.25];
/** 党小组 of each crew: 一、二班 → 第一, 三、四班 → 第二, 机关和机修班 → 第三. */
const GROUP_OF_CREW = [0, 0, 1, 1, 2, 2];

const DRILL_JOBS: readonly (readonly [string, number])[] = [
  ['司钻', 1],
  ['副司钻', 1],
  ['井架工', 1.5],
  ['内钳工', 1.5],
  ['外钳工', 1.5],
  ['场地工', 3],
  ['泥浆工', 1.5],
  ['柴油机工', 1.5],
];
const OFFICE_JOBS: readonly (readonly [string, number])[] = [
  ['副队长', 1],
  ['技术员', 2],
  ['安全监督', 1],
  ['材料员', 1],
  ['核算员', 1],
  ['资料员', 1],
  ['工程师', 1],
];
const WORKSHOP_JOBS: readonly (readonly [string, number])[] = [
  ['机修工', 3],
  ['电工', 2],
  ['焊工', 1],
  ['司机', 3],
  ['炊事员', 3],
  ['发电工', 2],
  ['库管员', 1],
];
const jobsOf = (crew: number) => (crew === OFFICE ? OFFICE_JOBS : crew === WORKSHOP ? WORKSHOP_JOBS : DRILL_JOBS);

const WAGES: Record<string, [number, number]> = {
  司钻: [8200, 9800],
  副司钻: [7200, 8400],
  井架工: [6600, 7600],
  内钳工: [6000, 7000],
  外钳工: [6000, 7000],
  场地工: [5000, 6000],
  泥浆工: [5600, 6600],
  柴油机工: [5800, 6800],
  队长: [9500, 11500],
  党支部书记: [9500, 11500],
  副队长: [8500, 10000],
  技术员: [6500, 8500],
  工程师: [8000, 9500],
  安全监督: [7500, 9000],
  炊事员: [4200, 5200],
};

type Status = PoliticalStatus;
type Stage = 'applicant' | 'activist' | 'candidate' | 'reviewed';

interface Member {
  id: number;
  name: string;
  gender: Gender;
  birth: string;
  status: Status;
  crew: number;
  job: string;
  groupId: number | null;
  hire: string;
  workStart: string;
  education: string;
  ethnicity: string;
  nativePlace: string;
  idNo: string;
  phone: string;
  address: string;
  wage: number;
  /** 入党 (the 支部大会 that admitted them) */
  partyJoin: string;
  /** 转正日期 (中共党员 only) */
  fullDate: string;
  /** the open or last 发展党员 case */
  dev2: DevCase | null;
  /** 党费: the category and how they pay; the years fixed, the months paid ('YYYY-MM') */
  dues: { retired: boolean; quarterly: boolean; years: Map<number, number>; paid: Set<string>; stopAfter: string | null };
  leagueJoin: string;
  unionCard: string;
  leagueCard: string;
  joinedOn: string;
  leftOn: string | null;
  updatedOn: string;
  dev: { stage: Stage; since: string } | null;
  probationSince: string | null;
  hardship: boolean;
}

/** A 发展党员 case as the generator follows it. */
interface DevCase {
  id: number;
  open: boolean;
  contacts: string[];
  /** the next 思想汇报 / 考察 are due from these dates */
  lastReport: string;
  lastCheck: string;
  steps: Map<number, string>;
}

/** Someone named in a record who may not be on the roster (a leader from the 分公司). */
interface Named {
  name: string;
  title: string;
  id?: number;
}

interface Hints {
  topics?: string[];
  motions?: string[];
  observers?: string[];
  category?: string;
  title?: string;
  lectureBy?: 'secretary';
  election?: boolean;
}

interface EmitOpts {
  groupId?: number | null;
  /** team meetings of one 班组: the expected list narrowed to its members */
  crew?: number;
  subject?: Member;
  hints?: Hints;
  time?: [string, string];
  /** hard overrides of generated values */
  data?: Record<string, unknown>;
  attach?: { images: number; pdf: boolean };
  /** runs after the record was written */
  after?: (id: number) => void;
}

interface Env {
  def: RecordTypeDef;
  date: string;
  c: P.TextCtx;
  o: EmitOpts;
  domain: P.Domain;
  memo: Map<string, unknown>;
}

interface Item {
  date: string;
  order: number;
  seq: number;
  run: () => void;
  /** a record type this item writes, for planning attachments */
  type?: string;
  opts?: EmitOpts;
}

/** A min-heap of items by (date, order, seq). */
class Queue {
  private readonly a: Item[] = [];
  private seq = 0;
  get size() {
    return this.a.length;
  }
  private less(x: Item, y: Item) {
    return x.date < y.date || (x.date === y.date && (x.order < y.order || (x.order === y.order && x.seq < y.seq)));
  }
  push(item: Omit<Item, 'seq'>) {
    const it = { ...item, seq: this.seq++ } as Item;
    const a = this.a;
    a.push(it);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  peek(): Item | undefined {
    return this.a[0];
  }
  pop(): Item | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

const DEFAULT = Symbol('default');
class Skip extends Error {}

const ABSENT_P: Record<string, number> = {
  'committee-meeting': 0.05,
  'branch-assembly': 0.08,
  'group-meeting': 0.08,
  'party-lecture': 0.1,
  'theme-party-day': 0.1,
  'org-life-meeting': 0.03,
  'member-review': 0.03,
  'staff-meeting': 0.15,
  'union-meeting': 0.12,
  'pre-shift-meeting': 0.025,
  'post-shift-meeting': 0.025,
  'safety-activity': 0.1,
};

const PHOTO_WEIGHT: Record<string, number> = {
  'branch-assembly': 6,
  'theme-party-day': 6,
  'party-lecture': 5,
  'org-life-meeting': 8,
  'member-review': 5,
  'integrity-education': 3,
  'staff-meeting': 2,
  'union-meeting': 2,
  'league-assembly': 3,
  'league-lecture': 3,
  'safety-activity': 1,
  'skill-training': 1,
  'group-meeting': 0.5,
  'committee-meeting': 0.5,
};
const PDF_TYPES = new Set(['branch-assembly', 'party-lecture', 'org-life-meeting', 'member-review', 'integrity-education']);

/** Types with their own cadence below; every other type gets a default by kind. */
const PLANNED = new Set([
  'branch-assembly', 'committee-meeting', 'group-meeting', 'party-lecture', 'theme-party-day', 'org-life-meeting', 'member-review',
  'staff-meeting', 'study-session', 'talk', 'staff-profile', 'hardship-profile', 'integrity-education', 'reminder-talk',
  'supervision-check', 'petition', 'rectification-ledger', 'safety-meeting', 'union-meeting', 'union-member', 'union-dues',
  'union-assistance', 'labor-contest', 'suggestion', 'affairs-public', 'league-assembly', 'league-committee',
  'league-group-meeting', 'league-lecture', 'league-review', 'league-registration', 'league-member', 'league-dues',
  'pre-shift-meeting', 'post-shift-meeting', 'safety-activity', 'skill-training', 'team-study', 'team-assessment',
  'work-plan', 'work-summary', 'activity-scheme', 'measure', 'regulation',
]);

// ---------- entry points ----------

/** Whether the data dir holds nothing yet: no branch, nobody on the roster, no record (not even in the 回收站). */
export function isEmptyDataDir(db: Db): boolean {
  const n = (sql: string) => (db.sqlite.prepare(sql).get() as { n: number }).n;
  return n('SELECT count(*) AS n FROM branch') === 0 && n('SELECT count(*) AS n FROM people') === 0 && n('SELECT count(*) AS n FROM records') === 0;
}

/**
 * Fill an empty data dir with a demo branch. Everything is written in one
 * transaction: a failure leaves the data dir as it was (attachment files
 * already written are swept). Throws a CONFLICT AppError when the data dir is
 * not empty.
 */
export function generateDemo(core: Core, opts: DemoOptions = {}): DemoSummary {
  const t0 = performance.now();
  const db = core.db;
  if (!isEmptyDataDir(db)) throw new AppError('CONFLICT', '数据目录中已有数据，不能生成演示数据。');
  const gen = new Generator(core, opts);
  let summary: DemoSummary | undefined;
  try {
    db.sqlite.transaction(() => {
      summary = gen.run();
    })();
  } catch (e) {
    try {
      collectGarbage(db, core.dataDir);
    } catch {
      // best effort: leftover files are swept next time a record is purged
    }
    throw e;
  }
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  summary!.ms = Math.round(performance.now() - t0);
  return summary!;
}

// ---------- the generator ----------

class Generator {
  private readonly db: Db;
  private readonly rng: Rng;
  private readonly fileRng: Rng;
  private readonly names: NameBook;
  private readonly log: (msg: string) => void;
  private readonly fromYear: number;
  private readonly toYear: number;
  private readonly start: string;
  private readonly until: string;
  private readonly notAfter: number;
  private readonly targetPeople: number;
  private readonly initialSize: number;
  private readonly joinsPerYear: number;
  private readonly imageTotal: number;
  private readonly pdfTotal: number;

  private readonly queue = new Queue();
  private readonly members = new Map<number, Member>();
  private activeCache: Member[] | null = null;
  private readonly expectedCache = new Map<string, Attendee[]>();
  private groups: { id: number; name: string }[] = [];
  private readonly seats = new Map<string, number>();
  private groupLeaders = new Map<number, number>();
  private leagueSec: number | null = null;
  private readonly rig: { well: string; depth: number; target: number; phase: string; left: number; after: string[] };
  private yearTheme = '';

  // what was written, for the timestamps and the summary
  private readonly recStamps = new Map<number, { created: string; updated: string; deleted?: string }>();
  private readonly revStamps: { id: number; at: string }[] = [];
  private readonly attStamps: { id: number; sha: string; thumb: string | null; at: string }[] = [];
  private readonly byType: Record<string, number> = {};
  private records = 0;
  private drafts = 0;
  private edited = 0;
  private revisions = 0;
  private trashed = 0;
  private images = 0;
  private pdfs = 0;
  private attachmentBytes = 0;
  private docNo = new Map<string, number>();
  /** draws for the 发展党员 cases and the 党费 (apart, so the records' draws stay as they were) */
  private readonly xrng: Rng;
  private readonly devOpts: ReadOptions;
  private readonly arrearsStops: { key: string; who: Member | null }[] = [];

  constructor(
    private readonly core: Core,
    opts: DemoOptions,
  ) {
    this.db = core.db;
    const seed = opts.seed ?? 20170101;
    const root = new Rng(seed);
    this.rng = root.fork();
    this.fileRng = root.fork();
    this.names = new NameBook(root.fork());
    this.xrng = root.fork();
    this.log = opts.onProgress ?? (() => {});
    const today = opts.today ?? localToday();
    const years = Math.max(1, Math.floor(opts.years ?? 10));
    this.toYear = opts.endYear ?? Number(today.slice(0, 4));
    this.fromYear = this.toYear - years + 1;
    this.start = iso(this.fromYear, 1, 1);
    const lastDay = iso(this.toYear, 12, 31);
    this.until = today < lastDay ? today : lastDay;
    if (this.until < this.start) throw new AppError('VALIDATION', '演示数据的年份不能晚于今天。');
    this.notAfter = Math.min(Date.now(), Date.parse(`${this.until}T23:59:00+08:00`));
    this.targetPeople = Math.max(20, Math.floor(opts.people ?? 300));
    // about a quarter of the first roster turns over each year
    this.initialSize = Math.max(16, Math.round(this.targetPeople / (1 + years * 0.25)));
    this.joinsPerYear = Math.max(0, (this.targetPeople - this.initialSize) / years);
    this.imageTotal = Math.max(0, Math.floor(opts.images ?? 300));
    this.pdfTotal = Math.max(0, Math.floor(opts.pdfs ?? Math.round(this.imageTotal / 15)));
    this.rig = { well: '', depth: 0, target: 0, phase: '', left: 0, after: [] };
    this.devOpts = { today: this.until, rules: DEFAULT_OPTIONS };
    // two members stop paying 党费 in the last months: one for 3–5 months, one for 6 or more
    const lastMonth = this.until.slice(0, 7) + '-01';
    this.arrearsStops = [
      { key: addMonths(lastMonth, -4).slice(0, 7), who: null },
      { key: addMonths(lastMonth, -7).slice(0, 7), who: null },
    ];
  }

  run(): DemoSummary {
    this.log(`生成演示数据：${this.fromYear}—${this.toYear} 年，截至 ${this.until}（随机种子固定，可重复生成）`);
    this.setupBranch();
    this.initialRoster();
    this.newWell();
    for (let y = this.fromYear; y <= this.toYear; y++) {
      const before = this.records;
      this.planYear(y);
      this.planDues(y);
      const end = iso(y, 12, 31);
      for (let it = this.queue.peek(); it && it.date <= end; it = this.queue.peek()) {
        this.queue.pop();
        if (it.date > this.until) continue;
        it.run();
      }
      const party = this.active().filter((m) => this.isParty(m)).length;
      this.log(`  ${y} 年：写入 ${this.records - before} 条记录（累计 ${this.records} 条），在册 ${this.active().length} 人（党员 ${party} 人），附件 ${this.images + this.pdfs} 个`);
      if (y >= Number(this.until.slice(0, 4))) break;
    }
    this.finishDevelopment();
    this.backdate();
    const all = [...this.members.values()];
    const onRoster = all.filter((m) => !m.leftOn);
    const byStatus: Record<string, number> = {};
    for (const m of onRoster) byStatus[m.status] = (byStatus[m.status] ?? 0) + 1;
    this.log(`演示数据已生成：${all.length} 人（在册 ${onRoster.length} 人），记录 ${this.records} 条，附件 ${this.images + this.pdfs} 个。`);
    return {
      branch: BRANCH_NAME,
      fromYear: this.fromYear,
      toYear: this.toYear,
      until: this.until,
      people: { total: all.length, onRoster: onRoster.length, removed: all.length - onRoster.length, byStatus },
      records: this.records,
      byType: this.byType,
      drafts: this.drafts,
      edited: this.edited,
      revisions: this.revisions,
      trashed: this.trashed,
      attachments: { images: this.images, pdfs: this.pdfs, bytes: this.attachmentBytes },
      ms: 0,
    };
  }

  // ---------- roster ----------

  private active(): Member[] {
    this.activeCache ??= [...this.members.values()].filter((m) => !m.leftOn);
    return this.activeCache;
  }

  private rosterChanged() {
    this.activeCache = null;
    this.expectedCache.clear();
  }

  private isParty(m: Member) {
    return m.status === '中共党员' || m.status === '中共预备党员';
  }

  private member(id: number | null | undefined): Member | undefined {
    if (id === null || id === undefined) return undefined;
    const m = this.members.get(id);
    return m && !m.leftOn ? m : undefined;
  }

  private seat(role: string): Member | undefined {
    return this.member(this.seats.get(role));
  }

  private secretary(): Member {
    return this.seat('书记') ?? this.active()[0]!;
  }

  private seatTitle(m: Member): string {
    for (const [role, id] of this.seats) if (id === m.id) return role;
    return this.position(m);
  }

  private position(m: Member): string {
    if (m.crew === OFFICE) return m.job;
    return `${CREWS[m.crew]}${m.job}`;
  }

  private groupIdForCrew(crew: number): number {
    return this.groups[GROUP_OF_CREW[crew]!]!.id;
  }

  private byJob(job: string, crew?: number): Member | undefined {
    return this.active().find((m) => m.job === job && (crew === undefined || m.crew === crew));
  }

  private crewMembers(crew: number): Member[] {
    return this.active().filter((m) => m.crew === crew);
  }

  private crewLeader(crew: number): Member {
    return this.byJob('司钻', crew) ?? this.byJob('副司钻', crew) ?? this.crewMembers(crew)[0] ?? this.secretary();
  }

  private groupLeader(groupId: number): Member {
    const cur = this.member(this.groupLeaders.get(groupId));
    if (cur && cur.groupId === groupId && cur.status === '中共党员') return cur;
    const inGroup = this.active().filter((m) => m.groupId === groupId && m.status === '中共党员' && !this.isSeat(m, '书记'));
    const next = inGroup.find((m) => m.job === '司钻' || m.job === '副队长' || m.job === '技术员') ?? inGroup[0] ?? this.secretary();
    this.groupLeaders.set(groupId, next.id);
    return next;
  }

  private isSeat(m: Member, role?: string): boolean {
    for (const [r, id] of this.seats) if (id === m.id && (role === undefined || r === role)) return true;
    return false;
  }

  private leagueSecretary(): Member | undefined {
    const cur = this.member(this.leagueSec);
    if (cur && cur.status === '共青团员') return cur;
    const league = this.active().filter((m) => m.status === '共青团员');
    const next = league.find((m) => m.crew === OFFICE) ?? league[0];
    this.leagueSec = next?.id ?? null;
    return next;
  }

  private randomActive(filter: (m: Member) => boolean = () => true, exclude: readonly (Member | Named | undefined)[] = []): Member {
    const ex = new Set(exclude.map((x) => x?.name));
    const pool = this.active().filter((m) => filter(m) && !ex.has(m.name));
    return pool.length ? this.rng.pick(pool) : this.secretary();
  }

  private personInput(m: Member) {
    return contract['people.create'].input.parse({
      name: m.name,
      gender: m.gender,
      birthDate: m.birth,
      politicalStatus: m.status,
      groupId: m.groupId,
      position: this.position(m),
      phone: m.phone,
      ethnicity: m.ethnicity,
      nativePlace: m.nativePlace,
      idNumber: m.idNo,
      education: m.education,
      degree: m.education === '研究生' ? '硕士' : m.education === '大学本科' ? '学士' : '',
      workStartDate: m.workStart,
      joinDate: this.isParty(m) ? m.partyJoin : '',
      fullDate: m.status === '中共党员' ? m.fullDate : '',
      address: m.address,
    });
  }

  /** The day the present status began: 入党日期, 转正日期, or the day of the change. */
  private statusSince(m: Member, date: string): string {
    if (m.status === '中共预备党员' && m.partyJoin) return m.partyJoin;
    if (m.status === '中共党员' && m.fullDate) return m.fullDate;
    return date;
  }

  private newMember(date: string, o: { crew?: number; job?: string; age?: number; status?: Status; gender?: Gender } = {}): Member {
    const rng = this.rng;
    const crew = o.crew ?? this.neediestCrew();
    const job = o.job ?? this.neediestJob(crew);
    const gender: Gender =
      o.gender ??
      (job === '炊事员' || job === '资料员' || job === '核算员' ? (rng.chance(0.55) ? '女' : '男') : crew === OFFICE ? (rng.chance(0.2) ? '女' : '男') : rng.chance(0.03) ? '女' : '男');
    const age = o.age ?? (job === '司钻' ? rng.int(30, 52) : rng.int(20, 56));
    const birth = addDays(date, -(age * 365 + rng.int(10, 355)));
    const status = o.status ?? this.initialStatus(age);
    const educationPool: readonly (readonly [string, number])[] =
      crew === OFFICE
        ? [
            ['大学本科', 6],
            ['大学专科', 3],
            ['研究生', 1],
          ]
        : [
            ['中专（中技）', 4],
            ['高中', 3],
            ['大学专科', 3],
            ['大学本科', 1],
            ['初中及以下', age > 45 ? 2 : 0.2],
          ];
    const workStart = addDays(birth, rng.int(18, 23) * 365 + rng.int(0, 300));
    const [lo, hi] = WAGES[job] ?? [5200, 7200];
    const m: Member = {
      id: 0,
      name: this.names.take(gender),
      gender,
      birth,
      status,
      crew,
      job,
      groupId: null,
      hire: workStart < date ? (rng.chance(0.6) ? workStart : addDays(date, -rng.int(0, 4000))) : date,
      workStart: workStart < date ? workStart : date,
      education: rng.weighted(educationPool),
      ethnicity: rng.weighted(ETHNICITIES),
      nativePlace: rng.pick(NATIVE_PLACES),
      idNo: '',
      phone: mobile(rng),
      address: address(rng),
      wage: Math.round(rng.int(lo, hi) / 10) * 10,
      partyJoin: '',
      fullDate: '',
      dev2: null,
      dues: { retired: false, quarterly: false, years: new Map(), paid: new Set(), stopAfter: null },
      leagueJoin: addDays(birth, rng.int(14, 17) * 365 + rng.int(0, 300)),
      unionCard: `${rng.int(100000, 999999)}${rng.int(1000, 9999)}`,
      leagueCard: `${rng.int(10000000, 99999999)}`,
      joinedOn: date,
      leftOn: null,
      updatedOn: date,
      dev: null,
      probationSince: null,
      hardship: false,
    };
    if (m.hire < m.workStart) m.hire = m.workStart;
    if (m.hire > date) m.hire = date;
    m.idNo = idNumber(rng, birth, gender);
    if (this.isParty(m)) {
      m.partyJoin = addDays(birth, rng.int(21, Math.max(22, Math.min(age, 40))) * 365 + rng.int(0, 300));
      if (m.partyJoin > date) m.partyJoin = addDays(date, -rng.int(400, 900));
      // 转正 a year after the 支部大会 admitted them, on the day the 预备期 ended
      m.fullDate = addMonths(m.partyJoin, 12);
      if (m.fullDate > date) {
        m.partyJoin = addDays(date, -(400 + (diffDays(m.fullDate, date) % 400)));
        m.fullDate = addMonths(m.partyJoin, 12);
      }
      if (status === '中共预备党员') {
        m.partyJoin = addDays(date, -rng.int(30, 300));
        m.probationSince = m.partyJoin;
        m.fullDate = '';
      }
      if (this.groups.length) m.groupId = this.groupIdForCrew(crew);
    }
    return m;
  }

  private initialStatus(age: number): Status {
    const r = this.rng;
    if (age <= 27) return r.weighted([['共青团员', 60], ['中共党员', 6], ['群众', 34]] as const);
    if (age <= 35) return r.weighted([['中共党员', 28], ['群众', 72]] as const);
    return r.weighted([['中共党员', 38], ['群众', 62]] as const);
  }

  private neediestCrew(): number {
    const counts = CREWS.map((_, c) => this.active().filter((m) => m.crew === c).length);
    const total = counts.reduce((s, n) => s + n, 0) + 1;
    let best = 0;
    let gap = -Infinity;
    CREWS.forEach((_, c) => {
      const g = CREW_SHARE[c]! * total - counts[c]! + this.rng.next() * 0.5;
      if (g > gap) {
        gap = g;
        best = c;
      }
    });
    return best;
  }

  private neediestJob(crew: number): string {
    const jobs = jobsOf(crew);
    const inCrew = this.crewMembers(crew);
    const size = inCrew.length + 1;
    const sum = jobs.reduce((s, [, w]) => s + w, 0);
    let best = jobs[0]![0];
    let gap = -Infinity;
    for (const [job, w] of jobs) {
      const want = job === '司钻' ? 1 : (w / sum) * size;
      const g = want - inCrew.filter((m) => m.job === job).length + this.rng.next() * 0.3;
      if (g > gap) {
        gap = g;
        best = job;
      }
    }
    return best;
  }

  private addToRoster(m: Member) {
    // through the people writer with the day each status began, so the status history is dated as it happened
    m.id = insertPerson(this.db, this.personInput(m), { since: this.statusSince(m, m.joinedOn), note: '登记' });
    this.members.set(m.id, m);
    this.rosterChanged();
  }

  private save(m: Member, date: string) {
    writePerson(this.db, { ...this.personInput(m), id: m.id }, { since: this.statusSince(m, date) });
    m.updatedOn = date;
    this.rosterChanged();
  }

  private leave(m: Member, date: string) {
    if (m.dev2?.open) this.closeDev(m, this.isParty(m) ? '转出' : '不再发展');
    removePerson(this.db, m.id);
    m.leftOn = date;
    this.rosterChanged();
  }

  private setupBranch() {
    const date = this.start;
    const plan: { role: (typeof COMMITTEE_ROLES)[number]; crew: number; job: string; gender: Gender; age: number }[] = [
      { role: '书记', crew: OFFICE, job: '党支部书记', gender: '男', age: this.rng.int(42, 50) },
      { role: '副书记', crew: OFFICE, job: '队长', gender: '男', age: this.rng.int(38, 48) },
      { role: '组织委员', crew: OFFICE, job: '副队长', gender: '男', age: this.rng.int(35, 45) },
      { role: '宣传委员', crew: OFFICE, job: '技术员', gender: this.rng.chance(0.5) ? '女' : '男', age: this.rng.int(28, 36) },
      { role: '纪检委员', crew: 0, job: '司钻', gender: '男', age: this.rng.int(36, 48) },
    ];
    const drafts = plan.map((p) => ({ p, m: this.newMember(date, { crew: p.crew, job: p.job, gender: p.gender, age: p.age, status: '中共党员' }) }));
    const branch = setupBranch(
      this.db,
      contract['branch.setup'].input.parse({
        name: BRANCH_NAME,
        parentOrg: PARENT_ORG,
        fondsNo: FONDS_NO,
        groups: GROUP_NAMES,
        committee: drafts.map(({ p, m }) => ({ name: m.name, gender: m.gender, role: p.role })),
      }),
    );
    this.groups = branch.groups;
    for (const { p, m } of drafts) {
      const seat = branch.committee.find((s) => s.name === m.name)!;
      m.id = seat.personId;
      m.groupId = this.groupIdForCrew(m.crew);
      this.members.set(m.id, m);
      this.seats.set(p.role, m.id);
      this.save(m, date);
    }
    this.log(`  已建立支部：${BRANCH_NAME}（${GROUP_NAMES.length} 个党小组，${plan.length} 名支委）`);
  }

  private initialRoster() {
    const date = this.start;
    for (let i = this.members.size; i < this.initialSize; i++) this.addToRoster(this.newMember(date));
    const act = this.active();
    // at least three 团员 and two 预备党员, and a few people already on the way to joining the Party
    const young = act.filter((m) => m.status === '群众' && ageOn(m.birth, date) <= 27);
    for (const m of young.slice(0, Math.max(0, 3 - act.filter((x) => x.status === '共青团员').length))) {
      m.status = '共青团员';
      this.save(m, date);
    }
    const probation = this.rng.sample(
      this.active().filter((m) => !this.isParty(m) && ageOn(m.birth, date) >= 22),
      2,
    );
    for (const m of probation) {
      m.status = '中共预备党员';
      m.partyJoin = addDays(date, -this.rng.int(60, 330));
      m.probationSince = m.partyJoin;
      m.groupId = this.groupIdForCrew(m.crew);
      this.save(m, date);
    }
    for (const m of this.active()) if (m.status === '中共党员' && !m.fullDate) throw new Error(`demo: ${m.name} has no 转正日期`);
    const hopefuls = this.rng.sample(
      this.active().filter((m) => !this.isParty(m) && ageOn(m.birth, date) >= 20 && ageOn(m.birth, date) <= 40),
      4,
    );
    hopefuls.forEach((m, i) => {
      m.dev = { stage: i < 2 ? 'activist' : 'applicant', since: addDays(date, -this.rng.int(i < 2 ? 200 : 20, i < 2 ? 330 : 80)) };
      // their 发展党员 cases, begun before the books here start
      const since = m.dev.since;
      if (i < 2) {
        const applied = addDays(since, -this.xrng.int(150, 250));
        this.openDev(m, applied, addDays(applied, this.xrng.int(8, 25)));
        this.toActivist(m, since);
      } else {
        this.openDev(m, since, addDays(since, this.xrng.int(5, 25)));
      }
    });
    // the registers of the people already there, entered in the first weeks
    for (const m of this.active()) this.registersFor(m, addDays(date, this.rng.int(2, 40)));
  }

  private registersFor(m: Member, date: string) {
    this.at(date, 30, 'staff-profile', { subject: m });
    this.at(addDays(date, this.rng.int(0, 10)), 31, 'union-member', { subject: m });
    if (m.status === '共青团员') this.at(addDays(date, this.rng.int(0, 15)), 32, 'league-member', { subject: m });
  }

  private join(date: string) {
    const r = this.rng.next();
    let m: Member;
    if (r < 0.55) {
      // a graduate
      const age = this.rng.int(21, 24);
      m = this.newMember(date, { age, status: this.rng.weighted([['共青团员', 60], ['群众', 30], ['中共党员', 7], ['中共预备党员', 3]] as const) });
      m.workStart = date;
      m.hire = date;
      m.education = this.rng.weighted([['大学本科', 3], ['大学专科', 4], ['中专（中技）', 3]] as const);
    } else if (r < 0.85) {
      // transferred from another crew
      m = this.newMember(date, { age: this.rng.int(25, 48), status: this.rng.weighted([['中共党员', 36], ['群众', 60], ['共青团员', 4]] as const) });
      m.hire = addDays(date, -this.rng.int(800, 6000));
      if (m.hire < m.workStart) m.hire = m.workStart;
    } else {
      // back from the army
      m = this.newMember(date, { age: this.rng.int(22, 28), status: this.rng.weighted([['中共党员', 50], ['共青团员', 20], ['群众', 30]] as const) });
      m.hire = date;
    }
    if (m.status === '共青团员' && ageOn(m.birth, date) >= 28) m.status = '群众';
    if (this.isParty(m)) m.groupId = this.groupIdForCrew(m.crew);
    this.addToRoster(m);
    this.registersFor(m, addDays(date, this.rng.int(0, 10)));
    if (this.rng.chance(0.5)) this.at(addDays(date, this.rng.int(7, 30)), 40, 'talk', { subject: m, hints: { category: '岗位变动' } });
  }

  private leaveOne(date: string) {
    // people leave about as often as others join; the crew keeps roughly its size
    const size = this.active().length;
    if (size <= Math.round(this.initialSize * 0.92)) return;
    if (size > Math.round(this.initialSize * 1.08)) this.leaveOneOf(date);
    this.leaveOneOf(date);
  }

  private leaveOneOf(date: string) {
    const pool = this.active().filter((m) => !this.isSeat(m) && m.joinedOn < addDays(date, -60) && !m.dues.stopAfter);
    if (pool.length < 10) return;
    const weights = pool.map((m) => {
      const age = ageOn(m.birth, date);
      return [m, age >= 57 ? 12 : m.probationSince ? 0.2 : m.dev ? 0.4 : 1] as const;
    });
    this.leave(this.rng.weighted(weights), date);
  }

  private ageOutLeague(date: string) {
    for (const m of this.active()) {
      if (m.status === '共青团员' && ageOn(m.birth, date) >= 28) {
        m.status = '群众';
        this.save(m, date);
      }
    }
  }

  private applications(date: string) {
    const act = this.active();
    // a branch keeps developing members every year; more of them while the Party share is low
    const share = act.filter((m) => this.isParty(m)).length / Math.max(1, act.length);
    const pool = act.filter((m) => !this.isParty(m) && !m.dev && ageOn(m.birth, date) >= 19 && ageOn(m.birth, date) <= 40);
    for (const m of this.rng.sample(pool, share > 0.42 ? 1 : this.rng.int(2, 3))) {
      m.dev = { stage: 'applicant', since: date };
      const talk = addDays(date, this.rng.int(5, 25));
      this.at(talk, 40, 'talk', { subject: m, hints: { category: '其他' } });
      this.openDev(m, date, talk);
    }
  }

  /** 支委会换届: two seats (in the second term also the 书记) go to other 正式党员. */
  private reElect(date: string, term: number) {
    const roles = term % 2 === 0 ? ['书记', '宣传委员'] : this.rng.sample(['组织委员', '宣传委员', '纪检委员'], 2);
    const taken = new Set(this.seats.values());
    for (const role of roles) {
      const pool = this.active().filter((m) => m.status === '中共党员' && !taken.has(m.id) && ageOn(m.birth, date) < 55);
      const prefer = pool.filter((m) => (role === '书记' ? m.crew === OFFICE : m.crew === OFFICE || m.job === '司钻'));
      const next = prefer.length ? this.rng.pick(prefer) : pool.length ? this.rng.pick(pool) : undefined;
      if (!next) continue;
      const old = this.seat(role);
      this.seats.set(role, next.id);
      taken.add(next.id);
      if (role === '书记') {
        next.crew = OFFICE;
        next.job = '党支部书记';
        next.groupId = this.groupIdForCrew(OFFICE);
        this.save(next, date);
        if (old) {
          old.job = '副队长';
          this.save(old, date);
        }
      }
    }
    const ordered = COMMITTEE_ROLES.filter((r) => this.seats.has(r)).map((role) => ({ personId: this.seats.get(role)!, role }));
    updateBranch(
      this.db,
      contract['branch.update'].input.parse({
        name: BRANCH_NAME,
        parentOrg: PARENT_ORG,
        fondsNo: FONDS_NO,
        groups: this.groups.map((g) => ({ id: g.id, name: g.name })),
        committee: ordered,
      }),
    );
    this.rosterChanged();
  }

  // ---------- the rig ----------

  private newWell() {
    const r = this.rig;
    r.well = wellName(this.rng);
    r.depth = 0;
    r.target = this.rng.int(50, 110) * 50;
    r.phase = '搬迁安装';
    r.left = this.rng.int(3, 6);
    r.after = [];
  }

  private advanceRig() {
    const r = this.rig;
    if (r.phase === '钻进') {
      r.depth = Math.min(r.target, r.depth + this.rng.int(6, 26) * 10);
      if (r.depth >= r.target) {
        r.after = ['起下钻', '测井配合', '通井', '下套管', '固井', '完井'];
        r.phase = r.after.shift()!;
        r.left = 1;
      } else if (this.rng.chance(0.12)) {
        r.phase = '起下钻';
        r.left = 1;
      }
      return;
    }
    if (--r.left > 0) return;
    if (r.phase === '搬迁安装') {
      r.phase = '开钻验收';
      r.left = 1;
    } else if (r.phase === '开钻验收' || (r.phase === '起下钻' && r.after.length === 0)) {
      r.phase = '钻进';
    } else if (r.after.length) {
      r.phase = r.after.shift()!;
      r.left = this.rng.int(1, 2);
    } else {
      this.newWell();
    }
  }

  // ---------- planning ----------

  private at(date: string, order: number, type: string, opts: EmitOpts = {}) {
    if (date > this.until || date < this.start) return;
    this.queue.push({ date, order, type, opts, run: () => this.emit(type, date, opts) });
  }

  private task(date: string, order: number, run: () => void) {
    if (date > this.until || date < this.start) return;
    this.queue.push({ date, order, run });
  }

  private planYear(y: number) {
    const rng = this.rng;
    const themes = P.yearThemes(y);
    this.yearTheme = themes[0]!;
    const items: { date: string; type: string; opts: EmitOpts; order: number }[] = [];
    const add = (date: string, type: string, order: number, opts: EmitOpts = {}) => {
      if (date >= this.start && date <= this.until) items.push({ date, type, opts, order });
    };
    const d = (m: number, a: number, b: number) => dayOf(y, m, rng.int(a, b));
    const themeDay = rng.pick([8, 10, 15]);
    const term = y - this.fromYear;

    // roster events
    this.task(iso(y, 1, 3), 1, () => this.ageOutLeague(iso(y, 1, 3)));
    for (const m of [3, 9]) {
      const date = d(m, 5, 25);
      this.task(date, 2, () => this.applications(date));
    }
    const monthWeights = [1, 1, 1, 1, 1, 1, 3, 2, 1, 1, 1, 1];
    for (let m = 1; m <= 12; m++) {
      const joins = rng.poisson((this.joinsPerYear * monthWeights[m - 1]!) / 15);
      for (let k = 0; k < joins; k++) {
        const date = d(m, 1, 28);
        this.task(date, 0, () => this.join(date));
      }
      const leaves = rng.poisson(this.joinsPerYear / 12);
      for (let k = 0; k < leaves; k++) {
        const date = d(m, 1, 28);
        this.task(date, 1, () => this.leaveOne(date));
      }
    }

    for (let m = 1; m <= 12; m++) {
      // 三会一课
      add(d(m, 2, 7), 'committee-meeting', 50);
      add(dayOf(y, m, themeDay), 'theme-party-day', 52);
      this.groups.forEach((g, i) => add(d(m, 11 + i * 2, 13 + i * 2), 'group-meeting', 53, { groupId: g.id }));
      if (m % 3 === 0) {
        const election = term % 3 === 2 && m === 12;
        add(d(m, 18, 24), 'branch-assembly', 54, election ? { hints: { election: true } } : {});
      }
      if (m % 3 === 2) add(d(m, 14, 24), 'party-lecture', 55, m === 2 ? { hints: { lectureBy: 'secretary' } } : {});
      // staff and study
      if (m % 3 === 1) add(d(m, 5, 12), 'staff-meeting', 56);
      add(d(m, 6, 9), 'study-session', 57);
      add(d(m, 20, 24), 'study-session', 57);
      for (let k = rng.poisson(3); k > 0; k--) add(d(m, 1, 28), 'talk', 40);
      // discipline
      if ([1, 4, 7, 9].includes(m)) add(d(m, 10, 25), 'integrity-education', 58);
      for (let k = rng.poisson(0.5); k > 0; k--) add(d(m, 1, 28), 'reminder-talk', 41);
      add(d(m, 15, 28), 'supervision-check', 42);
      if (rng.chance(0.15)) add(d(m, 1, 28), 'petition', 43);
      for (let k = rng.poisson(0.8); k > 0; k--) add(d(m, 1, 28), 'rectification-ledger', 44);
      add(d(m, 1, 5), 'safety-meeting', 59);
      // union
      if (m % 2 === 1) add(d(m, 8, 18), 'union-meeting', 60);
      add(d(m, 25, 28), 'union-dues', 45);
      for (let k = m <= 2 ? rng.int(2, 4) : rng.chance(0.4) ? 1 : 0; k > 0; k--) add(d(m, 1, 28), 'union-assistance', 46);
      if ([3, 6, 9].includes(m)) add(d(m, 1, 10), 'labor-contest', 47);
      for (let k = rng.poisson(2); k > 0; k--) add(d(m, 1, 28), 'suggestion', 48);
      add(d(m, 1, 5), 'affairs-public', 49);
      // league
      if (m % 3 === 2) add(d(m, 3, 9), 'league-assembly', 61);
      add(d(m, 10, 14), 'league-committee', 62);
      add(d(m, 15, 20), 'league-group-meeting', 63, { data: { leagueGroup: rng.pick(['钻井团小组', '机关后勤团小组']) } });
      if (m % 3 === 0) add(d(m, 5, 15), 'league-lecture', 64);
      add(d(m, 25, 28), 'league-dues', 45);
      // team: safety activity every week, training and study twice a month, assessment at the month's end
      for (const [a, b] of [[2, 7], [9, 14], [16, 21], [23, 28]] as const) add(d(m, a, b), 'skill-training', 65);
      for (const [a, b] of [[1, 6], [11, 15], [20, 25]] as const) add(d(m, a, b), 'team-study', 66);
      add(dayOf(y, m, daysIn(y, m)), 'team-assessment', 67);
    }
    for (let day = iso(y, 1, rng.int(1, 7)); day.startsWith(String(y)); day = addDays(day, 7)) add(day, 'safety-activity', 68);
    add(d(12, 15, 20), 'org-life-meeting', 70);
    add(d(12, 22, 28), 'member-review', 71);
    add(d(12, 10, 20), 'league-review', 72);
    add(d(3, 10, 20), 'league-registration', 73);
    for (let k = rng.int(1, 2); k > 0; k--) add(d(1, 8, 25), 'hardship-profile', 74);
    if (rng.chance(0.3)) add(d(rng.int(3, 11), 1, 28), 'hardship-profile', 74);
    // the archive
    for (const title of rng.sample([`${y}年党支部工作计划`, `${y}年工会工作计划`, `${y}年团支部工作计划`, `${y}年党员教育培训计划`, `${y}年党课学习计划`], 3))
      add(d(1, 5, 25), 'work-plan', 80, { hints: { title } });
    add(d(7, 1, 15), 'work-summary', 81, { hints: { title: `${y}年上半年党建工作总结` } });
    for (const title of [`${y}年党支部工作总结`, `${y}年工会工作总结`, `${y}年度组织生活会情况报告`]) add(d(12, 20, 31), 'work-summary', 81, { hints: { title } });
    for (const [m, title] of [
      [3, '“学雷锋”志愿服务活动方案'],
      [5, '“安全生产月”活动方案'],
      [6, `庆祝建党${y - 1921}周年系列活动方案`],
      [9, `${this.yearTheme}学习实施方案`],
      [11, '冬季安全生产劳动竞赛方案'],
    ] as const)
      if (rng.chance(0.85)) add(d(m, 1, 20), 'activity-scheme', 82, { hints: { title } });
    for (const title of rng.sample(['冬季安全生产保障措施', '党风廉政建设责任制落实措施', '提速提效保障措施', `${y - 1}年度组织生活会整改措施`, '井控安全管理措施', '职工健康管理措施'], 3))
      add(d(rng.int(1, 12), 1, 28), 'measure', 83, { hints: { title } });
    const regs = y === this.fromYear ? P.REGULATIONS.slice(0, 10) : rng.sample(P.REGULATIONS, rng.int(0, 2)).map((t) => `${t}（${y}年修订）`);
    for (const title of regs) add(y === this.fromYear ? d(rng.int(1, 3), 1, 28) : d(rng.int(1, 12), 1, 28), 'regulation', 84, { hints: { title } });
    // anything added later to the books: a default cadence by kind
    for (const def of RECORD_TYPES) {
      if (PLANNED.has(def.id)) continue;
      const n = def.kind === 'meeting' ? 4 : def.kind === 'register' ? 6 : 2;
      for (let k = 0; k < n; k++) add(d(Math.min(12, 1 + Math.floor((k * 12) / n) + rng.int(0, Math.max(0, Math.floor(12 / n) - 1))), 1, 28), def.id, 90);
    }

    this.planAttachments(y, items);
    for (const it of items) this.at(it.date, it.order, it.type, it.opts);

    // 班前会 and 班后会: two shifts a day, the four drilling crews in rotation
    for (let day = iso(y, 1, 1); day.startsWith(String(y)); day = addDays(day, 1)) {
      const dayIndex = diffDays(day, this.start);
      const dayCrew = DRILLING[dayIndex % 4]!;
      const nightCrew = DRILLING[(dayIndex + 2) % 4]!;
      const prevNight = DRILLING[(dayIndex + 1) % 4]!;
      this.task(day, 3, () => this.advanceRig());
      // 机修班 holds its own 班前会 on Mondays
      if (new Date(`${day}T00:00:00Z`).getUTCDay() === 1) this.at(day, 14, 'pre-shift-meeting', { crew: WORKSHOP, time: ['08:00', '08:20'] });
      if (rng.chance(0.02)) continue; // the odd day whose meetings went unrecorded (a rig move, a holiday)
      this.at(day, 10, 'post-shift-meeting', { crew: prevNight, time: ['08:10', '08:30'] });
      this.at(day, 11, 'pre-shift-meeting', { crew: dayCrew, time: ['07:30', '07:50'] });
      this.at(day, 12, 'pre-shift-meeting', { crew: nightCrew, time: ['19:30', '19:50'] });
      this.at(day, 13, 'post-shift-meeting', { crew: dayCrew, time: ['20:10', '20:30'] });
    }
    // 政治生日 talks around members' joining anniversaries
    for (const m of this.active()) {
      if (!m.partyJoin || !this.rng.chance(0.35)) continue;
      const ann = dayOf(y, Number(m.partyJoin.slice(5, 7)), Number(m.partyJoin.slice(8, 10)));
      this.at(addDays(ann, rng.int(-3, 3)), 40, 'talk', { subject: m, hints: { category: '政治生日' } });
    }
  }

  /** This year's share of the pictures and PDFs, on the meetings most likely to have photos. */
  private planAttachments(y: number, items: { date: string; type: string; opts: EmitOpts }[]) {
    const span = diffDays(this.until, this.start) + 1;
    const inYear = diffDays(this.until < iso(y, 12, 31) ? this.until : iso(y, 12, 31), iso(y, 1, 1)) + 1;
    const share = inYear / span;
    const done = (y - this.fromYear) / Math.max(1, this.toYear - this.fromYear + 1);
    const imgQuota = Math.round(this.imageTotal * (done + share)) - Math.round(this.imageTotal * done);
    const pdfQuota = Math.round(this.pdfTotal * (done + share)) - Math.round(this.pdfTotal * done);
    const keyed = (pool: typeof items, weight: (t: string) => number) =>
      pool
        .map((it) => ({ it, k: this.fileRng.next() ** (1 / Math.max(1e-6, weight(it.type))) }))
        .filter((x) => weight(x.it.type) > 0)
        .sort((a, b) => b.k - a.k)
        .map((x) => x.it);
    const photoPool = keyed(items, (t) => PHOTO_WEIGHT[t] ?? 0);
    let left = imgQuota;
    for (const it of photoPool) {
      if (left <= 0) break;
      const n = Math.min(left, (PHOTO_WEIGHT[it.type] ?? 0) >= 5 && this.fileRng.chance(0.5) ? 2 : 1);
      it.opts = { ...it.opts, attach: { images: n, pdf: false } };
      left -= n;
    }
    for (const it of keyed(items, (t) => (PDF_TYPES.has(t) ? 1 : 0)).slice(0, pdfQuota)) {
      it.opts = { ...it.opts, attach: { images: it.opts.attach?.images ?? 0, pdf: true } };
    }
  }

  // ---------- writing a record ----------

  private textCtx(date: string, crew: number | undefined): P.TextCtx {
    return {
      rng: this.rng,
      year: Number(date.slice(0, 4)),
      month: Number(date.slice(5, 7)),
      date,
      theme: this.rng.chance(0.7) ? this.yearTheme : this.rng.pick(P.yearThemes(Number(date.slice(0, 4)))),
      well: this.rig.well,
      depth: this.rig.depth,
      op: this.rig.phase,
      crew: crew === undefined ? '' : CREWS[crew]!,
    };
  }

  private write(type: string, date: string, o: EmitOpts): number | null {
    const def = recordType(type);
    if (o.subject && o.subject.leftOn) return null;
    if (!o.subject && def.kind === 'register' && def.fields.some((f) => f.key === 'name' && f.kind === 'person')) {
      // a register entry about one person (困难职工 and any type added later): someone on today's roster
      const subject = this.randomActive((m) => !m.hardship && ageOn(m.birth, date) >= 25);
      if (def.id === 'hardship-profile') subject.hardship = true;
      o = { ...o, subject };
    }
    const env: Env = { def, date, c: this.textCtx(date, o.crew), o, domain: P.domainOf(def.id, def.book), memo: new Map() };
    let data: Record<string, unknown>;
    try {
      data = {};
      for (const f of def.fields) data[f.key] = this.value(env, f, f.key, undefined);
      Object.assign(data, o.data ?? {});
    } catch (e) {
      if (e instanceof Skip) return null;
      throw e;
    }
    const recent = diffDays(this.until, date) < 30;
    const status = this.rng.chance(recent ? 0.3 : 0.004) ? 'draft' : 'final';
    const input = this.parseRecord({ type, date, status, data });
    const rec = createRecord(this.db, input);
    this.records++;
    this.byType[type] = (this.byType[type] ?? 0) + 1;
    if (status === 'draft') this.drafts++;
    const created = stamp(date, this.writtenAt(env, data), this.notAfter);
    const stamps: { created: string; updated: string; deleted?: string } = { created, updated: created };
    this.recStamps.set(rec.id, stamps);
    o.after?.(rec.id);
    if (o.attach) this.attach(rec.id, env, o.attach, created);
    if (status === 'final' && this.rng.chance(0.025)) this.edit(rec.id, input, stamps);
    if (this.rng.chance(0.0007)) {
      // entered twice by mistake; the copy went to the 回收站
      const copy = createRecord(this.db, input);
      removeRecord(this.db, copy.id);
      this.recStamps.set(copy.id, { created, updated: created, deleted: stamp(date, minutesOf('18:00') + this.rng.int(0, 200), this.notAfter) });
      this.trashed++;
    }
    return rec.id;
  }

  /** The boundary's own check: the same schema the API applies to records.create. */
  private parseRecord(input: RecordInput): RecordInput {
    const r = contract['records.create'].input.safeParse(input);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new Error(`demo: generated ${input.type} failed its schema at ${issue?.path.join('.')}: ${issue?.message}`);
    }
    return r.data as RecordInput;
  }

  /** When the secretary typed it up: after the meeting, or during the working day. */
  private writtenAt(env: Env, data: Record<string, unknown>): number {
    const end = typeof data.endTime === 'string' && data.endTime ? minutesOf(data.endTime) : this.rng.int(9 * 60, 17 * 60);
    return Math.min(23 * 60 + 50, end + this.rng.int(10, 150));
  }

  /** A 定稿 corrected later: the service keeps the old version as a revision. */
  private edit(id: number, input: RecordInput, stamps: { created: string; updated: string }) {
    const times = this.rng.chance(0.2) ? 2 : 1;
    let cur = input;
    let at = Date.parse(stamps.created);
    for (let k = 0; k < times; k++) {
      const data = { ...cur.data };
      const def = recordType(cur.type);
      const absent = Array.isArray(data.attendance) ? (data.attendance as Attendee[]).findIndex((a) => !a.present) : -1;
      if (absent >= 0 && this.rng.chance(0.4)) {
        const att = (data.attendance as Attendee[]).map((a) => ({ ...a }));
        att[absent]!.absenceReason = `${att[absent]!.absenceReason}（已补学）`.slice(0, 60);
        data.attendance = att;
      } else {
        const f = def.fields.find((x) => x.key === 'summary') ?? def.fields.find((x) => x.kind === 'textarea');
        if (!f) return;
        const add = this.rng.pick(['会后补充：相关材料已归档。', '经核对，补充部分发言内容。', '根据主持人意见修改个别表述。', '补记：落实情况将在下次会议通报。']);
        data[f.key] = `${String(data[f.key] ?? '')}${data[f.key] ? '\n' : ''}${add}`.slice(0, f.max ?? 50000);
      }
      cur = this.parseRecord({ ...cur, data });
      at = Math.min(this.notAfter, at + this.rng.int(1, 10) * 86400_000 + this.rng.int(0, 36000_000));
      updateRecord(this.db, id, cur);
      const rev = this.db.sqlite.prepare('SELECT max(id) AS id FROM record_revisions WHERE record_id = ?').get(id) as { id: number | null };
      if (rev.id !== null) {
        this.revStamps.push({ id: rev.id, at: new Date(at).toISOString() });
        this.revisions++;
      }
      stamps.updated = new Date(at).toISOString();
    }
    this.edited++;
  }

  private attach(recordId: number, env: Env, what: { images: number; pdf: boolean }, at: string) {
    const rng = this.fileRng;
    const label = env.def.label;
    const compact = env.date.replace(/-/g, '');
    for (let i = 0; i < what.images; i++) {
      const sheet = i === 0 && env.domain !== 'team' && rng.chance(0.45);
      const img = makeImage(rng, sheet ? 'sheet' : 'photo');
      const name = sheet
        ? rng.pick([`${label}签到表.png`, '签到表.png', `${env.date}签到表.png`])
        : rng.pick([`${label}现场照片${i + 1}.png`, `IMG_${compact}_${String(rng.int(80000, 210000)).padStart(6, '0')}.png`, `${env.date}${label}.png`, '会议照片.png']);
      this.addFile(recordId, name, img.png, img.thumb, at);
      this.images++;
    }
    if (what.pdf) {
      const lecture = env.def.id === 'party-lecture';
      const pdf = makePdf(rng, lecture ? `Lecture notes ${env.date}` : `Sign-in sheet ${env.date}`, [`Branch ${CREW_NO}`, `Record type: ${env.def.id}`, `Date: ${env.date}`]);
      this.addFile(recordId, lecture ? '党课讲稿.pdf' : `${label}签到表（扫描件）.pdf`, pdf, null, at);
      this.pdfs++;
    }
  }

  private addFile(recordId: number, name: string, bytes: Buffer, thumb: Buffer | null, at: string) {
    const input = contract['attachments.add'].input.parse({ recordId, name, base64: bytes.toString('base64'), thumbBase64: thumb ? thumb.toString('base64') : null });
    const dto = addAttachment(this.db, this.core.dataDir, input);
    this.attachmentBytes += bytes.length;
    this.attStamps.push({ id: dto.id, sha: dto.sha256, thumb: null, at });
  }

  /** Put the timestamps where they would be had the records been kept over the years. */
  private backdate() {
    const s = this.db.sqlite;
    const rec = s.prepare('UPDATE records SET created_at = ?, updated_at = ?, deleted_at = coalesce(?, deleted_at) WHERE id = ?');
    for (const [id, t] of this.recStamps) rec.run(t.created, t.updated, t.deleted ?? null, id);
    const rev = s.prepare('UPDATE record_revisions SET saved_at = ? WHERE id = ?');
    for (const r of this.revStamps) rev.run(r.at, r.id);
    const att = s.prepare('UPDATE attachments SET added_at = ? WHERE id = ?');
    const blob = s.prepare('UPDATE blobs SET created_at = min(created_at, ?) WHERE sha256 IN (SELECT sha256 FROM attachments WHERE id = ? UNION SELECT thumb_sha256 FROM attachments WHERE id = ?)');
    for (const a of this.attStamps) {
      att.run(a.at, a.id);
      blob.run(a.at, a.id, a.id);
    }
    const ppl = s.prepare('UPDATE people SET created_at = ?, updated_at = ?, removed_at = CASE WHEN removed_at IS NULL THEN NULL ELSE ? END WHERE id = ?');
    for (const m of this.members.values()) {
      ppl.run(stamp(m.joinedOn, 9 * 60 + 30, this.notAfter), stamp(m.updatedOn, 10 * 60, this.notAfter), m.leftOn ? stamp(m.leftOn, 16 * 60, this.notAfter) : null, m.id);
    }
    // a status entered without its own date (the 支委 as the branch was set up) dates from when they came onto the books
    s.prepare("UPDATE person_statuses SET since = ? WHERE note LIKE '建立支部时%'").run(this.start);
    const st = s.prepare('UPDATE person_statuses SET since = ? WHERE person_id = ? AND since > ?');
    for (const m of this.members.values()) st.run(m.joinedOn, m.id, this.until);
    const t = stamp(this.start, 9 * 60, this.notAfter);
    s.prepare('UPDATE branch SET created_at = ?, updated_at = ?').run(t, t);
  }

  // ---------- field values ----------

  private once<T>(env: Env, key: string, fn: () => T): T {
    if (!env.memo.has(key)) env.memo.set(key, fn());
    return env.memo.get(key) as T;
  }

  private value(env: Env, f: FieldDef, path: string, row: Record<string, unknown> | undefined): unknown {
    let v = this.special(env, f, path, row);
    if (v === DEFAULT && (f.kind === 'text' || f.kind === 'textarea')) {
      if (f.key === 'remarks') v = f.required ? '无' : '';
      else if (f.key === 'phone' || f.label.includes('电话')) v = f.required || this.rng.chance(0.6) ? mobile(this.rng) : '';
      else if (f.key === 'address' || f.label.includes('住址')) v = address(this.rng);
    }
    return clip(f, v === DEFAULT ? this.byKind(env, f, path) : v);
  }

  /** Per field kind, for keys the banks do not know (and types added later). */
  private byKind(env: Env, f: FieldDef, path: string): unknown {
    const rng = this.rng;
    const req = !!f.required;
    switch (f.kind) {
      case 'text':
        return req || rng.chance(0.5) ? genericText(env, f) : '';
      case 'textarea':
        return req || rng.chance(0.6) ? `${genericText(env, f)}。` : '';
      case 'person':
        return req || rng.chance(0.7) ? this.randomActive().name : '';
      case 'people':
        return this.rng.sample(this.active(), rng.int(req ? 1 : 0, 3)).map((m) => m.name);
      case 'date':
        if (/^(end|closed|deadline)|(End|Closed)Date$/.test(f.key)) return req || rng.chance(0.6) ? addDays(env.date, rng.int(7, 60)) : '';
        return req || rng.chance(0.6) ? env.date : '';
      case 'month':
        return env.date.slice(0, 7);
      case 'time':
        // a start and an end time belong together (checkRecord wants the end after the start)
        if (f.key === 'startTime' || f.key === 'endTime') return this.times(env)[f.key === 'startTime' ? 0 : 1];
        return req || rng.chance(0.7) ? hhmm(rng.int(8 * 60, 18 * 60)) : '';
      case 'number': {
        const min = f.min ?? 0;
        const max = Math.min(f.max ?? 100, min + 20);
        const scale = 10 ** (f.decimals ?? 0);
        return req || rng.chance(0.6) ? Math.round(rng.int(Math.ceil(min * scale), Math.floor(max * scale))) / scale : null;
      }
      case 'money':
        return req || rng.chance(0.6) ? rng.int(100, 3000) : null;
      case 'select':
        return req || rng.chance(0.85) ? rng.pick(f.options!) : '';
      case 'multiselect':
        return rng.sample(f.options!, rng.int(req ? 1 : 0, Math.min(2, f.options!.length)));
      case 'boolean':
        return rng.chance(0.6);
      case 'lines':
        return req || rng.chance(0.4) ? [genericText(env, f)] : [];
      case 'table': {
        const n = rng.int(req ? 1 : 0, 3);
        return Array.from({ length: n }, () => this.row(env, f));
      }
      case 'object':
        return this.row(env, f);
      case 'group':
        return env.o.groupId ?? (req ? rng.pick(this.groups).id : null);
      case 'attendance':
        return this.attendance(env);
      case 'motions':
        return this.motions(env);
    }
  }

  private row(env: Env, f: FieldDef): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const c of f.columns!) row[c.key] = this.value(env, c, `${f.key}.${c.key}`, row);
    return row;
  }

  /** Values from the phrase banks and the roster, by type and key; DEFAULT when there is nothing special. */
  private special(env: Env, f: FieldDef, path: string, row: Record<string, unknown> | undefined): unknown {
    const { def, c, o } = env;
    const rng = this.rng;
    const s = o.subject;
    // registers about one person
    if (s && row === undefined) {
      switch (f.key) {
        case 'name':
          return s.name;
        case 'gender':
          return s.gender;
        case 'birthDate':
          return s.birth;
        case 'phone':
          return s.phone;
        case 'position':
          return this.position(s);
        case 'address':
          return s.address;
        case 'politicalStatus':
          return f.options?.includes(s.status) ? s.status : DEFAULT;
        case 'education':
          return f.options?.includes(s.education) ? s.education : DEFAULT;
        case 'ethnicity':
          return s.ethnicity;
        case 'nativePlace':
          return s.nativePlace;
        case 'idNumber':
          return s.idNo;
        case 'workStartDate':
          return s.workStart;
        case 'hireDate':
          return s.hire;
        case 'joinDate':
          return def.id.startsWith('league') ? s.leagueJoin : s.hire;
        case 'cardNo':
          return def.id.startsWith('league') ? s.leagueCard : s.unionCard;
        case 'remarks':
          return rng.chance(0.1) ? rng.pick(['', '退伍军人', '曾获分公司“优秀员工”称号', '持有司钻操作证', '持有电工作业证']) : '';
      }
    }

    switch (`${def.id}:${path}`) {
      // ----- 党课 / 团课 -----
      case 'party-lecture:lecture':
      case 'league-lecture:lecture':
        return this.lecture(env);
      // ----- 组织生活会 -----
      case 'org-life-meeting:preTalks':
        return `会前，支部委员之间、支委与党员之间、党员与党员之间普遍开展了谈心谈话，共谈心${rng.int(30, 80)}人次，征求意见建议${rng.int(6, 20)}条，已梳理归类。`;
      case 'org-life-meeting:criticism': {
        const ppl = this.speakers(env, 4);
        const lines = [`${this.host(env).name}代表支部委员会作对照检查，查找了在理论学习、组织生活、联系群众等方面存在的不足，提出了整改方向。`];
        for (let i = 0; i + 1 < ppl.length; i += 2) {
          lines.push(`${ppl[i]}对${ppl[i + 1]}提出：${rng.pick(['学习抓得不够紧，笔记记得不够全', '对新员工传帮带还要更主动', '安全检查有时不够细', '工作中有急躁情绪'])}。${ppl[i + 1]}表示虚心接受，认真整改。`);
        }
        return lines.join('\n');
      }
      case 'org-life-meeting:rectification':
        {
        const statuses = f.columns?.find((x) => x.key === 'status')?.options ?? ['未整改', '整改中', '已完成'];
        return rng.sample(P.RECTIFY_ISSUES, rng.int(2, 4)).map((issue) => this.rectifyRow(env, issue, statuses));
      }
      // ----- 评议 -----
      case 'member-review:results':
      case 'league-review:results':
        return this.reviewRows(env);
      // ----- 技术培训 -----
      case 'skill-training:results': {
        if (!rng.chance(0.4)) return [];
        const present = this.attendance(env).filter((a) => a.present);
        return rng.sample(present, rng.int(3, 8)).map((a) => ({ name: a.name, score: rng.chance(0.3) ? rng.pick(['合格', '合格', '优秀']) : String(rng.int(72, 99)) }));
      }
      // ----- 谈心谈话 -----
      case 'talk:time':
        return hhmm(rng.int(9 * 60, 20 * 60) - (rng.int(0, 3) * 15));
      case 'talk:location': {
        const t = this.talk(env);
        return t.method === '家访' ? `${t.subject.name}家中` : t.method === '电话' ? '电话联系' : rng.pick(P.PLACES.talk);
      }
      case 'talk:talker':
        return this.talk(env).talker.name;
      case 'talk:talkerTitle':
        return this.seatTitle(this.talk(env).talker);
      case 'talk:subject':
        return this.talk(env).method === '集体谈心' ? `${CREWS[this.talk(env).subject.crew]}全体成员` : this.talk(env).subject.name;
      case 'talk:method':
        return this.talk(env).method;
      case 'talk:category':
        return this.talk(env).category;
      case 'talk:theme':
        return this.talk(env).text.theme;
      case 'talk:content':
        return this.talk(env).text.content;
      case 'talk:concerns':
        return this.talk(env).text.concerns;
      case 'talk:measures':
        return this.talk(env).text.measures;
      case 'talk:followUpDate': {
        const t = this.talk(env);
        const when = addDays(env.date, rng.int(10, 60));
        return t.text.followUp && when <= this.until ? when : '';
      }
      case 'talk:followUp': {
        const t = this.talk(env);
        return t.text.followUp && addDays(env.date, 60) <= this.until ? t.text.followUp : '';
      }
      // ----- 登记表 -----
      case 'staff-profile:family':
      case 'hardship-profile:family':
        return this.family(env);
      case 'hardship-profile:category':
        return this.once(env, 'hcat', () => rng.pick(f.options!));
      case 'hardship-profile:cause': {
        const cat = this.once(env, 'hcat', () => rng.pick(f.options!));
        const causes: Record<string, string> = {
          因病: '配偶患慢性病长期服药，医疗费用支出大。',
          因残: '子女残疾，需长期康复治疗。',
          因灾: '老家房屋受洪涝灾害损毁。',
          子女教育: '两个子女同时上大学，学费生活费负担重。',
          单亲: '离异后独自抚养子女，家庭收入单一。',
        };
        return causes[cat] ?? '家中老人长期卧床，需要照料，家庭开支较大。';
      }
      case 'hardship-profile:annualIncome':
        return rng.int(300, 900) * 100;
      case 'hardship-profile:familySize':
        return rng.int(3, 6);
      case 'hardship-profile:assistance':
        return rng.pick(['纳入工会困难职工帮扶名单，节日走访慰问。', '协助申请分公司困难补助，协调调整倒班。', '组织职工爱心捐助，帮助解决子女就学困难。']);
      case 'hardship-profile:visits':
        return Array.from({ length: rng.int(1, 3) }, (_, i) => {
          const date = addDays(env.date, i * rng.int(20, 60));
          return {
            date: date <= this.until ? date : env.date,
            amount: rng.pick([500, 800, 1000, 1500, 2000]),
            goods: rng.pick(['米、面、油', '慰问品一份', '', '棉被两床']),
            visitor: this.secretary().name,
          };
        });
      case 'hardship-profile:creator':
        return (this.seat('组织委员') ?? this.secretary()).name;
      case 'hardship-profile:reviewer':
        return this.secretary().name;
      case 'hardship-profile:opinion':
        return '情况属实，同意建档，纳入帮扶。';
      // ----- 纪检 -----
      case 'reminder-talk:location':
        return rng.pick(['书记办公室', '队部办公室', '值班房']);
      case 'reminder-talk:talker':
        return this.once(env, 'talker', () => (rng.chance(0.6) ? this.seat('纪检委员') ?? this.secretary() : this.secretary())).name;
      case 'reminder-talk:interviewee':
        return this.once(env, 'interviewee', () => this.randomActive((m) => m.job === '司钻' || m.job === '材料员' || m.job === '核算员' || m.job === '副队长' || m.job === '库管员', [this.seat('纪检委员'), this.secretary()])).name;
      case 'reminder-talk:reason':
        return this.once(env, 'reason', () => rng.pick(['节假日前廉洁提醒', '新任班组长廉政谈话', '物资管理岗位廉洁风险提醒', '有职工反映其工作方法简单', '班组考核奖金分配程序不规范', '上班期间使用手机被查处']));
      case 'reminder-talk:content': {
        const reason = this.once(env, 'reason', () => '节假日前廉洁提醒');
        const ask = /奖金/.test(reason) ? '按程序公开公平分配奖金' : /物资/.test(reason) ? '规范物资领用登记，做到账物相符' : /手机|纪律/.test(reason) ? '严格遵守劳动纪律' : /方法/.test(reason) ? '改进工作方法，多沟通少训斥' : '严格执行中央八项规定精神，守住廉洁底线';
        return `就“${reason}”进行谈话，指出存在的问题和风险点，要求其${ask}。`;
      }
      case 'reminder-talk:response':
        return rng.pick(['本人表示接受提醒，今后严格要求自己。', '本人作了说明，表示立即整改。', '本人表示认识到问题，保证不再发生。']);
      case 'reminder-talk:followUp':
        return rng.chance(0.6) ? '经跟踪了解，已按要求整改。' : '';
      case 'supervision-check:matter':
        return this.once(env, 'matter', () => rng.pick(P.CHECK_MATTERS));
      case 'supervision-check:inspectors':
        return [...new Set([(this.seat('纪检委员') ?? this.secretary()).name, this.randomActive((m) => m.crew === OFFICE).name, ...(rng.chance(0.5) ? [this.secretary().name] : [])])];
      case 'supervision-check:target':
        return rng.pick(P.CHECK_TARGETS);
      case 'supervision-check:findings':
        return rng.chance(0.6) ? rng.pick(['未发现问题。', '个别领用单据签字不全。', '公开内容更新不及时。', '台账记录不够规范。']) : '';
      case 'supervision-check:handling':
        return rng.pick(['当场指出，责令整改。', '无。', '纳入问题整改台账跟踪销号。']);
      case 'supervision-check:requirements':
        return rng.chance(0.6) ? `${rng.int(7, 30)}日内整改完毕并报纪检委员复查。` : '';
      case 'petition:reporter':
        return rng.chance(0.6) ? '匿名' : this.randomActive().name;
      case 'petition:accused':
        return rng.pick(['钻井二班班长', '食堂管理员', '材料员', '机修班班长', '某外协队伍负责人']);
      case 'petition:issue':
        return rng.pick(['反映食堂伙食费收支不透明。', '反映班组奖金分配不公。', '反映劳保用品发放不及时。', '反映外协队伍拖欠民工工资。']);
      case 'petition:process':
        return '支部纪检委员调阅相关台账，分别找当事人和知情人了解情况。';
      case 'petition:result':
        return rng.pick(['经核查，反映问题部分属实，已责令整改并在队务公开栏公示。', '经核查，反映问题不属实，已向反映人说明。', '已协调上级有关部门处理。']);
      case 'petition:closedDate': {
        const d = addDays(env.date, rng.int(5, 30));
        return d <= this.until ? d : '';
      }
      case 'petition:feedback':
        return rng.chance(0.8);
      case 'rectification-ledger:issue':
        return this.once(env, 'issue', () => rng.pick(P.RECTIFY_ISSUES));
      case 'rectification-ledger:measures':
        return rng.pick(P.RECTIFY_MEASURES);
      case 'rectification-ledger:responsible':
        return this.randomActive((m) => this.isSeat(m) || m.job === '司钻').name;
      case 'rectification-ledger:deadline':
        return this.once(env, 'deadline', () => addDays(env.date, rng.int(15, 90)));
      case 'rectification-ledger:status':
        return this.once(env, 'rstatus', () => this.rectifyStatus(this.once(env, 'deadline', () => addDays(env.date, 30)), f.options!));
      case 'rectification-ledger:outcome': {
        const st = this.once(env, 'rstatus', () => '整改中');
        return st === '已完成' || st === '已销号' ? '已按措施整改到位，经复查合格。' : st === '整改中' ? '正在整改。' : '';
      }
      case 'rectification-ledger:closedDate': {
        const st = this.once(env, 'rstatus', () => '整改中');
        const deadline = this.once(env, 'deadline', () => env.date);
        return st === '已销号' ? (deadline <= this.until ? deadline : this.until) : '';
      }
      // ----- 工会 -----
      case 'union-dues:rows':
        return this.active().map((m) => this.duesRow(env, m, Math.round(m.wage * 0.5) / 100));
      case 'league-dues:rows': {
        const league = this.active().filter((m) => m.status === '共青团员');
        if (!league.length) throw new Skip();
        return league.map((m) => this.duesRow(env, m, m.wage > 5000 ? 2 : m.wage > 3000 ? 1 : 0.5));
      }
      case 'union-dues:handler':
      case 'affairs-public:handler':
        return (this.byJob('核算员') ?? this.secretary()).name;
      case 'league-dues:handler':
      case 'league-registration:handler':
        return (this.leagueSecretary() ?? this.secretary()).name;
      case 'union-assistance:beneficiary':
        return this.once(env, 'ben', () => this.randomActive((m) => m.hardship || rng.chance(0.15))).name;
      case 'union-assistance:hardship':
        return rng.pick(['家中老人住院治疗。', '子女上学费用负担重。', '本人因伤休养。', '配偶下岗，家庭收入减少。', '']);
      case 'union-assistance:method':
        return c.month <= 2 ? rng.pick(['走访慰问', '慰问金', '慰问品']) : rng.pick(f.options!);
      case 'union-assistance:amount':
        return rng.pick([300, 500, 800, 1000, 2000]);
      case 'union-assistance:goods':
        return rng.pick(['', '米、面、油', '水果一箱', '慰问品一份']);
      case 'union-assistance:visitors':
        return [this.secretary().name, ...(rng.chance(0.5) ? [(this.seat('副书记') ?? this.secretary()).name] : [])].filter((v, i, a) => a.indexOf(v) === i);
      case 'labor-contest:contestName':
        return `${c.year}年${rng.pick(P.CONTESTS)}`;
      case 'labor-contest:startDate':
        return env.date;
      case 'labor-contest:endDate':
        return this.once(env, 'end', () => addDays(env.date, rng.int(60, 100)));
      case 'labor-contest:participants':
        return DRILLING.map((k) => `${CREWS[k]}`);
      case 'labor-contest:content':
        return `以${c.well}等井施工为载体，比安全、比进尺、比质量、比节约，${rng.pick(['每月评比一次', '按井次评比', '阶段评比与总评相结合'])}。`;
      case 'labor-contest:result': {
        const end = this.once(env, 'end', () => env.date);
        return end <= this.until ? `${rng.pick(DRILLING.map((k) => CREWS[k]!))}获第一名，奖励${rng.pick([2000, 3000, 5000])}元；${rng.pick(DRILLING.map((k) => CREWS[k]!))}获第二名。` : '';
      }
      case 'suggestion:title':
        return this.once(env, 'sugg', () => rng.pick(P.SUGGESTIONS));
      case 'suggestion:proposer':
        return this.randomActive((m) => m.crew !== OFFICE || m.job === '技术员').name;
      case 'suggestion:content':
        return `现状：${rng.pick(['操作费时费力', '存在安全隐患', '能耗较高', '容易损坏'])}。建议：${this.once(env, 'sugg', () => '改进')}，${rng.pick(['预计可缩短作业时间', '可消除安全隐患', '可节约成本', '便于日常维护'])}。`;
      case 'suggestion:adopted':
        return this.once(env, 'adopted', () => rng.chance(0.6));
      case 'suggestion:adoptedDate': {
        const d = addDays(env.date, rng.int(7, 40));
        return this.once(env, 'adopted', () => false) && d <= this.until ? d : '';
      }
      case 'suggestion:effect':
        return this.once(env, 'adopted', () => false) ? rng.pick(['实施后效果良好，已在全队推广。', '减少了重复劳动，职工反映较好。', '每月节约费用约千元。']) : '';
      case 'suggestion:reward':
        return this.once(env, 'adopted', () => false) ? `奖励${rng.pick([100, 200, 300, 500])}元` : '';
      case 'affairs-public:month':
        return addDays(iso(c.year, c.month, 1), -1).slice(0, 7);
      case 'affairs-public:content': {
        const prev = addDays(iso(c.year, c.month, 1), -1);
        const m = Number(prev.slice(5, 7));
        return [`1. ${m}月份奖金分配及班组考核结果`, `2. ${m}月份劳保用品发放情况`, `3. ${m}月份食堂伙食账目`, rng.chance(0.5) ? '4. 困难职工帮扶情况' : '4. 先进个人评选结果'].join('\n');
      }
      case 'affairs-public:opinions':
        return rng.chance(0.3) ? rng.pick(['职工建议增加夜班加餐。', '对奖金分配无异议。', '建议公开栏增加照片。']) : '';
      case 'league-registration:year':
        return c.year;
      case 'league-registration:rows': {
        const league = this.active().filter((m) => m.status === '共青团员');
        if (!league.length) throw new Skip();
        return league.map((m) => ({ name: m.name, cardNo: m.leagueCard, result: rng.chance(0.95) ? '通过' : '暂缓注册', remarks: '' }));
      }
      // ----- 班组 -----
      case 'pre-shift-meeting:tasks':
        return P.shiftTasks(c);
      case 'pre-shift-meeting:safetyTips':
        return P.shiftSafety(c);
      case 'pre-shift-meeting:equipment':
        return P.shiftEquipment(c);
      case 'post-shift-meeting:workDone':
        return P.shiftWorkDone(c);
      case 'post-shift-meeting:problems':
        return P.shiftProblems(c);
      case 'post-shift-meeting:evaluation':
        return P.shiftEvaluation(c, this.speakers(env, 1));
      case 'safety-activity:hazards':
        return P.hazards(c);
      case 'team-assessment:month':
        return env.date.slice(0, 7);
      case 'team-assessment:rows':
        return DRILLING.flatMap((k) => this.crewMembers(k)).map((m) => {
          const score = rng.int(780, 1000) / 10;
          return { name: m.name, item: '月度综合考核', score, grade: score >= 95 ? '优秀' : score >= 85 ? '良好' : '合格', remarks: '' };
        });
      case 'team-assessment:assessor':
        return (this.seat('副书记') ?? this.secretary()).name;
      // ----- 档案 -----
      case 'work-plan:title':
      case 'work-summary:title':
      case 'activity-scheme:title':
      case 'measure:title':
      case 'regulation:title':
        return o.hints?.title ?? def.label;
      case 'work-plan:docNumber':
      case 'work-summary:docNumber':
      case 'activity-scheme:docNumber':
      case 'measure:docNumber':
      case 'regulation:docNumber': {
        if (def.id === 'regulation' && rng.chance(0.5)) return '';
        const who = /工会/.test(o.hints?.title ?? '') ? '工会' : /团/.test(o.hints?.title ?? '') ? '团支' : '党支';
        const key = `${who}${c.year}`;
        const n = (this.docNo.get(key) ?? 0) + 1;
        this.docNo.set(key, n);
        return `${CREW_NO}${who}〔${c.year}〕${n}号`;
      }
      case 'work-plan:author':
      case 'work-summary:author':
      case 'activity-scheme:author':
      case 'measure:author':
      case 'regulation:author': {
        const title = o.hints?.title ?? '';
        return /工会/.test(title) ? `${CREW_NO}钻井队工会` : /团支部/.test(title) ? `共青团${CREW_NO}钻井队支部委员会` : BRANCH_NAME;
      }
      case 'work-plan:body':
      case 'work-summary:body':
      case 'activity-scheme:body':
      case 'measure:body':
      case 'regulation:body':
        return P.documentBody(c, o.hints?.title ?? def.label, def.id);
    }

    // keys every meeting has
    if (def.kind === 'meeting' || def.attendees) {
      switch (path) {
        case 'groupId':
          return o.groupId ?? this.groups[0]!.id;
        case 'startTime':
          return this.times(env)[0];
        case 'endTime':
          return this.times(env)[1];
        case 'location':
          return this.location(env);
        case 'host':
          return this.host(env).name;
        case 'hostTitle':
          return this.host(env).title;
        case 'recorder':
          return this.recorder(env).name;
        case 'attendance':
          return this.attendance(env);
        case 'observers':
          return this.observers(env);
        case 'leaders':
          return this.leaders(env);
        case 'topics':
          return this.topics(env);
        case 'content':
          return P.meetingContent(
            c,
            env.domain,
            this.host(env).name,
            this.topics(env),
            this.speakers(env, rng.int(2, 4)),
            this.leaders(env),
            def.id === 'party-lecture' || def.id === 'league-lecture' ? String(this.lecture(env).speaker) : '',
            def.id,
          );
        case 'motions':
          return this.motions(env);
        case 'resolution': {
          const ms = this.motions(env);
          return ms.length ? `会议经表决，${ms.map((m) => m.title).join('；')}。` : '';
        }
        case 'pending':
          return env.domain === 'team' ? '' : rng.chance(0.15) ? rng.pick(P.PENDING) : '';
        case 'summary':
          return env.domain === 'team' && rng.chance(0.5) ? '' : P.meetingSummary(c, env.domain);
        case 'speaker':
          return this.speakerOf(env).name;
        case 'hours':
          return rng.int(2, 6) / 2;
        case 'studyForm':
          return rng.weighted([['集中学习', 6], ['专题辅导', 2], ['研讨交流', 2], ['视频学习', 2], ['其他', 0.3]] as const);
        case 'educationForm':
          return this.topics(env).some((t) => t.includes('警示教育片')) ? '观看警示教育片' : rng.pick(f.options!);
        case 'activityForm': {
          const t = this.topics(env)[0] ?? '';
          return t.includes('演练') ? '应急演练' : t.includes('案例') ? '事故案例分析' : t.includes('隐患') ? '隐患排查' : t.includes('交底') ? '安全技术交底' : '安全学习';
        }
      }
    }
    // columns of 整改 rows elsewhere
    if (path.endsWith('.status') && f.options?.includes('已完成')) return this.rectifyStatus(String(row?.deadline ?? env.date), f.options);
    return DEFAULT;
  }

  // ----- meeting parts -----

  private times(env: Env): [string, string] {
    return this.once(env, 'times', () => {
      if (env.o.time) return env.o.time;
      const rng = this.rng;
      const id = env.def.id;
      const startChoices =
        env.domain === 'team' ? [8 * 60 + 30, 14 * 60 + 30, 16 * 60, 18 * 60 + 30] : id === 'committee-meeting' || id === 'group-meeting' ? [16 * 60, 19 * 60, 19 * 60 + 30] : [9 * 60, 14 * 60 + 30, 15 * 60, 19 * 60];
      const start = rng.pick(startChoices);
      const long = ['org-life-meeting', 'member-review', 'branch-assembly', 'theme-party-day'].includes(id);
      const dur = long ? rng.int(8, 16) * 10 : id === 'committee-meeting' ? rng.int(5, 9) * 10 : rng.int(4, 9) * 10;
      return [hhmm(start), hhmm(Math.min(23 * 60 + 30, start + dur))];
    });
  }

  private location(env: Env): string {
    const rng = this.rng;
    const id = env.def.id;
    if (id === 'theme-party-day') return rng.pick(P.PLACES.theme);
    if (env.domain === 'team') return id === 'pre-shift-meeting' || id === 'post-shift-meeting' ? rng.pick(P.PLACES.team) : rng.pick(['井场会议室', '野营房会议室', '值班房', '钻台']);
    if (id === 'staff-meeting' || env.domain === 'union') return rng.pick(P.PLACES.staff);
    return rng.pick(P.PLACES.party);
  }

  private host(env: Env): Named {
    return this.once(env, 'host', () => {
      const id = env.def.id;
      const rng = this.rng;
      const sec = this.secretary();
      const deputy = this.seat('副书记') ?? sec;
      const named = (m: Member, title?: string): Named => ({ name: m.name, id: m.id, title: title ?? this.seatTitle(m) });
      if (id === 'group-meeting') return named(this.groupLeader(this.groupIdOf(env)), '党小组长');
      if (env.domain === 'league') {
        const ls = this.leagueSecretary();
        return ls ? named(ls, '团支部书记') : named(sec);
      }
      if (id === 'pre-shift-meeting' || id === 'post-shift-meeting') {
        const leader = this.crewLeader(env.o.crew ?? 0);
        return named(leader, leader.job === '司钻' ? '司钻' : '班长');
      }
      if (id === 'safety-activity') return named(this.byJob('安全监督') ?? deputy, this.byJob('安全监督') ? '安全监督' : '队长');
      if (id === 'skill-training' || id === 'team-study') return named(deputy, '队长');
      if (id === 'staff-meeting' || id === 'safety-meeting') return named(deputy, '队长');
      if (id === 'union-meeting') return named(sec, '工会主席');
      if (id === 'integrity-education') return named(rng.chance(0.5) ? this.seat('纪检委员') ?? sec : sec);
      if (id === 'study-session') return named(rng.chance(0.6) ? this.seat('宣传委员') ?? sec : sec);
      return named(rng.chance(0.9) ? sec : deputy);
    });
  }

  private recorder(env: Env): Named {
    return this.once(env, 'recorder', () => {
      const id = env.def.id;
      const host = this.host(env);
      const not = (m: Member | undefined) => (m && m.name !== host.name ? m : undefined);
      const named = (m: Member): Named => ({ name: m.name, id: m.id, title: this.seatTitle(m) });
      let m: Member | undefined;
      if (id === 'pre-shift-meeting' || id === 'post-shift-meeting') m = not(this.byJob('副司钻', env.o.crew)) ?? not(this.crewMembers(env.o.crew ?? 0).find((x) => x.name !== host.name));
      else if (id === 'group-meeting') m = this.active().find((x) => x.groupId === this.groupIdOf(env) && x.name !== host.name && this.isParty(x));
      else if (env.domain === 'league') m = this.active().find((x) => x.status === '共青团员' && x.name !== host.name);
      else if (env.domain === 'team' || env.domain === 'union' || id === 'staff-meeting') m = not(this.byJob('资料员')) ?? not(this.byJob('技术员'));
      else if (id === 'branch-assembly' || id === 'org-life-meeting' || id === 'member-review') m = not(this.seat('组织委员'));
      else m = not(this.seat('宣传委员')) ?? not(this.seat('组织委员'));
      return named(m ?? this.randomActive(() => true, [host]));
    });
  }

  private groupIdOf(env: Env): number {
    return env.o.groupId ?? this.groups[0]!.id;
  }

  private expected(type: string, groupId: number | null): Attendee[] {
    const def = recordType(type);
    const key = `${def.attendees}:${def.attendees === 'group' ? groupId : ''}`;
    let hit = this.expectedCache.get(key);
    if (!hit) {
      hit = expectedAttendance(this.db, type, def.attendees === 'group' ? groupId : null);
      this.expectedCache.set(key, hit);
    }
    return hit.map((a) => ({ ...a }));
  }

  /**
   * Who was expected, by the app's own rule for the type, and who was away.
   * 班前会/班后会 are held by one shift: the everyone-list narrowed to that 班组.
   */
  private attendance(env: Env): Attendee[] {
    return this.once(env, 'attendance', () => {
      const def = env.def;
      if (!def.attendees) return [];
      let list = this.expected(def.id, def.attendees === 'group' ? this.groupIdOf(env) : null);
      // a 党小组 whose members have all left holds no meeting
      if (def.attendees === 'group' && list.length === 0) throw new Skip();
      if (env.o.crew !== undefined && (def.id === 'pre-shift-meeting' || def.id === 'post-shift-meeting')) {
        const ids = new Set(this.crewMembers(env.o.crew).map((m) => m.id));
        list = list.filter((a) => ids.has(a.personId));
      }
      const keep = new Set([this.host(env).name, this.recorder(env).name]);
      const p = ABSENT_P[def.id] ?? 0.08;
      for (const a of list) {
        if (keep.has(a.name) || !this.rng.chance(p)) continue;
        a.present = false;
        a.absenceReason = this.absenceReason(env);
      }
      if (def.fields.some((f) => f.kind === 'motions')) {
        // a vote needs more than half of those with a vote present (DOMAIN §3)
        const voting = list.filter((a) => a.membership === '正式');
        for (const a of voting) {
          if (voting.filter((x) => x.present).length * 2 > voting.length + 2) break;
          if (!a.present) {
            a.present = true;
            a.absenceReason = '';
          }
        }
      }
      return list;
    });
  }

  private absenceReason(env: Env): string {
    if (env.domain === 'team') return this.rng.weighted([['病假', 3], ['事假', 3], ['轮休', 2], ['外出培训', 1]] as const);
    return this.rng.weighted([
      ['在岗值班', 30],
      ['公出', 18],
      ['事假', 14],
      ['病假', 12],
      ['外出培训', 10],
      ['轮休', 8],
      ['探亲假', 5],
      ['其他（家中有事）', 3],
    ] as const);
  }

  private speakers(env: Env, n: number): string[] {
    const host = this.host(env).name;
    const present = this.attendance(env).filter((a) => a.present && a.name !== host);
    if (present.length) return this.rng.sample(present, n).map((a) => a.name);
    return this.rng.sample(this.active().filter((m) => m.name !== host), n).map((m) => m.name);
  }

  private leaders(env: Env): string {
    return this.once(env, 'leaders', () =>
      env.domain === 'party' && env.def.part === 'sanhui' && this.rng.chance(0.08)
        ? `分公司党委${this.rng.pick(['副书记', '组织部部长', '党群工作部主任'])}${this.names.outsider(this.rng.chance(0.8) ? '男' : '女')}`
        : '',
    );
  }

  private observers(env: Env): string[] {
    const extra = env.o.hints?.observers ?? [];
    if (extra.length) return extra;
    const rng = this.rng;
    if (env.def.part === 'sanhui' && rng.chance(0.1)) {
      const hopeful = this.active().find((m) => m.dev && m.dev.stage !== 'applicant');
      if (hopeful) return [`入党积极分子 ${hopeful.name}`];
    }
    if (env.domain !== 'team' && rng.chance(0.04)) return [`分公司党群工作部 ${this.names.outsider('男')}`];
    return [];
  }

  private topics(env: Env): string[] {
    return this.once(env, 'topics', () => {
      const forced = env.o.hints?.topics ?? [];
      const id = env.def.id;
      if (id === 'party-lecture' || id === 'league-lecture') {
        const l = this.lecture(env) as { title: string };
        return [l.title, '交流学习体会'];
      }
      const pool = P.topicsFor(id, env.c).filter((t) => !forced.includes(t));
      const n = env.domain === 'team' ? this.rng.int(1, 2) : this.rng.int(1, 3);
      const first = id === 'theme-party-day' || id === 'org-life-meeting' || id === 'member-review' || id === 'league-review' ? [pool[0]!] : [];
      const rest = this.rng.sample(pool.filter((t) => !first.includes(t)), Math.max(0, n - first.length - forced.length));
      return [...forced, ...first, ...rest];
    });
  }

  private lecture(env: Env): Record<string, unknown> {
    return this.once(env, 'lecture', () => {
      const league = env.def.id === 'league-lecture';
      const sec = this.secretary();
      let speaker: string;
      if (league) speaker = (this.leagueSecretary() ?? sec).name;
      else if (env.o.hints?.lectureBy === 'secretary' || this.rng.chance(0.4)) speaker = sec.name;
      else if (this.rng.chance(0.6)) speaker = this.randomActive((m) => this.isSeat(m) && m.id !== sec.id).name;
      else speaker = this.names.outsider('男');
      return { title: P.lectureTitle(env.c, league), speaker, hours: this.rng.int(2, 6) / 2 };
    });
  }

  private speakerOf(env: Env): Named {
    const id = env.def.id;
    if (id === 'skill-training') {
      const m = this.rng.chance(0.5) ? this.byJob('技术员') ?? this.byJob('工程师') : this.crewLeader(this.rng.pick(DRILLING));
      if (m) return { name: m.name, title: m.job };
    }
    if (this.rng.chance(0.15)) return { name: `${this.names.outsider('男')}`, title: '' };
    return this.host(env);
  }

  /**
   * Motions put to the vote, with votes that pass: 赞成 from the 正式党员 present,
   * now and then one against or abstaining when that still passes.
   */
  private motions(env: Env): Motion[] {
    return this.once(env, 'motions', () => {
      const forced = env.o.hints?.motions ?? [];
      const pool = P.genericMotions(env.def.id, env.c);
      const p = env.def.id === 'committee-meeting' ? 0.35 : 0.45;
      const titles = forced.length ? forced : this.rng.chance(p) ? this.rng.sample(pool, this.rng.int(1, 2)) : [];
      const att = this.attendance(env);
      const voting = att.filter((a) => a.membership === '正式');
      const present = voting.filter((a) => a.present).length;
      return titles.map((title) => {
        let against = this.rng.chance(0.08) ? 1 : 0;
        let abstain = this.rng.chance(0.12) ? 1 : 0;
        if ((present - against - abstain) * 2 <= voting.length) against = abstain = 0;
        const m: Motion = { title, for: present - against - abstain, against, abstain };
        const outcome = judgeMotion(att, m);
        if (!outcome.passed) throw new Error(`demo: a generated motion would not pass (${outcome.summary})`);
        return m;
      });
    });
  }

  private reviewRows(env: Env): Record<string, unknown>[] {
    const rng = this.rng;
    const present = this.attendance(env).filter((a) => a.present);
    if (!present.length) throw new Skip();
    const n = present.length;
    return present.map((a) => {
      const excellent = rng.chance(0.2);
      const votesA = excellent ? rng.int(Math.ceil(n * 0.6), n) : rng.int(0, Math.floor(n * 0.3));
      const votesC = !excellent && rng.chance(0.05) ? rng.int(1, 2) : 0;
      const votesB = Math.max(0, n - votesA - votesC);
      return {
        name: a.name,
        selfReview: rng.pick([
          '一年来能够认真学习党的理论，遵守劳动纪律，完成本岗位工作任务；不足是学习深度不够，今后加强。',
          '能够在生产中发挥先锋作用，带头遵章守纪；存在的不足是对新员工帮带不够主动。',
          '按时参加组织生活，按时缴纳党费；在创新创效方面还需加强。',
          '工作认真负责，服从安排；理论学习有时流于形式，今后改进。',
        ]),
        peerReview: rng.pick(['工作踏实，作风过硬。', '技术过硬，乐于助人。', '积极肯干，有时性子急。', '带头作用明显。']),
        poll: `优秀${votesA}票，合格${votesB}票，基本合格${votesC}票`,
        grade: excellent ? '优秀' : votesC > 0 && rng.chance(0.3) ? '基本合格' : '合格',
      };
    });
  }

  private rectifyStatus(deadline: string, options: readonly string[]): string {
    const overdue = deadline < this.until;
    if (overdue) return options.includes('已销号') && this.rng.chance(0.6) ? '已销号' : '已完成';
    return this.rng.chance(0.7) ? '整改中' : '未整改';
  }

  private rectifyRow(env: Env, issue: string, statuses: readonly string[]): Record<string, unknown> {
    const deadline = addDays(env.date, this.rng.int(30, 90));
    return {
      issue,
      measures: this.rng.pick(P.RECTIFY_MEASURES),
      responsible: this.randomActive((m) => this.isSeat(m)).name,
      deadline,
      status: this.rectifyStatus(deadline, statuses),
    };
  }

  private duesRow(env: Env, m: Member, due: number): Record<string, unknown> {
    const paid = this.rng.chance(0.96);
    const day = dayOf(env.c.year, env.c.month, this.rng.int(5, 25));
    return { name: m.name, wageBase: m.wage, due, paid: paid ? due : 0, paidDate: paid && day <= this.until ? day : '' };
  }

  private family(env: Env): Record<string, unknown>[] {
    const s = env.o.subject ?? this.secretary();
    const rng = this.rng;
    const age = ageOn(s.birth, env.date);
    const surname = this.names.surnameOf(s.name);
    const rows: Record<string, unknown>[] = [];
    const job = () => rng.pick(['务农', '退休', '个体经营', '北原石油工程公司', '在校学生', '无业', '市第一中学', '油田医院']);
    if (age < 55 && rng.chance(0.8)) rows.push({ relation: '父亲', name: this.names.outsider('男', surname), workplace: job(), phone: rng.chance(0.5) ? mobile(rng) : '' });
    if (age < 58 && rng.chance(0.8)) rows.push({ relation: '母亲', name: this.names.outsider('女'), workplace: job(), phone: '' });
    if (age >= 25 && rng.chance(0.8)) rows.push({ relation: s.gender === '男' ? '妻子' : '丈夫', name: this.names.outsider(s.gender === '男' ? '女' : '男'), workplace: job(), phone: mobile(rng) });
    if (age >= 28 && rng.chance(0.7)) {
      const son = rng.chance(0.5);
      rows.push({ relation: son ? '儿子' : '女儿', name: this.names.outsider(son ? '男' : '女', surname), workplace: age >= 48 ? job() : '在校学生', phone: '' });
    }
    return rows;
  }

  private talk(env: Env) {
    return this.once(env, 'talk', () => {
      const rng = this.rng;
      const subject = env.o.subject ?? this.randomActive((m) => !this.isSeat(m, '书记'));
      const category =
        env.o.hints?.category ??
        rng.weighted([
          ['日常谈心', 45],
          ['家庭困难', 12],
          ['意见分歧', 7],
          ['群众反映问题', 6],
          ['受奖或受处分', 6],
          ['岗位变动', 8],
        ] as const);
      const committee = this.active().filter((m) => this.isSeat(m) && m.id !== subject.id);
      const talker = category === '其他' || category === '政治生日' ? (this.seat('组织委员') ?? this.secretary()) : committee.length ? rng.pick(committee) : this.secretary();
      const method =
        category === '家庭困难' ? rng.weighted([['家访', 6], ['个别谈心', 3], ['电话', 1]] as const) : category === '日常谈心' ? rng.weighted([['个别谈心', 7], ['电话', 2], ['集体谈心', 1]] as const) : '个别谈心';
      return { subject, talker, category, method, text: P.talkText(env.c, category, subject.name, talker.name) };
    });
  }

  // ----- development of Party members, and elections, at the meetings that decide them -----

  private committeeDecisions(date: string): { motions: string[]; apply: () => void } {
    const motions: string[] = [];
    const changes: (() => void)[] = [];
    const act = this.active();
    for (const m of act.filter((x) => x.dev?.stage === 'applicant' && diffDays(date, x.dev.since) >= 90).slice(0, 2)) {
      motions.push(`确定${m.name}为入党积极分子`);
      changes.push(() => {
        m.dev = { stage: 'activist', since: date };
        this.toActivist(m, date);
      });
    }
    for (const m of act.filter((x) => x.dev?.stage === 'activist' && diffDays(date, x.dev.since) >= 365).slice(0, 2)) {
      motions.push(`确定${m.name}为发展对象`);
      changes.push(() => {
        m.dev = { stage: 'candidate', since: date };
        this.toCandidate(m, date);
      });
    }
    for (const m of act.filter((x) => x.dev?.stage === 'candidate' && diffDays(date, x.dev.since) >= 60).slice(0, 2)) {
      motions.push(`同意将${m.name}的入党材料提交支部党员大会讨论`);
      changes.push(() => {
        m.dev = { stage: 'reviewed', since: date };
        this.toReviewed(m, date);
      });
    }
    return { motions, apply: () => changes.forEach((f) => f()) };
  }

  private assemblyDecisions(date: string, election: boolean): { motions: string[]; topics: string[]; observers: string[]; apply: (recordId: number) => void } {
    const motions: string[] = [];
    const topics: string[] = [];
    const observers: string[] = [];
    const changes: ((recordId: number) => void)[] = [];
    const act = this.active();
    // the 预备期 is a year from the 支部大会 that admitted them, counted as the rules count it
    for (const m of act.filter((x) => x.status === '中共预备党员' && x.probationSince && date >= addMonths(x.probationSince, 12))) {
      const title = `同意${m.name}同志按期转为中共正式党员`;
      motions.push(title);
      topics.push(`讨论${m.name}同志转正申请`);
      changes.push((recordId) => {
        m.status = '中共党员';
        m.fullDate = addMonths(m.probationSince!, 12);
        m.probationSince = null;
        this.toFull(m, date, recordId, motions.indexOf(title));
        this.save(m, date);
      });
    }
    for (const m of act.filter((x) => x.dev?.stage === 'reviewed').slice(0, 2)) {
      const title = `接收${m.name}为中共预备党员`;
      motions.push(title);
      topics.push(`讨论接收${m.name}为中共预备党员`);
      observers.push(`发展对象 ${m.name}`);
      changes.push((recordId) => {
        m.status = '中共预备党员';
        m.dev = null;
        m.partyJoin = date;
        m.fullDate = '';
        m.probationSince = date;
        m.groupId = this.groupIdForCrew(m.crew);
        this.toProbation(m, date, recordId, motions.indexOf(title));
        this.save(m, date);
        // 党费 from the month they were admitted
        this.fixDues(m, Number(date.slice(0, 4)));
        // the 转正 vote when the year of probation is up
        const due = addDays(addMonths(date, 12), this.rng.int(0, 6));
        this.at(due, 54, 'branch-assembly', { hints: {} });
      });
    }
    if (election) {
      topics.unshift('选举产生新一届支部委员会');
      motions.unshift('通过《支部委员会换届选举办法》', '通过总监票人、监票人、计票人名单');
    }
    return { motions, topics, observers, apply: (recordId: number) => changes.forEach((f) => f(recordId)) };
  }

  // ----- 发展党员 cases, kept in step with the simulation -----

  private orgName(): string {
    return (this.seat('组织委员') ?? this.secretary()).name;
  }

  /** Record a step of the member's case; a step dated after the last day is not yet done. */
  private step(m: Member, n: number, date: string, extra: { people?: Record<string, string[]>; details?: Record<string, unknown>; notes?: string; recordId?: number; motionIndex?: number } = {}) {
    const c = m.dev2;
    if (!c || !c.open || date > this.until) return;
    const assembly = n === 15 || n === 23;
    const input = saveStepInput.parse({
      caseId: c.id,
      step: n,
      date,
      people: extra.people ?? {},
      // every detail the step has, left ones empty as the form leaves them
      details: { ...Object.fromEntries(stepDef(n).details.map((f) => [f.key, emptyValue(f)])), ...extra.details },
      notes: extra.notes ?? '',
      recordId: assembly && extra.recordId !== undefined ? extra.recordId : null,
      motionIndex: assembly && extra.recordId !== undefined && extra.motionIndex !== undefined && extra.motionIndex >= 0 ? extra.motionIndex : null,
    });
    saveStep(this.db, input, this.devOpts);
    c.steps.set(n, date);
  }

  /** ① and ②: the application and the talk (on `talk`, as the 谈心谈话 record has it). */
  private openDev(m: Member, applied: string, talk: string) {
    if (applied > this.until) return;
    const dto = openCase(this.db, m.id, this.devOpts);
    m.dev2 = { id: dto.id, open: true, contacts: [], lastReport: applied, lastCheck: applied, steps: new Map() };
    this.step(m, 1, applied);
    this.step(m, 2, talk, { people: { talkers: [this.orgName()] } });
  }

  private closeDev(m: Member, reason: '转正完成' | '不再发展' | '转出') {
    if (!m.dev2?.open) return;
    closeCase(this.db, m.dev2.id, reason, this.devOpts);
    m.dev2.open = false;
  }

  /** 考察 every half year and 思想汇报 every quarter, from ③ up to `to`. */
  private fillReviews(m: Member, to: string) {
    const c = m.dev2;
    if (!c?.open || !c.steps.has(3)) return;
    const rng = this.xrng;
    const end = to > this.until ? this.until : to;
    for (;;) {
      const next = addDays(addMonths(c.lastReport, 3), -rng.int(3, 20));
      if (next > end) break;
      addReview(this.db, { caseId: c.id, date: next, kind: '思想汇报', reviewer: c.contacts[0] ?? '', content: rng.pick(P.THOUGHT_REPORTS) }, this.devOpts);
      c.lastReport = next;
    }
    for (;;) {
      const next = addDays(addMonths(c.lastCheck, 6), -rng.int(5, 25));
      if (next > end) break;
      addReview(this.db, { caseId: c.id, date: next, kind: '考察', reviewer: c.contacts[0] ?? this.orgName(), content: rng.pick(P.DEV_CHECKS) }, this.devOpts);
      c.lastCheck = next;
    }
  }

  /** ③–⑥: the 支委会 made them an 入党积极分子. */
  private toActivist(m: Member, date: string) {
    const c = m.dev2;
    if (!c) return;
    const rng = this.xrng;
    const full = this.active().filter((x) => x.status === '中共党员' && x.id !== m.id && !this.isSeat(x, '书记'));
    const near = full.filter((x) => x.crew === m.crew);
    c.contacts = rng.sample(near.length >= 2 ? near : full, 2).map((x) => x.name);
    c.lastReport = c.lastCheck = date;
    this.step(m, 3, date, { details: { basis: rng.weighted([['党员推荐', 6], ['群团组织推优', m.status === '共青团员' ? 6 : 1], ['其他', 0.3]] as const) } });
    this.step(m, 4, addDays(date, rng.int(3, 12)));
    this.step(m, 5, addDays(date, rng.int(0, 7)), { people: { contacts: c.contacts } });
    this.step(m, 6, addDays(date, rng.int(8, 20)), { details: { knowledgeScore: rng.int(150, 196) / 2 } });
  }

  /** ⑦–⑪: the 支委会 made them a 发展对象. */
  private toCandidate(m: Member, date: string) {
    const c = m.dev2;
    if (!c) return;
    const rng = this.xrng;
    this.fillReviews(m, date);
    this.step(m, 7, date, { details: { opinions: rng.pick(P.DEV_OPINIONS) } });
    this.step(m, 8, addDays(date, rng.int(3, 12)));
    this.step(m, 9, date, { people: { introducers: c.contacts.length === 2 ? c.contacts : rng.sample(this.active().filter((x) => x.status === '中共党员' && x.id !== m.id), 2).map((x) => x.name) } });
    this.step(m, 10, addDays(date, rng.int(10, 35)), { details: { conclusion: '合格' } });
    const training = addDays(date, rng.int(12, 40));
    this.step(m, 11, training, { details: { endDate: addDays(training, rng.int(2, 4)), hours: rng.int(24, 32), organizer: '北原石油工程公司钻井二分公司党委党校' } });
  }

  /** ⑫: the 支委会 sent the papers on, after the 公示. */
  private toReviewed(m: Member, date: string) {
    const rng = this.xrng;
    this.fillReviews(m, date);
    const start = addDays(date, -rng.int(9, 14));
    this.step(m, 12, date, { details: { publicityStart: start, publicityEnd: addDays(start, rng.int(4, 6)) } });
  }

  /** ⑬–㉑: the 支部党员大会 admitted them (⑮ linked to its record and motion). */
  private toProbation(m: Member, date: string, recordId: number, motionIndex: number) {
    const c = m.dev2;
    if (!c) return;
    const rng = this.xrng;
    this.fillReviews(m, date);
    const reviewed = c.steps.get(12) ?? date;
    const gap = Math.max(0, diffDays(date, reviewed));
    this.step(m, 13, addDays(reviewed, Math.floor(gap / 3)), { details: { result: '合格' } });
    this.step(m, 14, addDays(reviewed, Math.floor((2 * gap) / 3)), { details: { bookNumber: `${CREW_NO}-${date.slice(0, 4)}-${String(rng.int(1, 99)).padStart(3, '0')}` } });
    this.step(m, 15, date, { recordId, motionIndex });
    this.step(m, 16, addDays(date, rng.int(10, 35)), { people: { talkers: [`${this.names.outsider('男')}`] }, notes: '分公司党委组织部派人谈话' });
    const approved = addDays(date, rng.int(36, 80));
    this.step(m, 17, approved, { details: { result: '批准' } });
    this.step(m, 18, addDays(approved, rng.int(5, 20)));
    this.step(m, 19, addDays(approved, rng.int(2, 10)), { details: { group: GROUP_NAMES[GROUP_OF_CREW[m.crew]!]! } });
    this.step(m, 20, addDays(approved, rng.int(5, 30)));
    this.step(m, 21, addDays(date, rng.int(1, 7)));
  }

  /** ㉒–㉕: the 支部党员大会 made them a 正式党员 (㉓ linked); the case is closed once the papers are filed. */
  private toFull(m: Member, date: string, recordId: number, motionIndex: number) {
    const c = m.dev2;
    if (!c?.open || !c.steps.has(15)) return;
    const rng = this.xrng;
    const end = addMonths(c.steps.get(15)!, 12);
    let asked = addDays(end, -rng.int(5, 25));
    if (asked > date) asked = date;
    this.step(m, 22, asked);
    this.step(m, 23, date, { recordId, motionIndex, details: { outcome: '转为正式党员', fullDate: end } });
    const approved = addDays(date, rng.int(15, 60));
    this.step(m, 24, approved, { details: { result: '批准' } });
    const filed = addDays(approved, rng.int(5, 30));
    this.step(m, 25, filed, { details: { archivedTo: '本人人事档案' } });
    if (filed <= this.until) this.closeDev(m, '转正完成');
  }

  /**
   * At the end: the open cases have their reviews up to the last day, and a few
   * people applied in the last months (one of them was talked to late).
   */
  private finishDevelopment() {
    const rng = this.xrng;
    const pool = this.active().filter((m) => !this.isParty(m) && !m.dev && !m.dev2 && ageOn(m.birth, this.until) >= 19 && ageOn(m.birth, this.until) <= 40);
    rng.sample(pool, 3).forEach((m, i) => {
      const applied = addDays(this.until, -rng.int(50, 100));
      const talk = i === 0 ? addDays(applied, rng.int(36, 45)) : addDays(applied, rng.int(5, 20));
      m.dev = { stage: 'applicant', since: applied };
      this.openDev(m, applied, talk);
    });
    for (const m of this.members.values()) if (m.dev2?.open && !m.leftOn) this.fillReviews(m, this.until);
  }

  // ----- 党费 -----

  /** The year's 党费 for each 党员 (on the first working days), and each month's collection. */
  private planDues(y: number) {
    this.task(dayOf(y, 1, this.xrng.int(2, 8)), 20, () => {
      const members = this.active().filter((m) => this.isParty(m));
      if (y === this.fromYear) {
        // two older members are 内退 and pay from their 离退休费
        for (const m of this.xrng.sample(members.filter((x) => ageOn(x.birth, iso(y, 1, 1)) >= 48 && !this.isSeat(x)), 2)) m.dues.retired = true;
        for (const m of members) m.dues.quarterly = this.xrng.chance(0.2);
      }
      this.fixDues(members, y);
    });
    for (let month = 1; month <= 12; month++) {
      const date = dayOf(y, month, this.xrng.int(10, 22));
      this.task(date, 21, () => this.collectDues(y, month, date));
    }
  }

  private duesEntry(m: Member, y: number): DuesEntry {
    const years = Math.max(0, y - this.fromYear);
    const wage = Math.round((m.wage * (1 + 0.03 * years)) / 10) * 10;
    if (m.dues.retired) return duesEntry.parse({ personId: m.id, category: '离退休', base: Math.round((wage * 0.55) / 10) * 10, amount: null });
    return duesEntry.parse({ personId: m.id, category: '在职', base: wage, amount: null });
  }

  private fixDues(who: Member | Member[], y: number) {
    const list = (Array.isArray(who) ? who : [who]).filter((m) => !m.dues.years.has(y));
    if (!list.length) return;
    if (!Array.isArray(who)) who.dues.quarterly = this.xrng.chance(0.2);
    const year = setupYear(this.db, y, list.map((m) => this.duesEntry(m, y)), this.until);
    const monthly = new Map(year.members.map((r) => [r.personId, r.monthly]));
    for (const m of list) m.dues.years.set(y, monthly.get(m.id)!);
  }

  private collectDues(y: number, month: number, paidDate: string) {
    const key = monthKey(y, month);
    const collector = this.orgName();
    for (const stop of this.arrearsStops) {
      if (stop.who || key <= stop.key) continue;
      const taken = new Set(this.arrearsStops.map((s) => s.who));
      const pick = this.active().filter(
        (m) => m.status === '中共党员' && !this.isSeat(m) && !m.dues.quarterly && m.dues.years.has(y) && !m.dues.stopAfter && !taken.has(m) && m.dues.paid.has(stop.key),
      );
      if (pick.length) {
        stop.who = this.xrng.pick(pick);
        stop.who.dues.stopAfter = stop.key;
      }
    }
    for (const m of this.active()) {
      const monthly = m.dues.years.get(y);
      if (monthly === undefined || !this.isParty(m)) continue;
      if (m.dues.quarterly && month % 3 !== 0) continue;
      const from = m.partyJoin.slice(0, 4) === String(y) ? Number(m.partyJoin.slice(5, 7)) : 1;
      const months = (m.dues.quarterly ? [month - 2, month - 1, month] : [month]).filter(
        (x) => x >= from && !m.dues.paid.has(monthKey(y, x)) && (!m.dues.stopAfter || monthKey(y, x) <= m.dues.stopAfter),
      );
      if (!months.length) continue;
      payDues(this.db, { year: y, personId: m.id, months, amount: (Math.round(monthly * 100) * months.length) / 100, paidDate, collector }, this.until);
      for (const x of months) m.dues.paid.add(monthKey(y, x));
    }
  }

  /** Meetings whose decisions change the roster: the decisions take effect once the record is written. */
  private emit(type: string, date: string, o: EmitOpts): number | null {
    if (type === 'committee-meeting') {
      const d = this.committeeDecisions(date);
      const topics = d.motions.length ? ['研究发展党员工作'] : [];
      return this.write(type, date, { ...o, hints: { ...o.hints, motions: d.motions, topics }, after: d.apply });
    }
    if (type === 'branch-assembly') {
      const election = !!o.hints?.election;
      const d = this.assemblyDecisions(date, election);
      return this.write(type, date, {
        ...o,
        hints: { ...o.hints, motions: d.motions, topics: d.topics, observers: d.observers },
        after: (recordId) => {
          d.apply(recordId);
          if (election) this.reElect(date, Math.floor((Number(date.slice(0, 4)) - this.fromYear) / 3) + 1);
        },
      });
    }
    return this.write(type, date, o);
  }
}

/** Strings within the field's length; trimmed, as the boundary would. */
function clip(f: FieldDef, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const max = f.max ?? (f.kind === 'person' ? 40 : f.kind === 'text' ? 200 : f.kind === 'textarea' ? 50000 : Infinity);
  return v.trim().slice(0, max);
}

/** Something sensible for a field no bank knows, from its label. */
function genericText(env: Env, f: FieldDef): string {
  const rng = env.c.rng;
  const label = f.label.replace(/（.*?）/g, '');
  return rng.pick([`${label}已按要求填写`, `${label}：按计划执行`, `${label}情况正常`, `${label}详见附件`, `${env.c.year}年${label}`]);
}
