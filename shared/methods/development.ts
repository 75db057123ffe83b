/**
 * The development methods of the contract (merged in shared/contract.ts): 发展党员
 * cases (one open case per person, its 25 steps and its 考察/思想汇报), the
 * 支部党员大会 records ⑮ and ㉓ may link to, and the 组织关系转接 with their 回执.
 */
import { z } from 'zod';
import { dateIn, fieldSchema } from '../books/schema.js';
import {
  REVIEW_KINDS,
  STEPS,
  type BoardColumn,
  type DevelopmentWarning,
  type NextStep,
  type ReviewKind,
  type StepDef,
} from '../rules/development.js';
import { fileUploadFields, type AttachmentContent, type FileDto } from './files.js';
import { id, method, noInput } from './method.js';

export const CLOSE_REASONS = ['转正完成', '不再发展', '取消预备党员资格', '转出', '其他'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

const name = z.string().trim().min(1, '姓名不能为空').max(40, '姓名不能超过40个字');
const notes = z.string().trim().max(2000, '备注不能超过2000个字');

/** The input of one step: its roles and details come from the step's definition. */
function stepInput(s: StepDef) {
  return z.strictObject({
    caseId: id,
    step: z.literal(s.n),
    date: dateIn('record', s.dateLabel),
    people: z.strictObject(Object.fromEntries(s.roles.map((r) => [r.key, z.array(name).max(5, `${r.label}不超过5人`)]))),
    details: z.strictObject(Object.fromEntries(s.details.map((f) => [f.key, fieldSchema(f)]))),
    notes,
    /** ⑮ and ㉓: the 支部党员大会 record that decided it, and which of its motions. */
    recordId: s.assembly ? id.nullable() : z.null({ error: '此步骤不关联会议记录' }),
    motionIndex: s.assembly ? z.number({ error: '表决事项无效' }).int('表决事项无效').min(0, '表决事项无效').max(29, '表决事项无效').nullable() : z.null({ error: '此步骤不关联会议记录' }),
  });
}

export const saveStepInput = z.discriminatedUnion('step', STEPS.map(stepInput) as unknown as [ReturnType<typeof stepInput>, ...ReturnType<typeof stepInput>[]], {
  error: '步骤无效，应为1至25',
});
export type SaveStepInput = z.input<typeof saveStepInput>;

// ---------- results ----------

export interface DevelopmentPerson {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  politicalStatus: string;
  groupName: string | null;
  position: string;
  joinDate: string;
  fullDate: string;
  /** Moved off the roster (移出). */
  removed: boolean;
}

/** The 支部党员大会 motion a step links to, judged by the vote rule. */
export interface LinkedMotion {
  recordId: number;
  date: string;
  seq: number | null;
  title: string;
  motionTitle: string;
  passed: boolean;
  summary: string;
}

export interface DevelopmentStepDto {
  step: number;
  date: string;
  people: Record<string, string[]>;
  details: Record<string, unknown>;
  notes: string;
  recordId: number | null;
  motionIndex: number | null;
  /** The linked meeting and motion, when they still exist. */
  link: LinkedMotion | null;
}

export interface DevelopmentReviewDto {
  id: number;
  date: string;
  kind: ReviewKind;
  reviewer: string;
  content: string;
}

export interface DevelopmentCaseDto {
  id: number;
  person: DevelopmentPerson;
  column: BoardColumn;
  currentStep: number | null;
  next: NextStep | null;
  /** The day the 预备期 ends (after ⑮), with any extension. */
  probationEnd: string | null;
  steps: DevelopmentStepDto[];
  reviews: DevelopmentReviewDto[];
  /** What the rules say, errors first. */
  warnings: DevelopmentWarning[];
  openedAt: string;
  closedAt: string | null;
  closedReason: string;
}

export interface DevelopmentCaseSummary {
  id: number;
  personId: number;
  name: string;
  column: BoardColumn;
  current: { step: number; name: string; date: string } | null;
  next: NextStep | null;
  warnings: number;
  /** The most serious warning's level, or null. */
  worst: DevelopmentWarning['level'] | null;
  closedAt: string | null;
  closedReason: string;
}

export interface SaveStepResult {
  case: DevelopmentCaseDto;
  /** What saving changed elsewhere (the roster's 政治面貌 and dates), or could not. */
  notices: string[];
}

/** A 支部党员大会 record of the year, with its motions judged, for linking ⑮ and ㉓. */
export interface AssemblyOption {
  id: number;
  date: string;
  seq: number | null;
  title: string;
  motions: { index: number; title: string; passed: boolean; summary: string }[];
}

export interface TransferSummary {
  id: number;
  date: string;
  direction: string;
  name: string;
  counterpart: string;
  letterNo: string;
  receiptDate: string;
  /** Last day of the letter's validity, for a 转出 awaiting its 回执. */
  due: string | null;
  overdue: boolean;
}

/** A file on a step (申请书 scan, 思想汇报, 政审材料 …). */
export interface StepFileDto extends FileDto {
  caseId: number;
  step: number;
}

const stepNumber = z.number({ error: '步骤无效' }).int('步骤无效').min(1, '步骤无效').max(25, '步骤无效');

export const DEVELOPMENT_METHODS = {
  /** Every case, open and closed, with its board column and next step. */
  'development.list': method<DevelopmentCaseSummary[]>()(noInput),
  'development.get': method<DevelopmentCaseDto>()(z.strictObject({ id })),
  /** Open a case for someone on the roster (one open case per person). */
  'development.open': method<DevelopmentCaseDto>()(z.strictObject({ personId: id })),
  /** Record or change one step; ⑮ and ㉓ update the person's 政治面貌 and dates on the roster. */
  'development.saveStep': method<SaveStepResult>()(saveStepInput),
  /** Also detaches the step's files. */
  'development.removeStep': method<DevelopmentCaseDto>()(z.strictObject({ caseId: id, step: stepNumber })),
  /** The files of one step that have not been removed, in the order they were added. */
  'development.stepFiles': method<StepFileDto[]>()(z.strictObject({ caseId: id, step: stepNumber })),
  /** Attach a JPG, PNG or PDF to a recorded step of an open case (type judged by content). */
  'development.addStepFile': method<StepFileDto>()(z.strictObject({ caseId: id, step: stepNumber, ...fileUploadFields })),
  'development.getStepFile': method<AttachmentContent>()(z.strictObject({ id, thumb: z.boolean() })),
  /** Detach from the step; the file itself goes only when nothing refers to it any more. */
  'development.removeStepFile': method<null>()(z.strictObject({ id })),
  'development.addReview': method<DevelopmentCaseDto>()(
    z.strictObject({
      caseId: id,
      date: dateIn('record', '日期'),
      kind: z.enum(REVIEW_KINDS, { error: '请选择考察或思想汇报' }),
      reviewer: z.string().trim().max(40, '考察人不能超过40个字'),
      content: z.string().trim().max(5000, '内容不能超过5000个字'),
    }),
  ),
  'development.removeReview': method<DevelopmentCaseDto>()(z.strictObject({ id })),
  'development.close': method<DevelopmentCaseDto>()(z.strictObject({ id, reason: z.enum(CLOSE_REASONS, { error: '请选择结束原因' }) })),
  'development.reopen': method<DevelopmentCaseDto>()(z.strictObject({ id })),
  /** The year's 支部党员大会 records and their motions, for ⑮ and ㉓. */
  'development.assemblies': method<AssemblyOption[]>()(z.strictObject({ year: z.number({ error: '年度无效' }).int('年度无效').min(1900, '年度无效').max(2200, '年度无效') })),
  /** Every 组织关系转接 of every year, newest first, with 回执逾期 flagged. */
  'development.transfers': method<TransferSummary[]>()(noInput),
} as const;
