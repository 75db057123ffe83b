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
import { isValidIsoDate } from './dates.js';
import {
  COMMITTEE_ROLES,
  GENDERS,
  MEETING_TYPE_IDS,
  POLITICAL_STATUSES,
  type MeetingTypeId,
  type Membership,
} from './books/meetings.js';

// Messages zod writes itself (wrong types, unknown keys) in Chinese too.
z.config(z.locales.zhCN());

// ---------- field schemas ----------

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`);
const required = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);
const id = z.number({ error: '编号无效' }).int('编号无效').positive('编号无效');
const isoDate = z
  .string({ error: '请选择日期' })
  .refine(isValidIsoDate, '日期无效，应为有效的年-月-日');
const optionalDate = z.union([isoDate, z.literal('')]);
const time = z
  .string({ error: '请填写时间' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 时:分，如 09:30');
const count = z
  .number({ error: '请填写票数' })
  .int('票数应为整数')
  .min(0, '票数不能为负')
  .max(10000, '票数过大');
const phone = z
  .string()
  .trim()
  .max(30, '电话不能超过30个字符')
  .regex(/^[0-9+\-\s()（）转]*$/, '电话只能包含数字和 + - ( ) 空格');
/** Methods that take no input accept nothing or `{}`. */
const noInput = z.strictObject({}).optional();

export const personInput = z.strictObject({
  name: required('姓名', 40),
  gender: z.enum(GENDERS, { error: '请选择性别' }),
  birthDate: optionalDate,
  politicalStatus: z.enum(POLITICAL_STATUSES, { error: '请选择政治面貌' }),
  groupId: id.nullable(),
  position: text(60),
  phone,
});
export type PersonInput = z.infer<typeof personInput>;

const committeeSeat = z.strictObject({
  personId: id,
  role: z.enum(COMMITTEE_ROLES, { error: '请选择职务' }),
});

export const branchSetupInput = z.strictObject({
  name: required('支部名称', 80),
  parentOrg: required('上级党委', 80),
  fondsNo: text(20),
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
  fondsNo: text(20),
  /** Existing groups keep their id; new ones have none; missing ones are removed. */
  groups: z
    .array(z.strictObject({ id: id.optional(), name: required('党小组名称', 30) }))
    .max(30, '党小组不能超过30个'),
  committee: z.array(committeeSeat).max(9, '支委不超过9人'),
});
export type BranchUpdateInput = z.infer<typeof branchUpdateInput>;

const attendee = z.strictObject({
  personId: id,
  name: required('姓名', 40),
  membership: z.enum(['正式', '预备'] satisfies Membership[]),
  /** 职务 as printed next to the name, e.g. 书记 */
  title: text(60),
  present: z.boolean(),
  absenceReason: text(60),
});

const motion = z.strictObject({
  title: required('表决事项', 200),
  for: count,
  against: count,
  abstain: count,
});

export const meetingData = z.strictObject({
  groupId: id.nullable(),
  startTime: time,
  endTime: time,
  location: required('地点', 100),
  host: required('主持人', 40),
  hostTitle: text(60),
  recorder: required('记录人', 40),
  attendance: z.array(attendee).max(500, '人数过多'),
  /** 列席人员, one per line */
  observers: z.array(required('列席人员', 80)).max(100, '列席人员过多'),
  /** 到会指导的上级领导 */
  leaders: text(200),
  topics: z.array(required('议题', 200)).min(1, '请至少填写一项议题').max(30, '议题不超过30项'),
  content: text(50000),
  motions: z.array(motion).max(30, '表决事项不超过30项'),
  resolution: text(10000),
  pending: text(10000),
  summary: text(10000),
  lecture: z
    .strictObject({
      speaker: required('主讲人', 40),
      title: required('党课题目', 200),
      hours: z.number({ error: '请填写学时' }).min(0.5, '学时至少0.5').max(40, '学时不超过40'),
    })
    .nullable(),
});
export type MeetingData = z.infer<typeof meetingData>;
export type Attendee = z.infer<typeof attendee>;
export type Motion = z.infer<typeof motion>;

export const recordInput = z.strictObject({
  type: z.enum(MEETING_TYPE_IDS, { error: '请选择会议类型' }),
  date: isoDate,
  data: meetingData,
});
export type RecordInput = z.infer<typeof recordInput>;

// ---------- outputs ----------

export interface AppInfo {
  version: string;
  dataDir: string;
  schemaVersion: number;
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
  groups: PartyGroup[];
  committee: CommitteeSeat[];
}

export interface Person extends PersonInput {
  id: number;
  groupName: string | null;
  committeeRole: string | null;
}

export interface RecordSummary {
  id: number;
  type: MeetingTypeId;
  /** 第N次: the meeting's place in its series (type, year, and 党小组 for 党小组会), by date. */
  seq: number;
  date: string;
  startTime: string;
  location: string;
  host: string;
  groupName: string | null;
  expected: number;
  present: number;
  topics: string[];
  updatedAt: string;
}

export interface MeetingRecord {
  id: number;
  type: MeetingTypeId;
  seq: number;
  date: string;
  data: MeetingData;
  groupName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TrashItem {
  id: number;
  type: MeetingTypeId;
  date: string;
  topics: string[];
  deletedAt: string;
}

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

// ---------- the methods ----------

interface Method<I extends z.ZodType, O> {
  input: I;
  /** Type-only marker of the result; never set at run time. */
  output?: O;
}
const method = <O>() => <I extends z.ZodType>(input: I): Method<I, O> => ({ input });

export const contract = {
  'app.info': method<AppInfo>()(noInput),
  'branch.get': method<Branch | null>()(noInput),
  'branch.setup': method<Branch>()(branchSetupInput),
  'branch.update': method<Branch>()(branchUpdateInput),
  'people.list': method<Person[]>()(noInput),
  'people.create': method<Person>()(personInput),
  'people.update': method<Person>()(personInput.extend({ id })),
  'people.remove': method<null>()(z.strictObject({ id })),
  /** The expected attendance of a new meeting of this type, from the current roster. */
  'records.expected': method<Attendee[]>()(
    z.strictObject({ type: z.enum(MEETING_TYPE_IDS), groupId: id.nullable() }),
  ),
  'records.list': method<RecordSummary[]>()(
    z.strictObject({
      year: z.number().int().min(1900).max(2200),
      type: z.enum(MEETING_TYPE_IDS).nullable(),
    }),
  ),
  'records.get': method<MeetingRecord>()(z.strictObject({ id })),
  'records.create': method<MeetingRecord>()(recordInput),
  'records.update': method<MeetingRecord>()(recordInput.extend({ id })),
  'records.remove': method<null>()(z.strictObject({ id })),
  'records.trash': method<TrashItem[]>()(noInput),
  'records.restore': method<MeetingRecord>()(z.strictObject({ id })),
  'records.purge': method<null>()(z.strictObject({ id })),
  'records.exportDocx': method<ExportedFile>()(z.strictObject({ id })),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Exclude<Contract[M]['output'], undefined>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** IPC channel of a method: one channel per method, never a generic one. */
export const channelOf = (m: MethodName) => `api:${m}`;

export type { MeetingTypeId };
