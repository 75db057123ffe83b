/**
 * The one typed contract between the renderer and the core. Each method has an
 * input schema (checked at the boundary in both transports) and a result type.
 *
 * When adding a method: add it here, implement it in electron/core/handlers.ts
 * (the compiler insists), and the preload, the web host and the renderer's
 * client pick it up from this list. test/unit/contract.test.ts checks that
 * malformed input to it is refused.
 */
import { z } from 'zod';
import { BOOK_IDS, RECORD_TYPES, RECORD_TYPE_IDS, type BookId } from './books/index.js';
import { dataSchema, dateIn, type Attendee } from './books/schema.js';
import { datedProblem, type DateKind } from './dates.js';
import { id, mergeMethods, method, noInput } from './methods/method.js';
import { DEVELOPMENT_METHODS } from './methods/development.js';
import { DUES_METHODS } from './methods/dues.js';
import { fileUploadFields, type AttachmentContent, type FileDto } from './methods/files.js';
import { MEMBERS_METHODS } from './methods/members.js';
import { ARCHIVE_METHODS } from './methods/archive.js';
import { CADENCE_METHODS } from './methods/cadence.js';
import { BACKUP_METHODS } from './methods/backup.js';
import { AUTH_METHODS } from './methods/auth.js';
import { COMPLETENESS_METHODS } from './methods/completeness.js';
import { REGISTERS_METHODS } from './methods/registers.js';
import { SEAL_METHODS } from './methods/seal.js';
import { COMMITTEE_ROLES, GENDERS, POLITICAL_STATUSES, type RecordStatus } from './books/vocab.js';

// ---------- field schemas ----------

const required = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);
const phone = z
  .string()
  .trim()
  .max(30, '电话不能超过30个字符')
  .regex(/^[0-9+\-\s()（）转]*$/, '电话只能包含数字和 + - ( ) 空格');

const labelled = (label: string, max: number) => z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过${max}个字`);
/** A date of a person, '' when not known; the message names the field (the path of a person's field is not told in words elsewhere). */
const labelledDate = (label: string, kind: DateKind) => {
  const problem = (s: string) => datedProblem(s, kind, label, (p) => `${label}有误：${p}`);
  return z.string({ error: `${label}应为日期` }).refine((s) => s === '' || problem(s) === null, { error: (iss) => problem(String(iss.input)) });
};

/**
 * A person on the roster. The 党员花名册 fields (民族 … 备注) may be left out:
 * people.create stores '' for them and people.update keeps what is stored, so
 * callers that know only the first seven fields never wipe the rest.
 * 身份证号 is checked by the service (shared/rules/idcard.ts, against 出生日期 and
 * 性别); the masked form that lists return (110105********123X) means "unchanged".
 */
export const personInput = z.strictObject({
  name: required('姓名', 40),
  gender: z.enum(GENDERS, { error: '请选择性别' }),
  birthDate: labelledDate('出生日期', 'birth'),
  politicalStatus: z.enum(POLITICAL_STATUSES, { error: '请选择政治面貌' }),
  groupId: id.nullable(),
  position: labelled('岗位/职务', 60),
  phone,
  ethnicity: labelled('民族', 20).optional(),
  nativePlace: labelled('籍贯', 60).optional(),
  idNumber: labelled('身份证号', 30).optional(),
  education: labelled('学历', 30).optional(),
  degree: labelled('学位', 30).optional(),
  workStartDate: labelledDate('参加工作日期', 'life').optional(),
  /** 入党日期: the day the 支部大会 admitted them (预备期 starts). */
  joinDate: labelledDate('入党日期', 'life').optional(),
  /** 转正日期: 党龄 counts from here. */
  fullDate: labelledDate('转正日期', 'life').optional(),
  address: labelled('住址', 120).optional(),
  /** 流动党员: where they are ('是' when not known); '' = not mobile. */
  mobileWhere: labelled('流动党员去向', 60).optional(),
  notes: labelled('备注', 500).optional(),
});
export type PersonInput = z.infer<typeof personInput>;
/** The 党员花名册 fields of personInput, which may be left out. */
export const PERSON_DETAIL_KEYS = [
  'ethnicity',
  'nativePlace',
  'idNumber',
  'education',
  'degree',
  'workStartDate',
  'joinDate',
  'fullDate',
  'address',
  'mobileWhere',
  'notes',
] as const satisfies readonly (keyof PersonInput)[];

const committeeSeat = z.strictObject({
  personId: id,
  role: z.enum(COMMITTEE_ROLES, { error: '请选择职务' }),
});

export const branchSetupInput = z.strictObject({
  name: required('支部名称', 80),
  parentOrg: required('上级党委', 80),
  fondsNo: labelled('全宗号', 20),
  groups: z.array(required('党小组名称', 30)).max(30, '党小组不能超过30个'),
  committee: z
    .array(
      z.strictObject({
        name: required('支委姓名', 40),
        gender: z.enum(GENDERS, { error: '请选择性别' }),
        role: z.enum(COMMITTEE_ROLES, { error: '请选择职务' }),
      }),
    )
    .max(9, '支委不超过9人'),
});
export type BranchSetupInput = z.infer<typeof branchSetupInput>;

export const branchUpdateInput = z.strictObject({
  name: required('支部名称', 80),
  parentOrg: required('上级党委', 80),
  fondsNo: labelled('全宗号', 20),
  /** The 简称 printed as 责任者 in the 卷内文件目录; '' for one worked out from the name; absent: unchanged. */
  shortName: labelled('支部简称', 30).optional(),
  /** Existing groups keep their id; new ones have none; missing ones are removed. */
  groups: z
    .array(z.strictObject({ id: id.optional(), name: required('党小组名称', 30) }))
    .max(30, '党小组不能超过30个'),
  committee: z.array(committeeSeat).max(9, '支委不超过9人'),
});
export type BranchUpdateInput = z.infer<typeof branchUpdateInput>;

const recordType = z.enum(RECORD_TYPE_IDS, { error: '记录类型无效' });

/**
 * A record of any type: its data is checked against that type's definition,
 * in full for a 定稿 and leniently for a draft (shared/books/schema.ts dataSchema).
 */
export const recordInput = z.discriminatedUnion(
  'type',
  RECORD_TYPES.map((def) =>
    z.discriminatedUnion(
      'status',
      [
        z.strictObject({ type: z.literal(def.id), date: dateIn('record', def.dateLabel), status: z.literal('final'), data: dataSchema(def) }),
        z.strictObject({ type: z.literal(def.id), date: dateIn('record', def.dateLabel), status: z.literal('draft'), data: dataSchema(def, { draft: true }) }),
      ],
      { error: '状态应为草稿或定稿' },
    ),
  ) as unknown as [
    z.ZodDiscriminatedUnion<
      [z.ZodObject<{ type: z.ZodLiteral<string>; date: ReturnType<typeof dateIn>; status: z.ZodLiteral<RecordStatus>; data: z.ZodObject }>]
    >,
  ],
  { error: '记录类型无效' },
);
export type RecordData = Record<string, unknown>;
export interface RecordInput {
  type: string;
  date: string;
  status: RecordStatus;
  data: RecordData;
}

// ---------- outputs ----------

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
  /** Set when the database was found damaged at start: the app offers the latest good backup. */
  damage: { file: string; message: string } | null;
  /** What start-up did that the user should be told once (a restore a crash interrupted: finished or undone); null when nothing. */
  notice: string | null;
}

export interface PartyGroup {
  id: number;
  name: string;
}

export interface CommitteeSeat {
  personId: number;
  name: string;
  role: (typeof COMMITTEE_ROLES)[number];
}

export interface Branch {
  name: string;
  parentOrg: string;
  fondsNo: string;
  /** As set in 支部设置, or '' (the volumes then use branchShortName(name)). */
  shortName: string;
  groups: PartyGroup[];
  committee: CommitteeSeat[];
}

export interface Person extends Required<PersonInput> {
  id: number;
  /** Always masked here (110105********123X); members.revealId gives the full number. */
  idNumber: string;
  /** 党龄 in whole years from 转正日期, today; null for 预备党员 or when not recorded. */
  partyYears: number | null;
  groupName: string | null;
  committeeRole: string | null;
}

export interface RecordSummary {
  id: number;
  type: string;
  /** 第N次 for meetings: the place in its series (type, year, and 党小组 for 党小组会), by date. */
  seq: number | null;
  date: string;
  status: RecordStatus;
  title: string;
  /** Display text of the type's list columns, by field key. */
  cells: Record<string, string>;
  attachments: number;
  updatedAt: string;
}

export interface RecordDto {
  id: number;
  type: string;
  seq: number | null;
  date: string;
  status: RecordStatus;
  data: RecordData;
  groupName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TrashItem {
  id: number;
  type: string;
  date: string;
  title: string;
  deletedAt: string;
}

export interface RevisionSummary {
  id: number;
  savedAt: string;
  /** Labels of the fields this save changed, compared with the version before it. */
  changed: string[];
}

export interface RevisionDto {
  id: number;
  recordId: number;
  savedAt: string;
  type: string;
  date: string;
  status: RecordStatus;
  data: RecordData;
}

export type { AttachmentContent, FileDto } from './methods/files.js';

/** A file attached to a record. */
export interface AttachmentDto extends FileDto {
  recordId: number;
}

export interface SearchHit {
  kind: 'record' | 'person';
  id: number;
  /** record type id, or '' for a person */
  type: string;
  title: string;
  date: string;
  /** A piece of the matching text with the matches marked by [start, end) offsets. */
  snippet: { text: string; marks: [number, number][] };
}

export interface SearchGroup {
  book: BookId | 'people';
  label: string;
  hits: SearchHit[];
}

export interface SearchResult {
  groups: SearchGroup[];
  total: number;
}

export interface RuleText {
  id: string;
  title: string;
  body: string;
  /** Whether the branch has edited the shipped text. */
  edited: boolean;
}

export type { ExportedFile } from './methods/method.js';
import type { ExportedFile } from './methods/method.js';

// ---------- the methods ----------

const CORE_METHODS = {
  'app.info': method<AppInfo>()(noInput),
  'branch.get': method<Branch | null>()(noInput),
  'branch.setup': method<Branch>()(branchSetupInput),
  'branch.update': method<Branch>()(branchUpdateInput),
  'people.list': method<Person[]>()(noInput),
  /** Roster people whose name the text finds (the name, its full pinyin or initials: zs → 张三), best first; the person pickers' suggestions. */
  'people.suggest': method<Person[]>()(z.strictObject({ text: z.string().max(100, '姓名不超过100个字') })),
  'people.create': method<Person>()(personInput),
  'people.update': method<Person>()(personInput.extend({ id })),
  'people.remove': method<null>()(z.strictObject({ id })),
  /** The expected attendance of a new meeting of this type, from the current roster. */
  'records.expected': method<Attendee[]>()(z.strictObject({ type: recordType, groupId: id.nullable() })),
  'records.list': method<RecordSummary[]>()(
    z.strictObject({
      year: z.number().int().min(1900).max(2200),
      type: recordType.nullable(),
      book: z.enum(BOOK_IDS).nullable(),
    }),
  ),
  /** How many records of each type the year holds. */
  'records.counts': method<Record<string, number>>()(z.strictObject({ year: z.number().int().min(1900).max(2200) })),
  'records.get': method<RecordDto>()(z.strictObject({ id })),
  'records.create': method<RecordDto>()(recordInput),
  'records.update': method<RecordDto>()(z.strictObject({ id, record: recordInput })),
  'records.remove': method<null>()(z.strictObject({ id })),
  'records.trash': method<TrashItem[]>()(noInput),
  'records.restore': method<RecordDto>()(z.strictObject({ id })),
  'records.purge': method<null>()(z.strictObject({ id })),
  /** The record's page as .docx; 身份证号 masked unless fullIds. */
  'records.exportDocx': method<ExportedFile>()(
    z.strictObject({ id, fullIds: z.boolean({ error: '请选择是否导出完整身份证号' }).optional() }),
  ),
  'records.revisions': method<RevisionSummary[]>()(z.strictObject({ id })),
  'records.revision': method<RevisionDto>()(z.strictObject({ id })),
  /** Make an old version current again (the current one is kept as a revision). */
  'records.restoreRevision': method<RecordDto>()(z.strictObject({ id })),
  'attachments.list': method<AttachmentDto[]>()(z.strictObject({ recordId: id })),
  'attachments.add': method<AttachmentDto>()(
    z.strictObject({ recordId: id, ...fileUploadFields }),
  ),
  'attachments.get': method<AttachmentContent>()(z.strictObject({ id, thumb: z.boolean() })),
  /** Detach from the record; the file itself is removed when the record is purged. */
  'attachments.remove': method<null>()(z.strictObject({ id })),
  'search.query': method<SearchResult>()(
    z.strictObject({ text: z.string().max(100, '搜索内容不超过100个字'), limit: z.number().int().min(1).max(200).optional() }),
  ),
  'rules.list': method<RuleText[]>()(noInput),
  'rules.update': method<RuleText>()(
    z.strictObject({ id: z.string().max(60), body: z.string().trim().min(1, '制度内容不能为空').max(100000, '制度内容过长') }),
  ),
  /** Go back to the shipped text. */
  'rules.reset': method<RuleText>()(z.strictObject({ id: z.string().max(60) })),
} as const;

/**
 * Every method of the app. Each domain keeps its methods in shared/methods/<domain>.ts;
 * a name defined twice throws at start.
 */
export const contract = mergeMethods(
  CORE_METHODS,
  MEMBERS_METHODS,
  DEVELOPMENT_METHODS,
  DUES_METHODS,
  REGISTERS_METHODS,
  COMPLETENESS_METHODS,
  SEAL_METHODS,
  ARCHIVE_METHODS,
  CADENCE_METHODS,
  BACKUP_METHODS,
  AUTH_METHODS,
);

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Exclude<Contract[M]['output'], undefined>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** IPC channel of a method: one channel per method, never a generic one. */
export const channelOf = (m: MethodName) => `api:${m}`;

export type { Attendee };
