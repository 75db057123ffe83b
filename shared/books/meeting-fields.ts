/**
 * The fields every meeting record shares (DOMAIN.md §2, 会议记录), in print order.
 * Meeting types add their own fields through `extra` (placed before 遗留问题).
 */
import type { FieldDef } from './types.js';

export interface MeetingOptions {
  /** 党小组会: the record belongs to one 党小组. */
  group?: boolean;
  /** Motions with 赞成/反对/弃权 and a 决议. */
  votes?: boolean;
  /** Fields shown right after the header (e.g. 党课: 主讲人, 题目, 学时). */
  head?: readonly FieldDef[];
  /** Fields added before 遗留问题 (e.g. 组织生活会: 整改清单). */
  extra?: readonly FieldDef[];
  /** Label of the topics list (议题 by default; 学习内容, 活动主题 …). */
  topicsLabel?: string;
}

export function meetingFields(o: MeetingOptions = {}): FieldDef[] {
  return [
    ...(o.group ? [{ key: 'groupId', label: '党小组', kind: 'group', required: true } as const] : []),
    { key: 'startTime', label: '开始时间', kind: 'time', required: true },
    { key: 'endTime', label: '结束时间', kind: 'time', required: true },
    { key: 'location', label: '地点', kind: 'text', required: true, max: 100 },
    { key: 'host', label: '主持人', kind: 'person', required: true, printWith: 'hostTitle', titleField: 'hostTitle' },
    { key: 'hostTitle', label: '主持人职务', kind: 'text', max: 60, print: 'none' },
    { key: 'recorder', label: '记录人', kind: 'person', required: true },
    ...(o.head ?? []),
    { key: 'attendance', label: '出席情况', kind: 'attendance' },
    { key: 'observers', label: '列席人员', kind: 'lines', help: '每行一人，可注明单位职务' },
    { key: 'leaders', label: '到会指导的上级领导', kind: 'text', max: 200 },
    { key: 'topics', label: o.topicsLabel ?? '议题', kind: 'lines', required: true },
    { key: 'content', label: '会议内容', kind: 'textarea', help: '发言摘要或全文，每段一行' },
    ...(o.votes
      ? ([
          { key: 'motions', label: '表决情况', kind: 'motions' },
          { key: 'resolution', label: '决议', kind: 'textarea' },
        ] as const)
      : []),
    ...(o.extra ?? []),
    { key: 'pending', label: '遗留问题', kind: 'textarea' },
    { key: 'summary', label: '会议小结', kind: 'textarea' },
  ];
}

/** List columns every meeting shows. */
export const MEETING_COLUMNS = ['location', 'host', 'attendance', 'topics'] as const;
