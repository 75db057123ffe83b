import { useState } from 'react';
import { App as AntApp, Button, Drawer, Empty, List, Popconfirm, Table, Tag } from 'antd';
import type { RecordDto, RevisionDto } from '../../../../shared/methods/records';
import { recordType, STATUS_LABELS } from '../../../../shared/books/index';
import { chineseDate } from '../../../../shared/dates';
import { displayValue, recordText } from '../../../../shared/print/display';
import { call } from '../../api';
import { useLedger } from '../../context';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';

interface Row {
  key: string;
  label: string;
  old: string;
  now: string;
}

/** Every field of two versions side by side, changed ones marked. */
function compare(rec: RecordDto, rev: RevisionDto, groupName: (id: number) => string | null): Row[] {
  const def = recordType(rec.type);
  const ctx = { groupName };
  const text = (f: (typeof def.fields)[number], data: Record<string, unknown>) =>
    f.kind === 'table' || f.kind === 'attendance' || f.kind === 'motions'
      ? recordText({ ...def, fields: [f] }, data, ctx)
      : displayValue(f, data[f.key], ctx);
  return [
    { key: '_date', label: def.dateLabel, old: chineseDate(rev.date), now: chineseDate(rec.date) },
    { key: '_status', label: '记录状态', old: STATUS_LABELS[rev.status], now: STATUS_LABELS[rec.status] },
    ...def.fields.map((f) => ({ key: f.key, label: f.label, old: text(f, rev.data), now: text(f, rec.data) })),
  ];
}

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** 历史版本: what each save of a 定稿 changed, a side-by-side view, and restore. */
export function RevisionsDrawer({ rec, open, onClose, onRestored }: { rec: RecordDto; open: boolean; onClose: () => void; onRestored: () => void }) {
  const { message } = AntApp.useApp();
  const { branch } = useLedger();
  const [list] = useApiData(() => (open ? call('records.revisions', { id: rec.id }) : Promise.resolve([])), [open, rec.id, rec.updatedAt]);
  const [selected, setSelected] = useState<RevisionDto | null>(null);
  const names = new Map(branch.groups.map((g) => [g.id, g.name]));

  const rows = selected ? compare(rec, selected, (id) => names.get(id) ?? rec.groupName) : [];
  return (
    <Drawer title="历史版本" open={open} onClose={onClose} size={selected ? 960 : 420} destroyOnHidden>
      {!list?.length ? (
        <Empty description="还没有历史版本：定稿的记录每次修改后，修改前的内容会保留在这里" />
      ) : (
        <List
          size="small"
          dataSource={list}
          renderItem={(r) => (
            <List.Item
              actions={[
                <Button key="v" size="small" onClick={async () => setSelected(await call('records.revision', { id: r.id }))}>
                  对比
                </Button>,
              ]}
            >
              <List.Item.Meta title={`${when(r.savedAt)} 修改前的版本`} description={r.changed.length ? `此次修改：${r.changed.join('、')}` : '内容相同'} />
            </List.Item>
          )}
        />
      )}
      {selected && (
        <>
          <div className="page-toolbar" style={{ marginTop: 16 }}>
            <h2 style={{ fontSize: 16 }}>{when(selected.savedAt)} 修改前的版本 与 当前版本</h2>
            <Popconfirm
              title="恢复为这个版本？"
              description="当前内容会作为历史版本保留。"
              onConfirm={async () => {
                try {
                  await call('records.restoreRevision', { id: selected.id });
                  message.success('已恢复');
                  setSelected(null);
                  onRestored();
                } catch (e) {
                  showError(e, message.error);
                }
              }}
            >
              <Button type="primary">恢复此版本</Button>
            </Popconfirm>
          </div>
          <Table<Row>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            rowClassName={(r) => (r.old !== r.now ? 'diff-changed' : '')}
            columns={[
              { title: '项目', dataIndex: 'label', width: 140, render: (l: string, r) => (r.old !== r.now ? <Tag color="orange">{l}</Tag> : l) },
              { title: '历史版本', dataIndex: 'old', render: (t: string) => <span className="pre">{t}</span> },
              { title: '当前版本', dataIndex: 'now', render: (t: string) => <span className="pre">{t}</span> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
