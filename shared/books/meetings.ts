/**
 * The 三会一课 record types of 《党支部综合记录》, defined once as data.
 * The form, the list, the print view and the Word export all read these.
 *
 * When adding a meeting type: give it an id (stable: it is stored in the
 * database), a label as printed, who is expected to attend, and whether the
 * meeting takes votes; nothing else needs to change.
 */

export const BOOKS = {
  'branch-general': '党支部综合记录',
} as const;

export type AttendeeRule =
  /** every 正式党员 and 预备党员 of the branch */
  | 'members'
  /** the 支部委员会 */
  | 'committee'
  /** the members of one 党小组 */
  | 'group';

export interface MeetingTypeDef {
  id: string;
  label: string;
  book: keyof typeof BOOKS;
  part: string;
  attendees: AttendeeRule;
  /** Motions with 赞成/反对/弃权 are recorded and judged by the vote rule. */
  votes: boolean;
  /** 党课: 主讲人, 题目, 学时. */
  lecture: boolean;
  /** How often the rules expect one, as printed in help text. */
  cadence: string;
}

export const MEETING_TYPES = [
  {
    id: 'branch-assembly',
    label: '支部党员大会',
    book: 'branch-general',
    part: '三会一课',
    attendees: 'members',
    votes: true,
    lecture: false,
    cadence: '一般每季度召开一次',
  },
  {
    id: 'committee-meeting',
    label: '支部委员会',
    book: 'branch-general',
    part: '三会一课',
    attendees: 'committee',
    votes: true,
    lecture: false,
    cadence: '一般每月召开一次',
  },
  {
    id: 'group-meeting',
    label: '党小组会',
    book: 'branch-general',
    part: '三会一课',
    attendees: 'group',
    votes: false,
    lecture: false,
    cadence: '一般每月召开一次',
  },
  {
    id: 'party-lecture',
    label: '党课',
    book: 'branch-general',
    part: '三会一课',
    attendees: 'members',
    votes: false,
    lecture: true,
    cadence: '默认每季度一次（本地做法），书记每年至少讲一次',
  },
  {
    id: 'theme-party-day',
    label: '主题党日',
    book: 'branch-general',
    part: '三会一课',
    attendees: 'members',
    votes: false,
    lecture: false,
    cadence: '每月固定一天',
  },
] as const satisfies readonly MeetingTypeDef[];

export type MeetingTypeId = (typeof MEETING_TYPES)[number]['id'];

export const MEETING_TYPE_IDS = MEETING_TYPES.map((t) => t.id) as [MeetingTypeId, ...MeetingTypeId[]];

export function meetingType(id: MeetingTypeId): MeetingTypeDef {
  const def = MEETING_TYPES.find((t) => t.id === id);
  if (!def) throw new Error(`unknown meeting type ${id}`);
  return def;
}

/** Vocabularies of the people roster (kept as data; later issues extend them). */
export const GENDERS = ['男', '女'] as const;
export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '共青团员', '群众', '其他'] as const;
export const COMMITTEE_ROLES = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '委员'] as const;

export type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

/** 正式党员 vote; 预备党员 attend but have no vote; others attend as 列席 only. */
export type Membership = '正式' | '预备';

export function membershipOf(status: PoliticalStatus): Membership | null {
  if (status === '中共党员') return '正式';
  if (status === '中共预备党员') return '预备';
  return null;
}

export const ABSENCE_REASONS = ['公出', '病假', '事假', '在岗值班', '外出培训', '其他'] as const;
