/**
 * What a printed meeting record says and in which order: one description that
 * the A4 print view (renderer) and the Word export (core/export/docx) both lay
 * out, so the two can never disagree about labels, order or wording.
 */
import type { MeetingRecord } from '../contract.js';
import { meetingType } from '../books/meetings.js';
import { chineseDate, halfDay } from '../dates.js';
import { countAttendance, judgeMotion } from '../rules/attendance.js';
import { chineseNumber } from './numerals.js';

export interface PrintCell {
  label: string;
  value: string;
}

/** A row of the header table: one cell spanning the width, or two side by side. */
export type PrintRow = [PrintCell] | [PrintCell, PrintCell];

export interface PrintSection {
  heading: string;
  paragraphs: string[];
}

export interface PrintDoc {
  org: string;
  title: string;
  subtitle: string;
  rows: PrintRow[];
  sections: PrintSection[];
  signatures: string[];
}

const orNone = (s: string) => (s.trim() === '' ? '无' : s.trim());
const paragraphs = (s: string) => {
  const ps = s
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return ps.length ? ps : ['无'];
};

export function meetingPrintDoc(rec: MeetingRecord, orgName: string): PrintDoc {
  const def = meetingType(rec.type);
  const d = rec.data;
  const c = countAttendance(d.attendance);
  const present = d.attendance
    .filter((a) => a.present)
    .map((a) => (a.membership === '预备' ? `${a.name}（预备党员）` : a.name));
  const absent = d.attendance
    .filter((a) => !a.present)
    .map((a) => `${a.name}（${a.absenceReason.trim() || '未说明原因'}）`);

  const rows: PrintRow[] = [
    [{ label: '时间', value: `${chineseDate(rec.date)} ${halfDay(d.startTime)} ${d.startTime}—${d.endTime}` }],
    [
      { label: '地点', value: d.location },
      { label: '主持人', value: d.hostTitle ? `${d.host}（${d.hostTitle}）` : d.host },
    ],
    [
      { label: '应到人数', value: `${c.expected}人` },
      { label: '实到人数', value: `${c.present}人` },
    ],
  ];
  if (rec.groupName) rows.push([{ label: '党小组', value: rec.groupName }, { label: '记录人', value: d.recorder }]);
  else rows.push([{ label: '记录人', value: d.recorder }]);
  if (d.lecture) {
    rows.push([{ label: '党课题目', value: d.lecture.title }]);
    rows.push([
      { label: '主讲人', value: d.lecture.speaker },
      { label: '学时', value: `${d.lecture.hours}学时` },
    ]);
  }
  rows.push(
    [{ label: '出席人员', value: orNone(present.join('、')) }],
    [{ label: '缺席人员及原因', value: orNone(absent.join('、')) }],
    [{ label: '列席人员', value: orNone(d.observers.join('、')) }],
    [{ label: '到会指导的上级领导', value: orNone(d.leaders) }],
    [{ label: '议题', value: d.topics.map((t, i) => `${i + 1}. ${t}`).join('\n') }],
  );

  const sections: PrintSection[] = [{ heading: '会议内容', paragraphs: paragraphs(d.content) }];
  if (def.votes) {
    sections.push({
      heading: '表决情况',
      paragraphs: d.motions.length
        ? d.motions.map((m, i) => `${chineseNumber(i + 1)}、${m.title}：${judgeMotion(d.attendance, m).summary}`)
        : ['本次会议无表决事项。'],
    });
    sections.push({ heading: '决议', paragraphs: paragraphs(d.resolution) });
  }
  sections.push(
    { heading: '遗留问题', paragraphs: paragraphs(d.pending) },
    { heading: '会议小结', paragraphs: paragraphs(d.summary) },
  );

  return {
    org: orgName,
    title: `${def.label}记录`,
    subtitle: `${rec.date.slice(0, 4)}年 第${rec.seq}次`,
    rows,
    sections,
    signatures: ['主持人（签字）', '记录人（签字）'],
  };
}
