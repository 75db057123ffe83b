/** The candidates by stage: 申请入党 → 入党积极分子 → 发展对象 → 预备党员 → 转正完成. */
import { Badge, Card, Collapse, Empty, Spin, Table, Tag, Tooltip } from 'antd';
import type { DevelopmentCaseSummary } from '../../../../shared/methods/development';
import { BOARD_COLUMNS } from '../../../../shared/rules/development';
import { dueText, LEVEL_COLOR, stepLabel } from './format';

function CaseCard({ c, onOpen }: { c: DevelopmentCaseSummary; onOpen: () => void }) {
  const next = c.next;
  return (
    <Card size="small" className="dev-card" hoverable onClick={onOpen} role="button" aria-label={c.name}>
      <div className="dev-card-head">
        <span className="dev-card-name">{c.name}</span>
        {c.warnings > 0 && c.worst && (
          <Tooltip title={`${c.warnings}条提醒，打开查看`}>
            <Badge count={c.warnings} color={LEVEL_COLOR[c.worst]} aria-label={`${c.warnings}条提醒`} />
          </Tooltip>
        )}
        {c.closedAt && <Tag>{c.closedReason || '已结束'}</Tag>}
      </div>
      <div className="dev-card-line muted">{c.current ? `${stepLabel(c.current.step, c.current.name)} · ${c.current.date}` : '尚未登记步骤'}</div>
      {next && (
        <div className={`dev-card-line${next.overdue ? ' dev-overdue' : ''}`}>
          下一步：{stepLabel(next.step, next.name)}
          {next.due && ` · ${dueText(next)}`}
          {next.overdue && '（已逾期）'}
        </div>
      )}
    </Card>
  );
}

export function Board({ cases, failed, onOpen }: { cases: DevelopmentCaseSummary[] | null; failed: boolean; onOpen: (id: number) => void }) {
  if (cases === null) return failed ? <Empty description="读取失败" /> : <Spin />;
  const onBoard = cases.filter((c) => c.closedAt === null || c.closedReason === '转正完成');
  const ended = cases.filter((c) => c.closedAt !== null && c.closedReason !== '转正完成');
  return (
    <>
      <div className="dev-board">
        {BOARD_COLUMNS.map((col) => {
          const here = onBoard.filter((c) => (c.closedReason === '转正完成' ? 'full' : c.column) === col.key);
          return (
            <section key={col.key} className="dev-column" aria-label={col.label}>
              <h3>
                {col.label} <span className="muted">{here.length}</span>
              </h3>
              {here.length === 0 ? <div className="dev-empty muted">暂无</div> : here.map((c) => <CaseCard key={c.id} c={c} onOpen={() => onOpen(c.id)} />)}
            </section>
          );
        })}
      </div>
      {cases.length === 0 && <Empty style={{ marginTop: 24 }} description="还没有发展党员记录。收到入党申请书后，点“新建发展对象”开始登记。" />}
      {ended.length > 0 && (
        <Collapse
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'ended',
              label: `已结束的发展记录（${ended.length}）`,
              children: (
                <Table<DevelopmentCaseSummary>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={ended}
                  onRow={(c) => ({ onClick: () => onOpen(c.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '姓名', dataIndex: 'name' },
                    { title: '结束原因', dataIndex: 'closedReason' },
                    { title: '最后步骤', render: (_, c) => (c.current ? `${stepLabel(c.current.step, c.current.name)} · ${c.current.date}` : '—') },
                    { title: '结束时间', dataIndex: 'closedAt', render: (t: string) => t.slice(0, 10) },
                  ]}
                />
              ),
            },
          ]}
        />
      )}
    </>
  );
}
