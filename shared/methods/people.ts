/** The people of the roster (人员名册). */
import { z } from 'zod';
import { GENDERS, POLITICAL_STATUSES } from '../books/vocab.js';
import { id, labelled, labelledDate, method, noInput, phone, required } from './method.js';

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

export interface Person extends Required<PersonInput> {
  id: number;
  /** Always masked here (110105********123X); members.revealId gives the full number. */
  idNumber: string;
  /** 党龄 in whole years from 转正日期, today; null for 预备党员 or when not recorded. */
  partyYears: number | null;
  groupName: string | null;
  committeeRole: string | null;
}

export const PEOPLE_METHODS = {
  'people.list': method<Person[]>()(noInput),
  /** Roster people whose name the text finds (the name, its full pinyin or initials: zs → 张三), best first; the person pickers' suggestions. */
  'people.suggest': method<Person[]>()(z.strictObject({ text: z.string().max(100, '姓名不超过100个字') })),
  'people.create': method<Person>()(personInput),
  'people.update': method<Person>()(personInput.extend({ id })),
  'people.remove': method<null>()(z.strictObject({ id })),
} as const;
