/**
 * 《班组综合记录》 (DOMAIN.md §1). No 打卡, 积分排名 or online-time fields: the 2023
 * directive against “指尖上的形式主义” restricts them (DOMAIN §3).
 */
import { MEETING, NAME, studyFields } from './branch-general.js';
import { meetingFields } from './meeting-fields.js';
import type { FieldDef, RecordTypeDef } from './types.js';

export const SAFETY_ACTIVITY_FORMS = ['安全学习', '事故案例分析', '隐患排查', '应急演练', '安全技术交底', '其他'] as const;
export const TRAINING_FORMS = ['集中授课', '现场实操', '师带徒', '技术比武', '应急演练', '其他'] as const;

/** Routine 班组 records keep 定期10年 (judgement); everyone on the roster attends the meetings. */
const TEAM_BOOK = { book: 'team', retention: '定期10年' } as const;
const TEAM_MEETING = { ...MEETING, ...TEAM_BOOK, attendees: 'everyone' } as const;

const textarea = (key: string, label: string, required = false): FieldDef => ({ key, label, kind: 'textarea', required });

export const TEAM: readonly RecordTypeDef[] = [
  {
    ...TEAM_MEETING,
    id: 'pre-shift-meeting',
    label: '班前会',
    part: 'shift',
    cadence: '每班开工前召开',
    fields: meetingFields({
      extra: [textarea('tasks', '当班任务', true), textarea('safetyTips', '安全提示', true), textarea('equipment', '设备状况')],
    }),
  },
  {
    ...TEAM_MEETING,
    id: 'post-shift-meeting',
    label: '班后会',
    part: 'shift',
    cadence: '每班收工后召开',
    fields: meetingFields({
      extra: [textarea('workDone', '工作完成情况', true), textarea('problems', '存在问题'), textarea('evaluation', '讲评')],
    }),
  },
  {
    ...TEAM_MEETING,
    id: 'safety-activity',
    label: '安全活动',
    part: 'safety-training',
    dateLabel: '活动日期',
    cadence: '一般每周一次（本地做法）',
    fields: meetingFields({
      topicsLabel: '活动主题',
      head: [{ key: 'activityForm', label: '活动形式', kind: 'select', required: true, options: SAFETY_ACTIVITY_FORMS }],
      extra: [textarea('hazards', '查出的隐患及整改')],
    }),
  },
  {
    ...TEAM_MEETING,
    id: 'skill-training',
    label: '技术培训与岗位练兵',
    part: 'safety-training',
    dateLabel: '培训日期',
    fields: studyFields({
      form: { key: 'trainingForm', label: '培训方式', kind: 'select', required: true, options: TRAINING_FORMS },
      speaker: '授课人',
      topicsLabel: '培训内容',
      extra: [
        {
          key: 'results',
          label: '考核结果',
          kind: 'table',
          columns: [NAME, { key: 'score', label: '成绩', kind: 'text', required: true, max: 20, help: '分数或合格/不合格' }],
        },
      ],
    }),
  },
  {
    ...TEAM_MEETING,
    id: 'team-study',
    label: '班组学习',
    part: 'team-management',
    dateLabel: '学习日期',
    fields: studyFields(),
  },
  {
    ...TEAM_BOOK,
    id: 'team-assessment',
    label: '班组考核',
    part: 'team-management',
    kind: 'register',
    dateLabel: '考核日期',
    cadence: '每月一次',
    fields: [
      { key: 'month', label: '考核月份', kind: 'month', required: true },
      {
        key: 'rows',
        label: '考核情况',
        kind: 'table',
        required: true,
        columns: [
          NAME,
          { key: 'item', label: '考核项目', kind: 'text', required: true, max: 100 },
          { key: 'score', label: '得分', kind: 'number', min: 0, max: 1000, decimals: 1 },
          { key: 'grade', label: '评定', kind: 'text', max: 20 },
          { key: 'remarks', label: '备注', kind: 'text', max: 200 },
        ],
      },
      { key: 'assessor', label: '考核人', kind: 'person', required: true },
    ],
    listColumns: ['month', 'assessor'],
    titleKey: 'month',
    signatures: ['考核人（签字）', '班长（签字）'],
  },
];
