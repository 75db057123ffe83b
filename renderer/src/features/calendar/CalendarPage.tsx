/**
 * 活动日历: the selected year's meetings on a calendar, to plan them and then
 * hold them. A plan is a 草稿 record (purple, 计划); a meeting held and recorded
 * is a 定稿 (green). Above the month, the year at a glance: each month's held
 * and planned activities. Clicking an empty day plans an activity on it.
 */
import { useState } from 'react';
import { Button, Calendar, Checkbox, Select, Spin, Tag, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { RecordSummary } from '../../../../shared/methods/records';
import { recordType, type BookId } from '../../../../shared/books/index';
import { plannableByBook, yearCalendar } from '../../../../shared/books/plan';
import { localToday } from '../../../../shared/dates';
import { call } from '../../api';
import { useLedger } from '../../context';
import { useApiData } from '../../useApiData';
import { STATE } from '../home/YearPage';
import { PlanModal } from './PlanModal';
import './calendar.css';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i, label: `${i + 1}月` }));
const BOOKS = plannableByBook().map((g) => ({ value: g.book.id, label: g.book.label }));
/** Shown at first: every book but 班组综合记录, whose daily 班前会 would bury the branch's own activities. */
const FIRST_BOOKS: BookId[] = BOOKS.map((b) => b.value).filter((b) => b !== 'team');

function Entry({ r }: { r: RecordSummary }) {
  const label = recordType(r.type).label;
  const planned = r.status !== 'final';
  return (
    <Tooltip title={`${label}：${r.title}`} placement="topLeft">
      <a href={`#/records/${r.id}`} className={`cal-entry ${planned ? 'planned' : 'held'}`} aria-label={`${planned ? '计划' : '已开展'} ${r.date} ${label}`}>
        {planned && <b>计划</b>}
        {label}
      </a>
    </Tooltip>
  );
}

function YearCalendar({ year }: { year: number }) {
  const today = localToday();
  const [value, setValue] = useState<Dayjs>(() => dayjs(today.startsWith(`${year}-`) ? today : `${year}-01-01`));
  const [planning, setPlanning] = useState<string | null>(null);
  const [books, setBooks] = useState<BookId[]>(FIRST_BOOKS);
  const [records, reload] = useApiData(() => call('records.list', { year, type: null, book: null }), [year]);
  if (!records) return <Spin />;
  // The list comes newest first; a day reads forward.
  const { days, months } = yearCalendar([...records].reverse().filter((r) => books.includes(recordType(r.type).book)));
  const month = value.month();
  const toMonth = (m: number) => setValue(dayjs(new Date(year, m, 1)));

  return (
    <div className="calendar-page">
      <div className="page-toolbar">
        <h2>{year}年活动日历</h2>
        <span className="cal-legend">
          <Tag color={STATE.done.color}>已开展</Tag>
          <Tag color={STATE.planned.color}>计划</Tag>
        </span>
        <Button type="primary" onClick={() => setPlanning(value.format('YYYY-MM-DD'))}>
          计划活动
        </Button>
      </div>
      <div className="cal-books">
        显示：
        <Checkbox.Group aria-label="显示的记录本" options={BOOKS} value={books} onChange={(v) => setBooks(v as BookId[])} />
      </div>
      <ol className="cal-months" aria-label="全年概况">
        {months.map((c, i) => (
          <li key={i}>
            <button
              type="button"
              className={i === month ? 'current' : undefined}
              aria-current={i === month ? 'true' : undefined}
              aria-label={`${i + 1}月：${STATE.done.text}${c.held}项，${STATE.planned.text}${c.planned}项`}
              onClick={() => toMonth(i)}
            >
              <span className="cal-month-name">{i + 1}月</span>
              <span className={c.held ? 'held' : 'none'}>{STATE.done.text} {c.held}</span>
              <span className={c.planned ? 'planned' : 'none'}>{STATE.planned.text} {c.planned}</span>
            </button>
          </li>
        ))}
      </ol>
      <Calendar
        className="cal"
        value={value}
        validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
        headerRender={() => (
          <div className="cal-header">
            <Button aria-label="上个月" disabled={month === 0} onClick={() => toMonth(month - 1)}>
              ‹
            </Button>
            <Select aria-label="月份" value={month} options={MONTHS} onChange={toMonth} style={{ width: 88 }} />
            <Button aria-label="下个月" disabled={month === 11} onClick={() => toMonth(month + 1)}>
              ›
            </Button>
            <span className="muted">点击空白日期可在当天计划活动；点击活动查看记录。</span>
          </div>
        )}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const list = days.get(d.format('YYYY-MM-DD'));
          return list ? list.map((r) => <Entry key={r.id} r={r} />) : null;
        }}
        onSelect={(d, { source }) => {
          setValue(d);
          const iso = d.format('YYYY-MM-DD');
          if (source === 'date' && !days.has(iso)) setPlanning(iso);
        }}
      />
      {planning && (
        <PlanModal
          date={planning}
          onClose={() => setPlanning(null)}
          onSaved={(rec) => {
            setPlanning(null);
            setValue(dayjs(rec.date));
            void reload();
          }}
        />
      )}
    </div>
  );
}

export function CalendarPage() {
  const { year } = useLedger();
  return <YearCalendar key={year} year={year} />;
}
