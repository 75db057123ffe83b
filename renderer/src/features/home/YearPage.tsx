/**
 * 本年概览, the start page: what is due soon (activities planned, 发展党员
 * steps, 回执, 整改), then what the rules (as the branch has set them in 支部设置 ·
 * 活动频次) expect this year, period by period: held, planned, due now,
 * overdue, or still to come, each linking to its record or to a new one; then
 * the year's other gaps (党费, drafts). A reminder, never a score.
 */
import { useState } from 'react';
import { Button, Card, Empty, List, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { GlanceRow, Upcoming } from '../../../../shared/methods/cadence';
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

/** How many upcoming items show before 显示全部: a long list of old 回执 should not push the year off the page. */
const FIRST_ITEMS = 8;

function UpcomingList({ items }: { items: Upcoming[] }) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`今后${UPCOMING_DAYS}天内没有计划的活动或到期事项`} />;
  return (
    <List<Upcoming>
      size="small"
      dataSource={all ? items : items.slice(0, FIRST_ITEMS)}
      footer={
        items.length > FIRST_ITEMS ? (
          <Button type="link" size="small" onClick={() => setAll(!all)}>
            {all ? '收起' : `显示全部${items.length}项`}
          </Button>
        ) : null
      }
      renderItem={(u) => (
        <List.Item>
          <Space>
            <UpcomingTag item={u} />
            <Typography.Text type="secondary">{u.label}</Typography.Text>
            <Tooltip title={`依据：${u.source}`}>
              <a href={`#${u.link}`}>{u.message}</a>
            </Tooltip>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function YearPage() {
  const { year } = useLedger();
  const [glance] = useApiData(() => call('cadence.year', { year }), [year]);
  if (!glance) return <Spin />;
  const overdue = glance.rows.reduce((n, r) => n + r.cells.filter((c) => c.state === 'overdue').length, 0);
  const due = glance.rows.reduce((n, r) => n + r.cells.filter((c) => c.state === 'due').length, 0);
  return (
    <div className="page">
      <Typography.Title level={3}>{year}年概览</Typography.Title>
      <Typography.Paragraph type="secondary">
        按制度要求（可在“支部设置 · 活动频次”中调整）列出本年每月、每季度应开展的活动。点击可查看记录或新建记录；计划的活动以草稿保存，召开后完善记录并定稿。
        {due ? ` 本期待办 ${due} 项。` : ''}
        {overdue ? ` 往期未开展 ${overdue} 项，可补充记录。` : ''}
      </Typography.Paragraph>
      <Card
        title={`近期待办（截至今天及今后${UPCOMING_DAYS}天）`}
        extra={
          <Button size="small" onClick={() => go('/calendar')}>
            活动日历
          </Button>
        }
      >
        <section aria-label="近期待办">
          <UpcomingList items={glance.upcoming} />
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
