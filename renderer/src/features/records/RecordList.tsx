import { useMemo, useState } from 'react';
import { Button, Dropdown, Empty, Input, Table, Tag } from 'antd';
import type { RecordSummary } from '../../../../shared/methods/records';
import { BOOK_TREE, printTitle, recordType, STATUS_LABELS, typesOf, type BookId, type RecordTypeDef } from '../../../../shared/books/index';
import { call } from '../../api';
import { useLedger } from '../../context';
import { go } from '../../router';
import { useApiData } from '../../useApiData';

/** Records of one type, or of a whole book, for the selected year. */
export function RecordList({ type, book }: { type: string | null; book: BookId | null }) {
  const { year } = useLedger();
  const [filter, setFilter] = useState('');
  const def: RecordTypeDef | null = type ? recordType(type) : null;
  const bookId = def?.book ?? book ?? 'branch-general';
  const bookDef = BOOK_TREE.find((b) => b.id === bookId)!;
  const [rows, , failed] = useApiData(() => call('records.list', { year, type, book: type ? null : bookId }), [year, type, bookId]);

  const shown = useMemo(() => {
    const f = filter.trim();
    if (!rows || !f) return rows ?? [];
    return rows.filter((r) => r.title.includes(f) || Object.values(r.cells).some((c) => c.includes(f)) || recordType(r.type).label.includes(f));
  }, [rows, filter]);

  const part = def ? bookDef.parts.find((p) => p.id === def.part) : null;
  const newButton = def ? (
    <Button type="primary" onClick={() => go(`/records/new?type=${def.id}`)}>
      新建{printTitle(def)}
    </Button>
  ) : (
    <Dropdown menu={{ items: typesOf(bookId).map((t) => ({ key: t.id, label: t.label })), onClick: ({ key }) => go(`/records/new?type=${key}`) }}>
      <Button type="primary">新建记录</Button>
    </Dropdown>
  );

  const columnFields = def ? def.listColumns.map((k) => def.fields.find((f) => f.key === k)!) : [];
  return (
    <>
      <div className="page-toolbar">
        <h2>
          {year}年 · {def ? def.label : bookDef.label}
        </h2>
        {def?.cadence && <span className="muted">{def.cadence}</span>}
        {part && part.rules.length > 0 && <Button onClick={() => go(`/rules?part=${part.id}`)}>本部分制度</Button>}
        <Input.Search allowClear placeholder="在列表中筛选" style={{ width: 200 }} onChange={(e) => setFilter(e.target.value)} />
        {newButton}
      </div>
      <Table<RecordSummary>
        rowKey="id"
        loading={rows === null && !failed}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={`${year}年还没有记录`} /> }}
        onRow={(r) => ({ onClick: () => go(`/records/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          ...(def ? [] : [{ title: '类型', dataIndex: 'type', render: (t: string) => <Tag>{recordType(t).label}</Tag> }]),
          ...(def?.kind === 'meeting' || !def ? [{ title: '次数', dataIndex: 'seq', width: 80, render: (n: number | null) => (n ? `第${n}次` : '') }] : []),
          { title: def?.dateLabel ?? '日期', dataIndex: 'date', width: 120, sorter: (a, b) => a.date.localeCompare(b.date), defaultSortOrder: 'descend' as const },
          ...(def
            ? columnFields.map((f) => ({ title: f.label, key: f.key, ellipsis: true, render: (_: unknown, r: RecordSummary) => r.cells[f.key] }))
            : [{ title: '标题', dataIndex: 'title', ellipsis: true }]),
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: RecordSummary['status'], r) => (
              <>
                {s === 'draft' && <Tag color="orange">{STATUS_LABELS.draft}</Tag>}
                {r.attachments > 0 && <Tag>附件{r.attachments}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
