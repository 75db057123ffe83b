import { Button, Dropdown, Empty, Table, Tag } from 'antd';
import type { RecordSummary } from '../../../../shared/contract';
import { MEETING_TYPES, meetingType, type MeetingTypeId } from '../../../../shared/books/meetings';
import { call } from '../../api';
import { useLedger } from '../../context';
import { useApiData } from '../../useApiData';
import { go } from '../../router';

export function MeetingList({ type }: { type: string | null }) {
  const { year } = useLedger();
  const def = type ? MEETING_TYPES.find((t) => t.id === type) : undefined;
  const [rows, , failed] = useApiData(() => call('records.list', { year, type: (def?.id as MeetingTypeId | undefined) ?? null }), [year, def]);

  const newButton = def ? (
    <Button type="primary" onClick={() => go(`/meetings/new?type=${def.id}`)}>
      新建{def.label}记录
    </Button>
  ) : (
    <Dropdown menu={{ items: MEETING_TYPES.map((t) => ({ key: t.id, label: t.label })), onClick: ({ key }) => go(`/meetings/new?type=${key}`) }}>
      <Button type="primary">新建记录</Button>
    </Dropdown>
  );

  return (
    <>
      <div className="page-toolbar">
        <h2>
          {year}年 · {def ? def.label : '三会一课'}
        </h2>
        {def && <span className="muted">{def.cadence}</span>}
        {newButton}
      </div>
      <Table<RecordSummary>
        rowKey="id"
        loading={rows === null && !failed}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={`${year}年还没有记录`} /> }}
        onRow={(r) => ({ onClick: () => go(`/meetings/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          ...(def ? [] : [{ title: '类型', dataIndex: 'type', render: (t: MeetingTypeId) => <Tag>{meetingType(t).label}</Tag> }]),
          { title: '次数', dataIndex: 'seq', width: 80, render: (n: number) => `第${n}次` },
          { title: '日期', dataIndex: 'date', width: 120, sorter: (a, b) => a.date.localeCompare(b.date), defaultSortOrder: 'descend' as const },
          { title: '党小组', dataIndex: 'groupName', render: (g: string | null) => g ?? '' },
          { title: '地点', dataIndex: 'location' },
          { title: '主持人', dataIndex: 'host' },
          { title: '应到/实到', render: (_, r) => `${r.expected} / ${r.present}` },
          { title: '议题', dataIndex: 'topics', render: (t: string[]) => t.join('；'), ellipsis: true },
        ]}
      />
    </>
  );
}
