/** 《纪检监察综合治理记录》 (DOMAIN.md §1). */
import { MEETING, RECTIFY_STATUSES, rectifyFields } from './branch-general.js';
import { meetingFields } from './meeting-fields.js';
import type { RecordTypeDef } from './types.js';

export const EDUCATION_FORMS = ['专题党课', '观看警示教育片', '参观警示教育基地', '通报典型案例', '学习党纪法规', '其他'] as const;
export const TALK_TYPES = ['提醒谈话', '诫勉谈话', '函询', '其他'] as const;
export const PETITION_METHODS = ['来信', '来访', '电话', '网络', '其他'] as const;
export const ISSUE_SOURCES = ['上级检查', '巡视巡察', '监督检查', '信访举报', '组织生活会', '民主评议', '自查自纠', '其他'] as const;

/**
 * The whole book keeps 定期30年 (judgement): discipline records of members and
 * staff, kept as long as the people concerned are likely to serve; a branch can
 * raise a 件 to 永久 when it archives the year.
 */
const BOOK = { book: 'discipline', retention: '定期30年' } as const;
const BOOK_MEETING = { ...MEETING, ...BOOK } as const;
const REGISTER = { ...BOOK, kind: 'register' } as const;

export const DISCIPLINE: readonly RecordTypeDef[] = [
  {
    ...BOOK_MEETING,
    id: 'integrity-education',
    label: '廉洁教育、警示教育',
    part: 'integrity',
    dateLabel: '活动日期',
    attendees: 'members',
    fields: meetingFields({
      topicsLabel: '教育主题',
      head: [{ key: 'educationForm', label: '教育形式', kind: 'select', required: true, options: EDUCATION_FORMS }],
    }),
  },
  {
    ...REGISTER,
    id: 'reminder-talk',
    label: '谈话提醒',
    part: 'integrity',
    dateLabel: '谈话日期',
    fields: [
      { key: 'location', label: '地点', kind: 'text', max: 100 },
      { key: 'talker', label: '谈话人', kind: 'person', required: true },
      { key: 'interviewee', label: '被谈话人', kind: 'person', required: true },
      { key: 'talkType', label: '谈话类型', kind: 'select', required: true, options: TALK_TYPES },
      { key: 'reason', label: '事由', kind: 'textarea', required: true },
      { key: 'content', label: '谈话内容', kind: 'textarea', required: true },
      { key: 'response', label: '本人表态', kind: 'textarea' },
      { key: 'followUp', label: '后续跟踪', kind: 'textarea' },
    ],
    listColumns: ['interviewee', 'talkType', 'talker'],
    titleKey: 'interviewee',
    signatures: ['谈话人（签字）', '被谈话人（签字）'],
  },
  {
    ...REGISTER,
    id: 'supervision-check',
    label: '监督检查',
    part: 'supervision',
    dateLabel: '检查日期',
    fields: [
      { key: 'matter', label: '检查事项', kind: 'text', required: true, max: 200 },
      { key: 'inspectors', label: '检查人员', kind: 'people', required: true },
      { key: 'target', label: '检查对象', kind: 'text', required: true, max: 200 },
      { key: 'findings', label: '发现问题', kind: 'textarea' },
      { key: 'handling', label: '处理意见', kind: 'textarea' },
      { key: 'requirements', label: '整改要求', kind: 'textarea' },
    ],
    listColumns: ['matter', 'target', 'inspectors'],
    titleKey: 'matter',
    signatures: ['检查人员（签字）', '被检查单位负责人（签字）'],
  },
  {
    ...REGISTER,
    id: 'petition',
    label: '信访举报及处理',
    printTitle: '信访举报及处理登记表',
    part: 'supervision',
    // The record's own date is the day the letter or visit came in.
    dateLabel: '来信来访日期',
    fields: [
      { key: 'method', label: '方式', kind: 'select', required: true, options: PETITION_METHODS },
      { key: 'reporter', label: '反映人', kind: 'text', required: true, max: 40, help: '匿名的填“匿名”' },
      { key: 'accused', label: '被反映人', kind: 'text', required: true, max: 100 },
      { key: 'issue', label: '反映问题', kind: 'textarea', required: true },
      { key: 'process', label: '办理过程', kind: 'textarea' },
      { key: 'result', label: '处理结果', kind: 'textarea' },
      { key: 'closedDate', label: '办结日期', kind: 'date' },
      { key: 'feedback', label: '是否反馈', kind: 'boolean', help: '是否已向反映人反馈办理结果' },
    ],
    listColumns: ['method', 'accused', 'closedDate'],
    titleKey: 'accused',
    signatures: ['登记人（签字）', '承办人（签字）'],
  },
  {
    ...REGISTER,
    id: 'rectification-ledger',
    label: '问题整改台账',
    printTitle: '问题整改台账',
    part: 'rectification',
    dateLabel: '登记日期',
    fields: [
      { key: 'source', label: '问题来源', kind: 'select', required: true, options: ISSUE_SOURCES },
      ...rectifyFields([...RECTIFY_STATUSES, '已销号']),
      { key: 'outcome', label: '整改情况', kind: 'textarea' },
      { key: 'closedDate', label: '销号日期', kind: 'date' },
    ],
    listColumns: ['responsible', 'deadline', 'status'],
    titleKey: 'issue',
    signatures: ['责任人（签字）', '审核人（签字）'],
  },
  {
    ...BOOK_MEETING,
    id: 'safety-meeting',
    label: '综合治理（安全稳定）会议',
    part: 'safety',
    attendees: 'everyone',
    fields: meetingFields(),
  },
];
