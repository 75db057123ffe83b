/** 《党支部综合记录》 (DOMAIN.md §1–2). */
import { MEETING_COLUMNS, meetingFields } from './meeting-fields.js';
import type { FieldDef, RecordTypeDef, ScalarField } from './types.js';
import { GENDERS, POLITICAL_STATUSES } from './vocab.js';

/** What every meeting type of the four books shares; add book, part, retention, attendees. */
export const MEETING = { kind: 'meeting', dateLabel: '会议日期', titleKey: 'topics', signatures: ['主持人（签字）', '记录人（签字）'], listColumns: MEETING_COLUMNS } as const;

const SANHUI = { ...MEETING, book: 'branch-general', part: 'sanhui', retention: '永久' } as const;

// ---------- fields and vocabularies shared with the other books ----------

/** 姓名 of a per-person register: typed, or picked from the roster. */
export const NAME: ScalarField = { key: 'name', label: '姓名', kind: 'person', required: true };
export const GENDER: FieldDef = { key: 'gender', label: '性别', kind: 'select', options: GENDERS };
export const BIRTH_DATE: FieldDef = { key: 'birthDate', label: '出生日期', kind: 'date', plausible: 'birthDate' };
export const POSITION: FieldDef = { key: 'position', label: '岗位/职务', kind: 'text', max: 60 };
export const PHONE: FieldDef = { key: 'phone', label: '联系电话', kind: 'text', max: 30, plausible: 'phone' };
export const REMARKS: FieldDef = { key: 'remarks', label: '备注', kind: 'textarea', max: 2000 };

/** 学时 of a study or training session (as 党课). */
export const STUDY_HOURS: ScalarField = { key: 'hours', label: '学时', kind: 'number', required: true, min: 0.5, max: 40, decimals: 1, unit: '学时' };

export const STUDY_FORMS = ['集中学习', '专题辅导', '研讨交流', '视频学习', '其他'] as const;

const STUDY_FORM: FieldDef = { key: 'studyForm', label: '学习形式', kind: 'select', required: true, options: STUDY_FORMS };

export interface StudyOptions {
  /** The select naming how it was held (学习形式 by default). */
  form?: FieldDef;
  /** Label of the speaker (主讲（辅导）人 by default). */
  speaker?: string;
  /** Label of the topics list (学习内容 by default). */
  topicsLabel?: string;
  /** Fields before 遗留问题 (e.g. 考核结果). */
  extra?: readonly FieldDef[];
}

/** A study or training session: its form, speaker and 学时 after the header. */
export function studyFields(o: StudyOptions = {}): FieldDef[] {
  return meetingFields({
    topicsLabel: o.topicsLabel ?? '学习内容',
    head: [o.form ?? STUDY_FORM, { key: 'speaker', label: o.speaker ?? '主讲（辅导）人', kind: 'person' }, STUDY_HOURS],
    extra: o.extra ?? [],
  });
}

/** 评定等次 of 民主评议党员 and 团员教育评议. */
export const REVIEW_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;

/** A review meeting: the 评议结果 table, one row per member reviewed. */
export function reviewFields(who: string): FieldDef[] {
  return meetingFields({
    extra: [
      {
        key: 'results',
        label: '评议结果',
        kind: 'table',
        required: true,
        help: `每名${who}一行`,
        columns: [
          NAME,
          { key: 'selfReview', label: '自评', kind: 'textarea', max: 2000 },
          { key: 'peerReview', label: '互评', kind: 'text', max: 500 },
          { key: 'poll', label: '民主测评结果', kind: 'text', max: 100, help: '如：优秀12票，合格3票' },
          { key: 'grade', label: '评定等次', kind: 'select', required: true, options: REVIEW_GRADES },
        ],
      },
    ],
  });
}

export const RECTIFY_STATUSES = ['未整改', '整改中', '已完成'] as const;

/** One 整改 item: a row of 组织生活会's 整改清单, or an entry of the 问题整改台账. */
export function rectifyFields(statuses: readonly string[] = RECTIFY_STATUSES): ScalarField[] {
  return [
    { key: 'issue', label: '问题', kind: 'text', required: true, max: 200 },
    { key: 'measures', label: '整改措施', kind: 'textarea', required: true, max: 2000 },
    { key: 'responsible', label: '责任人', kind: 'person', required: true },
    { key: 'deadline', label: '时限', kind: 'date', required: true },
    { key: 'status', label: '整改状态', kind: 'select', required: true, options: statuses },
  ];
}

// ---------- vocabularies of this book ----------

export const TALK_METHODS = ['个别谈心', '集体谈心', '家访', '电话'] as const;
/** The 五必谈 triggers, the 政治生日 talk, and the rest. */
export const TALK_CATEGORIES = ['岗位变动', '受奖或受处分', '家庭困难', '意见分歧', '群众反映问题', '政治生日', '日常谈心', '其他'] as const;
export const EDUCATION_LEVELS = ['研究生', '大学本科', '大学专科', '中专（中技）', '高中', '初中及以下'] as const;
export const HARDSHIP_CATEGORIES = ['因病', '因残', '因灾', '子女教育', '单亲', '其他'] as const;
export const HEALTH_STATES = ['健康', '一般', '慢性病', '大病', '残疾'] as const;
export const HOUSING_TYPES = ['自有住房', '租房', '单位宿舍', '借住', '无房', '其他'] as const;

const FAMILY: FieldDef = {
  key: 'family',
  label: '家庭成员',
  kind: 'table',
  columns: [
    { key: 'relation', label: '称谓', kind: 'text', required: true, max: 20 },
    { key: 'name', label: '姓名', kind: 'text', required: true, max: 40 },
    { key: 'workplace', label: '工作单位', kind: 'text', max: 100 },
    { key: 'phone', label: '电话', kind: 'text', max: 30, plausible: 'phone' },
  ],
};

/** Registers of this book. Retention 定期30年: records about staff, not Party decisions (judgement). */
const REGISTER = { book: 'branch-general', kind: 'register', retention: '定期30年' } as const;

/** Meetings of the staff, not of the Party: 定期30年 (judgement); 三会一课 stay 永久. */
const STAFF_MEETING = { ...SANHUI, part: 'staff-study', attendees: 'everyone', retention: '定期30年' } as const;

export const BRANCH_GENERAL: readonly RecordTypeDef[] = [
  {
    ...SANHUI,
    id: 'branch-assembly',
    label: '支部党员大会',
    attendees: 'members',
    cadence: '一般每季度召开一次',
    fields: meetingFields({ votes: true }),
  },
  {
    ...SANHUI,
    id: 'committee-meeting',
    label: '支部委员会',
    attendees: 'committee',
    cadence: '一般每月召开一次',
    fields: meetingFields({ votes: true }),
  },
  {
    ...SANHUI,
    id: 'group-meeting',
    label: '党小组会',
    attendees: 'group',
    cadence: '一般每月召开一次',
    fields: meetingFields({ group: true }),
  },
  {
    ...SANHUI,
    id: 'party-lecture',
    label: '党课',
    attendees: 'members',
    cadence: '默认每季度一次（本地做法，可在设置中调整），书记每年至少讲一次',
    titleKey: 'lecture',
    fields: meetingFields({
      head: [
        {
          key: 'lecture',
          label: '党课',
          kind: 'object',
          required: true,
          columns: [
            { key: 'title', label: '党课题目', kind: 'text', required: true, max: 200 },
            { key: 'speaker', label: '主讲人', kind: 'person', required: true },
            { key: 'hours', label: '学时', kind: 'number', required: true, min: 0.5, max: 40, decimals: 1, unit: '学时' },
          ],
        },
      ],
    }),
  },
  {
    ...SANHUI,
    id: 'theme-party-day',
    label: '主题党日',
    attendees: 'members',
    cadence: '每月固定一天',
    fields: meetingFields(),
  },
  {
    ...SANHUI,
    id: 'org-life-meeting',
    label: '组织生活会',
    attendees: 'members',
    cadence: '每年至少召开一次，一般在第四季度；会前开展谈心谈话，会后形成整改清单',
    fields: meetingFields({
      head: [{ key: 'preTalks', label: '会前谈心谈话情况', kind: 'textarea' }],
      extra: [
        { key: 'criticism', label: '对照检查/批评与自我批评情况', kind: 'textarea' },
        // Not required: the list is often settled after the meeting and filled in later.
        { key: 'rectification', label: '整改清单', kind: 'table', help: '可会后补填', columns: rectifyFields() },
      ],
    }),
  },
  {
    ...SANHUI,
    id: 'member-review',
    label: '民主评议党员',
    attendees: 'members',
    cadence: '一般每年开展一次（自评、互评、民主测评）',
    fields: reviewFields('党员'),
  },
  {
    ...STAFF_MEETING,
    id: 'staff-meeting',
    label: '职工大会',
    fields: meetingFields(),
  },
  {
    ...STAFF_MEETING,
    id: 'study-session',
    label: '学习记录',
    printTitle: '学习记录',
    dateLabel: '学习日期',
    fields: studyFields(),
  },
  {
    ...REGISTER,
    id: 'talk',
    label: '谈心谈话、家访',
    part: 'talks',
    dateLabel: '谈话日期',
    cadence: '支委之间、支委与党员、党员之间每年至少谈一次',
    fields: [
      { key: 'time', label: '时间', kind: 'time' },
      { key: 'location', label: '地点', kind: 'text', required: true, max: 100 },
      { key: 'talker', label: '谈话人', kind: 'person', required: true, titleField: 'talkerTitle' },
      { key: 'talkerTitle', label: '谈话人职务', kind: 'text', max: 60 },
      { key: 'subject', label: '谈话对象', kind: 'person', required: true, max: 100, help: '集体谈心可填对象范围，如“钻井一班全体成员”' },
      { key: 'method', label: '方式', kind: 'select', required: true, options: TALK_METHODS },
      { key: 'category', label: '类别', kind: 'select', required: true, options: TALK_CATEGORIES, help: '政治生日谈话在入党纪念日前后一周内进行' },
      { key: 'theme', label: '主题', kind: 'text', required: true, max: 100 },
      { key: 'content', label: '主要内容', kind: 'textarea', required: true },
      { key: 'concerns', label: '对方意见与困难', kind: 'textarea' },
      { key: 'measures', label: '处理与帮扶措施', kind: 'textarea' },
      { key: 'followUpDate', label: '回访日期', kind: 'date' },
      { key: 'followUp', label: '回访情况', kind: 'textarea' },
    ],
    listColumns: ['talker', 'subject', 'method', 'category'],
    titleKey: 'subject',
    signatures: ['谈话人（签字）', '谈话对象（签字）'],
  },
  {
    ...REGISTER,
    id: 'staff-profile',
    label: '职工基本情况登记表',
    printTitle: '职工基本情况登记表',
    part: 'staff-register',
    dateLabel: '填表日期',
    fields: [
      NAME,
      GENDER,
      { key: 'ethnicity', label: '民族', kind: 'text', max: 20 },
      BIRTH_DATE,
      { key: 'nativePlace', label: '籍贯', kind: 'text', max: 60 },
      { key: 'idNumber', label: '身份证号', kind: 'text', max: 18, personalId: true },
      { key: 'politicalStatus', label: '政治面貌', kind: 'select', options: POLITICAL_STATUSES },
      { key: 'education', label: '学历', kind: 'select', options: EDUCATION_LEVELS },
      POSITION,
      { key: 'workStartDate', label: '参加工作日期', kind: 'date' },
      { key: 'hireDate', label: '入职日期', kind: 'date' },
      PHONE,
      { key: 'address', label: '家庭住址', kind: 'text', max: 200 },
      FAMILY,
      REMARKS,
    ],
    listColumns: ['gender', 'politicalStatus', 'position'],
    titleKey: 'name',
    signatures: ['本人（签字）', '填表人（签字）'],
  },
  {
    ...REGISTER,
    id: 'hardship-profile',
    label: '困难职工基本情况登记表',
    printTitle: '困难职工基本情况登记表',
    part: 'hardship',
    dateLabel: '建档日期',
    fields: [
      NAME,
      GENDER,
      BIRTH_DATE,
      POSITION,
      PHONE,
      { key: 'address', label: '家庭住址', kind: 'text', max: 200 },
      { key: 'category', label: '困难类别', kind: 'select', required: true, options: HARDSHIP_CATEGORIES },
      { key: 'cause', label: '致困原因', kind: 'textarea', required: true },
      { key: 'health', label: '健康状况', kind: 'select', options: HEALTH_STATES },
      { key: 'housing', label: '住房类型', kind: 'select', options: HOUSING_TYPES },
      { key: 'annualIncome', label: '家庭年收入', kind: 'money' },
      { key: 'familySize', label: '家庭人口', kind: 'number', min: 1, max: 30, unit: '人' },
      FAMILY,
      { key: 'assistance', label: '帮扶措施', kind: 'textarea' },
      {
        key: 'visits',
        label: '慰问记录',
        kind: 'table',
        columns: [
          { key: 'date', label: '日期', kind: 'date', required: true },
          { key: 'amount', label: '金额', kind: 'money' },
          { key: 'goods', label: '物品', kind: 'text', max: 200 },
          { key: 'visitor', label: '慰问人', kind: 'person', required: true },
        ],
      },
      { key: 'creator', label: '建档人', kind: 'person' },
      { key: 'reviewer', label: '审核人', kind: 'person' },
      { key: 'opinion', label: '支部/工会意见', kind: 'textarea' },
    ],
    listColumns: ['category', 'health', 'annualIncome'],
    titleKey: 'name',
    signatures: ['建档人（签字）', '审核人（签字）'],
  },
];
