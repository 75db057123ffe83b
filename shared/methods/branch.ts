/** The branch: its setup, its 党小组 and 支委. */
import { z } from 'zod';
import { COMMITTEE_ROLES, GENDERS } from '../books/vocab.js';
import { id, labelled, method, noInput, required } from './method.js';

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

export const BRANCH_METHODS = {
  'branch.get': method<Branch | null>()(noInput),
  'branch.setup': method<Branch>()(branchSetupInput),
  'branch.update': method<Branch>()(branchUpdateInput),
} as const;
