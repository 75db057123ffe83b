/**
 * 本年概览, the start page: 近期待办 as of today whatever the year shown (this
 * period's obligations not yet held, activities planned, 发展党员 steps, 整改,
 * 回执, in the groups the core gives, and what is overdue since an earlier
 * year folded into one line), then what the rules (as the branch has set them in 支部设置 ·
 * 活动频次) expect this year, period by period: held, planned, due now,
 * overdue, or still to come, each linking to its record or to a new one; then
 * the year's other gaps (党费, drafts). A reminder, never a score.
 */
import { useState } from 'react';
import { Button, Card, Collapse, Empty, List, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { GlanceRow, Upcoming, UpcomingList, UpcomingSection } from '../../../../shared/methods/cadence';
import { UPCOMING_DAYS, type PeriodState } from '../../../../shared/rules/cadence';
import { chineseDate } from '../../../../shared/dates';
import { call } from '../../api';
import { useLedger } from '../../context';
import { go } from '../../router';
import { useApiData } from '../../useApiData';
import { GapList } from '../archive/GapList';
import { TalkMatrix } from './TalkMatrix';
import './year.css';

export const STATE: Record<PeriodState, { text: string; color: string }> = {
  done: { text: '已开展', color: 'green' },
  planned: { text: '已计划', color: 'purple' },
  due: { text: '本期待办', color: 'blue' },
  overdue: { text: '未开展', color: 'orange' },
  later: { text: '未到', color: 'default' },
  before: { text: '—', color: 'default' },
};

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度'];

/**
 * One month column of the grid: a monthly obligation has its own cell, a
 * quarterly one spans its quarter's three months, a yearly one all twelve.
 */
function monthColumn(month: number, booksStart: string): TableColumnsType<GlanceRow>[number] {
  const indexIn = (r: GlanceRow) => (r.cells.length === 12 ? month - 1 : r.cells.length === 4 ? (month - 1) / 3 : month === 1 ? 0 : -1);
  return {
    title: `${month}月`,
    key: `m${month}`,
    align: 'center',
    onCell: (r) => {
      const span = 12 / r.cells.length;
      return { colSpan: Number.isInteger(indexIn(r)) && indexIn(r) >= 0 ? span : 0 };
    },
    render: (_, r) => {
      const c = r.cells[indexIn(r)];
      if (!c) return null;
      const text = STATE[c.state].text;
      const cell = <span className={`glance-cell glance-${c.state}`}>{text}</span>;
      return c.state === 'before' ? (
        <Tooltip title={`本支部记录自${booksStart}起，此前不作要求`}>{cell}</Tooltip>
      ) : (
        <a href={`#${c.link}`} aria-label={`${r.group ?? ''}${r.label} ${c.label} ${text}`}>
          {cell}
        </a>
      );
    },
  };
}

function UpcomingTag({ item }: { item: Upcoming }) {
  if (item.overdue) return <Tag color="orange">已逾期</Tag>;
  if (item.kind === 'planned-activity') return <Tag color="purple">已计划</Tag>;
  return <Tag color="blue">{chineseDate(item.due)}</Tag>;
}

/** One dated item: its tag, what it is (with its group where the list mixes them), its link, and the source on hover. */
function UpcomingRow({ item, withLabel = false }: { item: Upcoming; withLabel?: boolean }) {
  return (
    <List.Item>
      <Space>
        <UpcomingTag item={item} />
        {withLabel ? <Typography.Text type="secondary">{item.label}</Typography.Text> : null}
        <Tooltip title={`依据：${item.source}`}>
          <a href={`#${item.link}`}>{item.message}</a>
        </Tooltip>
      </Space>
    </List.Item>
  );
}

/**
 * How many rows of the dated groups show before 显示全部 (本期待办 are short
 * links and all show): a long list of 整改 or 回执 should not push the year off the page.
 */
const FIRST_ITEMS = 8;

/** The rows each group shows while folded: one at least, so that no group is hidden, then the rest of FIRST_ITEMS in order. */
function foldedCounts(lengths: readonly number[]): number[] {
  let left = FIRST_ITEMS - lengths.filter((n) => n > 0).length;
  return lengths.map((n) => {
    const extra = Math.max(0, Math.min(n - 1, left));
    left -= extra;
    return Math.min(n, 1) + extra;
  });
}

function SectionHead({ title, count, hint }: { title: string; count: number; hint?: string }) {
  return (
    <div className="upcoming-head">
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text className="upcoming-count">{count} 项</Typography.Text>
      {hint ? <Typography.Text type="secondary">{hint}</Typography.Text> : null}
    </div>
  );
}

/** 本期待办: each obligation not yet held or planned, as a link to a new record of its type (as its cell in the grid). */
function ObligationSection({ section }: { section: UpcomingSection }) {
  return (
    <div className="upcoming-section" role="group" aria-label={section.title}>
      <SectionHead title={section.title} count={section.items.length} hint="本月、本季度、本年应开展而尚未开展、也未计划的活动，点击新建记录" />
      <Space size={[8, 6]} wrap>
        {section.items.map((u) => (
          <Tooltip key={u.message} title={`依据：${u.source}；本期至${chineseDate(u.due)}`}>
            <a className="upcoming-obligation" href={`#${u.link}`}>
              {u.message}
            </a>
          </Tooltip>
        ))}
      </Space>
    </div>
  );
}

function DatedSection({ section, folded }: { section: UpcomingSection; folded: number }) {
  const [all, setAll] = useState(false);
  const more = section.items.length - folded;
  return (
    <div className="upcoming-section" role="group" aria-label={section.title}>
      <SectionHead title={section.title} count={section.items.length} />
      <List<Upcoming> size="small" split={false} dataSource={all ? section.items : section.items.slice(0, folded)} renderItem={(u) => <UpcomingRow item={u} />} />
      {more > 0 ? (
        <Button type="link" size="small" onClick={() => setAll(!all)}>
          {all ? '收起' : `显示全部${section.items.length}项（另有${more}项）`}
        </Button>
      ) : null}
    </div>
  );
}

/** What is overdue since an earlier year, folded into one line with its count and years. */
function EarlierLine({ items }: { items: Upcoming[] }) {
  const years = items.map((u) => Number(u.due.slice(0, 4)));
  const [from, to] = [Math.min(...years), Math.max(...years)];
  return (
    <Collapse
      className="upcoming-earlier"
      size="small"
      ghost
      items={[
        {
          key: 'earlier',
          label: `往年逾期未办 ${items.length} 项（${from === to ? from : `${from}—${to}`}年到期）`,
          children: <List<Upcoming> size="small" split={false} dataSource={items} renderItem={(u) => <UpcomingRow item={u} withLabel />} />,
        },
      ]}
    />
  );
}

function UpcomingView({ list }: { list: UpcomingList }) {
  if (list.sections.length === 0 && list.earlier.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`本期活动均已开展或已计划，今后${UPCOMING_DAYS}天内没有到期事项`} />;
  }
  const dated = list.sections.filter((s) => s.kind !== 'period-obligation');
  const folded = foldedCounts(dated.map((s) => s.items.length));
  return (
    <>
      {list.sections.map((s) =>
        s.kind === 'period-obligation' ? <ObligationSection key={s.kind} section={s} /> : <DatedSection key={s.kind} section={s} folded={folded[dated.indexOf(s)]!} />,
      )}
      {list.earlier.length ? <EarlierLine items={list.earlier} /> : null}
    </>
  );
}

export function YearPage() {
  const { year } = useLedger();
  const [glance] = useApiData(() => call('cadence.year', { year }), [year]);
  if (!glance) return <Spin />;
  const overdue = glance.rows.reduce((n, r) => n + r.cells.filter((c) => c.state === 'overdue').length, 0);
  // The 'due' cells are this period's: only the year under way has them, and 近期待办 lists each as 本期待办.
  const due = glance.rows.reduce((n, r) => n + r.cells.filter((c) => c.state === 'due').length, 0);
  const thisYear = Number(glance.asOf.slice(0, 4)) === year;
  const today = chineseDate(glance.asOf);
  return (
    <div className="page">
      <Typography.Title level={3}>{year}年概览</Typography.Title>
      <Typography.Paragraph type="secondary">
        按制度要求（可在“支部设置 · 活动频次”中调整）列出本年每月、每季度应开展的活动。点击可查看记录或新建记录；计划的活动以草稿保存，召开后完善记录并定稿。
        {due ? ` 本期待办 ${due} 项（本月、本季度、本年尚未开展也未计划，列在近期待办之首）。` : ''}
        {overdue ? ` ${thisYear ? '往期' : `${year}年`}未开展 ${overdue} 项，可补充记录。` : ''}
      </Typography.Paragraph>
      <Card
        title={thisYear ? `近期待办（截至今天${today}及今后${UPCOMING_DAYS}天）` : `近期待办（以今天${today}计，不随所选的${year}年变化）`}
        extra={
          <Button size="small" onClick={() => go('/calendar')}>
            活动日历
          </Button>
        }
      >
        <section aria-label="近期待办">
          <UpcomingView list={glance.upcoming} />
        </section>
      </Card>
      <Card title="制度要求的活动" style={{ marginTop: 16 }}>
        <Table
          size="small"
          bordered
          className="glance-table"
          rowKey={(r) => `${r.typeId}-${r.group ?? ''}`}
          pagination={false}
          aria-label="本年活动"
          dataSource={glance.rows}
          locale={{ emptyText: '已在支部设置中关闭全部活动的检查' }}
          scroll={{ x: 960 }}
          columns={[
            { title: '组织', dataIndex: 'org', width: 64, fixed: 'left' },
            {
              title: '活动',
              width: 190,
              fixed: 'left',
              render: (_, r) => (
                <Tooltip title={`依据：${r.source}`}>
                  <span>
                    {r.group ? `${r.group} · ` : ''}
                    {r.label}
                  </span>
                </Tooltip>
              ),
            },
            ...QUARTERS.map((q, i) => ({ title: q, key: q, children: [1, 2, 3].map((m) => monthColumn(i * 3 + m, glance.booksStart)) })),
          ]}
        />
      </Card>
      <TalkMatrix />
      <Card title="本年其他提醒" style={{ marginTop: 16 }}>
        {glance.reminders.length ? <GapList gaps={glance.reminders} hint="。" /> : <Empty description="没有其他待办事项" />}
      </Card>
    </div>
  );
}
