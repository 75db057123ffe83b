/**
 * 本年概览: what the rules (as the branch has set them in 支部设置 · 活动频次)
 * expect this year, period by period: held, planned, due now, overdue, or
 * still to come; each links to its record or to a new one. Below, the other
 * things that are due (党费, 回执, 整改, drafts). A reminder, never a score.
 */
import { Card, Empty, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { GlanceRow } from '../../../../shared/methods/cadence';
import type { PeriodState } from '../../../../shared/rules/cadence';
import { call } from '../../api';
import { useLedger } from '../../context';
import { useApiData } from '../../useApiData';
import { GapList } from '../archive/GapList';
import './year.css';

export const STATE: Record<PeriodState, { text: string; color: string }> = {
  done: { text: '已开展', color: 'green' },
  planned: { text: '已计划', color: 'purple' },
  due: { text: '本期待办', color: 'blue' },
  overdue: { text: '未开展', color: 'orange' },
  later: { text: '未到', color: 'default' },
  before: { text: '—', color: 'default' },
};

function Cells({ row }: { row: GlanceRow }) {
  return (
    <Space size={4} wrap>
      {row.cells.map((c) => {
        const s = STATE[c.state];
        const tag = (
          <Tag color={s.color} className="year-cell">
            {c.label} {s.text}
          </Tag>
        );
        return c.state === 'before' ? (
          <Tooltip key={c.label} title="本支部在此之前尚未开始记录，不作要求">
            {tag}
          </Tooltip>
        ) : (
          <a key={c.label} href={`#${c.link}`} aria-label={`${row.group ? `${row.group}` : ''}${row.label} ${c.label} ${s.text}`}>
            {tag}
          </a>
        );
      })}
    </Space>
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
        按制度要求（可在“支部设置 · 活动频次”中调整）列出本年每月、每季度应开展的活动。点击可查看记录或新建记录；已计划的活动以草稿保存。
        {due ? ` 本期待办 ${due} 项。` : ''}
        {overdue ? ` 往期未开展 ${overdue} 项，可补充记录。` : ''}
      </Typography.Paragraph>
      <Card title="制度要求的活动">
        <Table
          size="small"
          rowKey={(r) => `${r.typeId}-${r.group ?? ''}`}
          pagination={false}
          aria-label="本年活动"
          dataSource={glance.rows}
          locale={{ emptyText: '已在支部设置中关闭全部活动的检查' }}
          columns={[
            {
              title: '活动',
              width: 220,
              render: (_, r) => (
                <Tooltip title={`依据：${r.source}`}>
                  <span>
                    {r.group ? `${r.group} · ` : ''}
                    {r.label}
                  </span>
                </Tooltip>
              ),
            },
            { title: '各期', render: (_, r) => <Cells row={r} /> },
          ]}
        />
      </Card>
      <Card title="其他提醒" style={{ marginTop: 16 }}>
        {glance.reminders.length ? <GapList gaps={glance.reminders} hint="。" /> : <Empty description="没有其他待办事项" />}
      </Card>
    </div>
  );
}
