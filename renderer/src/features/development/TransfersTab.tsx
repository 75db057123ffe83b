/** 组织关系转接 of every year, with the 转出 whose 回执 is overdue in red. */
import { Alert, Button, Table, Tag } from 'antd';
import type { TransferSummary } from '../../../../shared/methods/development';
import { call } from '../../api';
import { go } from '../../router';
import { useApiData } from '../../useApiData';

function ReceiptCell({ t }: { t: TransferSummary }) {
  if (t.direction !== '转出') return <span className="muted">—</span>;
  if (t.receiptDate) return <span>{t.receiptDate} 已退回</span>;
  if (t.overdue)
    return (
      <span>
        <Tag color="red">回执逾期</Tag>
        <span className="muted">有效期至{t.due}</span>
      </span>
    );
  return (
    <span>
      <Tag color="blue">待回执</Tag>
      <span className="muted">有效期至{t.due}</span>
    </span>
  );
}

export function TransfersTab() {
  const [rows, , failed] = useApiData(() => call('development.transfers'), []);
  const overdue = (rows ?? []).filter((t) => t.overdue);
  return (
    <>
      <div className="page-toolbar">
        <span style={{ flex: 1 }} className="muted">
          各年度的组织关系转接登记。转出的，回执退回前本支部仍负有管理责任。
        </span>
        <Button onClick={() => go('/records?type=membership-transfer')}>按年度查看</Button>
        <Button type="primary" onClick={() => go('/records/new?type=membership-transfer')}>
          登记组织关系转接
        </Button>
      </div>
      {overdue.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`有${overdue.length}份转出介绍信的回执逾期未退回：${overdue.map((t) => t.name).join('、')}`}
          description="介绍信有效期已过，回执尚未退回。回执退回前，本支部仍负有对该党员的管理责任，请与接收党组织联系；回执退回后在记录中填写回执退回日期。"
        />
      )}
      <Table<TransferSummary>
        rowKey="id"
        size="middle"
        loading={rows === null && !failed}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有组织关系转接记录' }}
        onRow={(t) => ({ onClick: () => go(`/records/${t.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '转接日期', dataIndex: 'date', width: 120 },
          { title: '转入/转出', dataIndex: 'direction', width: 100, render: (d: string) => <Tag color={d === '转出' ? 'orange' : 'green'}>{d}</Tag> },
          { title: '姓名', dataIndex: 'name', width: 110 },
          { title: '对方党组织全称', dataIndex: 'counterpart', ellipsis: true },
          { title: '介绍信编号', dataIndex: 'letterNo', width: 140 },
          { title: '回执', width: 230, render: (_, t) => <ReceiptCell t={t} /> },
        ]}
      />
    </>
  );
}
