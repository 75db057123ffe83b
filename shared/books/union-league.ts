/** 《工会、团支部记录》 (DOMAIN.md §1): 工会工作, and the 团支部 “三会两制一课”. */
import { BIRTH_DATE, GENDER, MEETING, NAME, PHONE, POSITION, REMARKS, reviewFields, STUDY_HOURS } from './branch-general.js';
import { meetingFields } from './meeting-fields.js';
import type { FieldDef, RecordTypeDef } from './types.js';

export const ASSISTANCE_METHODS = ['走访慰问', '慰问金', '慰问品', '助学', '医疗救助', '其他'] as const;
export const PUBLIC_FORMS = ['公开栏', '会议', '微信群', '其他'] as const;
export const REGISTRATION_RESULTS = ['通过', '暂缓注册', '不予注册'] as const;

/**
 * Retention (judgement): rosters, dues, money given out and meetings 定期30年;
 * routine union work (劳动竞赛, 合理化建议, 队务公开) 定期10年.
 */
const UNION = { book: 'union-league', part: 'union', retention: '定期30年' } as const;
const UNION_REGISTER = { ...UNION, kind: 'register', dateLabel: '登记日期' } as const;
const UNION_ROUTINE = { ...UNION_REGISTER, retention: '定期10年' } as const;
const LEAGUE = { book: 'union-league', part: 'league', retention: '定期30年' } as const;
/**
 * 团支部 meetings. Votes are not recorded as motions: the vote rule is the Party's
 * (DOMAIN §3), and the 团章's own rule is not modelled; record 表决 in 会议内容.
 */
const LEAGUE_MEETING = { ...MEETING, ...LEAGUE, attendees: 'league' } as const;
const LEAGUE_REGISTER = { ...LEAGUE, kind: 'register', dateLabel: '登记日期' } as const;

/** 会费 and 团费: one record a month, a row per member. */
function duesFields(): FieldDef[] {
  return [
    { key: 'month', label: '月份', kind: 'month', required: true },
    {
      key: 'rows',
      label: '缴纳明细',
      kind: 'table',
      required: true,
      columns: [
        NAME,
        { key: 'wageBase', label: '工资基数', kind: 'money' },
        { key: 'due', label: '应缴', kind: 'money' },
        { key: 'paid', label: '实缴', kind: 'money' },
        { key: 'paidDate', label: '缴纳日期', kind: 'date' },
      ],
    },
    { key: 'handler', label: '经手人', kind: 'person' },
  ];
}

const DUES = { listColumns: ['month', 'handler'], titleKey: 'month', signatures: ['经手人（签字）', '审核人（签字）'], cadence: '每月一次' } as const;

/** 会员花名册 and 团员花名册: one entry per person. */
function rosterFields(joined: string, card: string): FieldDef[] {
  return [
    NAME,
    GENDER,
    BIRTH_DATE,
    { key: 'joinDate', label: joined, kind: 'date' },
    { key: 'cardNo', label: card, kind: 'text', max: 40 },
    POSITION,
    PHONE,
    REMARKS,
  ];
}

const ROSTER = { titleKey: 'name', listColumns: ['gender', 'joinDate', 'position'], signatures: [] } as const;

export const UNION_LEAGUE: readonly RecordTypeDef[] = [
  {
    ...MEETING,
    ...UNION,
    id: 'union-meeting',
    label: '工会会议',
    attendees: 'everyone',
    fields: meetingFields(),
  },
  {
    ...UNION_REGISTER,
    ...ROSTER,
    id: 'union-member',
    label: '会员花名册',
    printTitle: '工会会员登记表',
    fields: rosterFields('入会日期', '会员证号'),
  },
  {
    ...UNION_REGISTER,
    ...DUES,
    id: 'union-dues',
    label: '会费',
    printTitle: '工会会费收缴登记表',
    fields: duesFields(),
  },
  {
    ...UNION_REGISTER,
    id: 'union-assistance',
    label: '困难帮扶与慰问',
    dateLabel: '帮扶日期',
    fields: [
      { key: 'beneficiary', label: '帮扶对象', kind: 'person', required: true },
      { key: 'hardship', label: '困难情况', kind: 'textarea' },
      { key: 'method', label: '帮扶方式', kind: 'select', required: true, options: ASSISTANCE_METHODS },
      { key: 'amount', label: '金额', kind: 'money' },
      { key: 'goods', label: '物品', kind: 'text', max: 200 },
      { key: 'visitors', label: '慰问人', kind: 'people' },
    ],
    listColumns: ['beneficiary', 'method', 'amount'],
    titleKey: 'beneficiary',
    signatures: ['受助人（签字）', '经办人（签字）'],
  },
  {
    ...UNION_ROUTINE,
    id: 'labor-contest',
    label: '劳动竞赛',
    fields: [
      { key: 'contestName', label: '竞赛名称', kind: 'text', required: true, max: 200 },
      { key: 'startDate', label: '开始日期', kind: 'date', required: true },
      { key: 'endDate', label: '结束日期', kind: 'date' },
      { key: 'participants', label: '参加人员', kind: 'people' },
      { key: 'content', label: '竞赛内容', kind: 'textarea' },
      { key: 'result', label: '结果与奖励', kind: 'textarea' },
    ],
    listColumns: ['contestName', 'startDate', 'endDate'],
    titleKey: 'contestName',
    signatures: ['填表人（签字）'],
  },
  {
    ...UNION_ROUTINE,
    id: 'suggestion',
    label: '合理化建议',
    dateLabel: '提出日期',
    fields: [
      { key: 'title', label: '建议名称', kind: 'text', required: true, max: 200 },
      { key: 'proposer', label: '提出人', kind: 'person', required: true },
      { key: 'content', label: '建议内容', kind: 'textarea', required: true },
      { key: 'adopted', label: '是否采纳', kind: 'boolean' },
      { key: 'adoptedDate', label: '采纳日期', kind: 'date' },
      { key: 'effect', label: '实施效果', kind: 'textarea' },
      { key: 'reward', label: '奖励', kind: 'text', max: 200 },
    ],
    listColumns: ['proposer', 'adopted'],
    titleKey: 'title',
    signatures: ['提出人（签字）', '审核人（签字）'],
  },
  {
    ...UNION_ROUTINE,
    id: 'affairs-public',
    label: '队务公开',
    dateLabel: '公开日期',
    cadence: '每月公开一次',
    fields: [
      { key: 'month', label: '公开月份', kind: 'month', required: true },
      { key: 'content', label: '公开内容', kind: 'textarea', required: true },
      { key: 'form', label: '公开形式', kind: 'select', required: true, options: PUBLIC_FORMS },
      { key: 'opinions', label: '群众意见', kind: 'textarea' },
      { key: 'handler', label: '经办人', kind: 'person' },
    ],
    listColumns: ['month', 'form', 'handler'],
    titleKey: 'month',
    signatures: ['经办人（签字）'],
  },
  {
    ...LEAGUE_MEETING,
    id: 'league-assembly',
    label: '团员大会',
    cadence: '一般每季度召开一次',
    fields: meetingFields(),
  },
  {
    ...LEAGUE_MEETING,
    id: 'league-committee',
    label: '团支部委员会',
    cadence: '一般每月召开一次',
    fields: meetingFields(),
  },
  {
    ...LEAGUE_MEETING,
    id: 'league-group-meeting',
    label: '团小组会',
    cadence: '一般每月召开一次',
    // 团小组 are not kept as groups (the group kind is the 党小组): named as text.
    fields: meetingFields({ head: [{ key: 'leagueGroup', label: '团小组', kind: 'text', required: true, max: 40 }] }),
  },
  {
    ...LEAGUE_MEETING,
    id: 'league-lecture',
    label: '团课',
    cadence: '一般每季度一次',
    titleKey: 'lecture',
    fields: meetingFields({
      head: [
        {
          key: 'lecture',
          label: '团课',
          kind: 'object',
          required: true,
          columns: [
            { key: 'title', label: '团课题目', kind: 'text', required: true, max: 200 },
            { key: 'speaker', label: '主讲人', kind: 'person', required: true },
            STUDY_HOURS,
          ],
        },
      ],
    }),
  },
  {
    ...LEAGUE_MEETING,
    id: 'league-review',
    label: '团员教育评议',
    cadence: '一般每年开展一次',
    fields: reviewFields('团员'),
  },
  {
    ...LEAGUE_REGISTER,
    id: 'league-registration',
    label: '团籍注册',
    printTitle: '团籍注册登记表',
    dateLabel: '注册日期',
    cadence: '每年一次',
    fields: [
      { key: 'year', label: '注册年度', kind: 'number', required: true, min: 1950, max: 2100, unit: '年度' },
      {
        key: 'rows',
        label: '注册情况',
        kind: 'table',
        required: true,
        columns: [
          NAME,
          { key: 'cardNo', label: '团员证号', kind: 'text', max: 40 },
          { key: 'result', label: '注册结果', kind: 'select', required: true, options: REGISTRATION_RESULTS },
          { key: 'remarks', label: '备注', kind: 'text', max: 200 },
        ],
      },
      { key: 'handler', label: '经办人', kind: 'person' },
    ],
    listColumns: ['year', 'handler'],
    titleKey: 'year',
    signatures: ['经办人（签字）', '团支部书记（签字）'],
  },
  {
    ...LEAGUE_REGISTER,
    ...ROSTER,
    id: 'league-member',
    label: '团员花名册',
    printTitle: '团员登记表',
    fields: rosterFields('入团日期', '团员证号'),
  },
  {
    // Not in the brief; DOMAIN §1 lists 团费 with the 团支部 records.
    ...LEAGUE_REGISTER,
    ...DUES,
    id: 'league-dues',
    label: '团费',
    printTitle: '团费收缴登记表',
    fields: duesFields(),
  },
];
