import { App as AntApp, Button, Popconfirm, Table } from 'antd';
import type { TrashItem } from '../../../../shared/methods/records';
import { recordType } from '../../../../shared/books/index';
import { call } from '../../api';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';

export function TrashPage() {
  const { message } = AntApp.useApp();
  const [items, reload] = useApiData(() => call('records.trash'), []);

  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      message.success(done);
      await reload();
    } catch (e) {
      showError(e, message.error);
    }
  };

  return (
    <>
      <div className="page-toolbar">
        <h2>回收站</h2>
        <span className="muted">删除的记录先放在这里，可以恢复；彻底删除后无法找回。</span>
      </div>
      <Table<TrashItem>
        rowKey="id"
        dataSource={items ?? []}
        loading={items === null}
        locale={{ emptyText: '回收站是空的' }}
        columns={[
          { title: '类型', dataIndex: 'type', render: (t: string) => recordType(t).label },
          { title: '日期', dataIndex: 'date' },
          { title: '标题', dataIndex: 'title' },
          { title: '删除时间', dataIndex: 'deletedAt', render: (d: string) => new Date(d).toLocaleString('zh-CN') },
          {
            title: '操作',
            render: (_, it) => (
              <>
                <Button type="link" onClick={() => act(() => call('records.restore', { id: it.id }), '已恢复')}>
                  恢复
                </Button>
                <Popconfirm title="彻底删除后无法找回，确定吗？" onConfirm={() => act(() => call('records.purge', { id: it.id }), '已彻底删除')}>
                  <Button type="link" danger>
                    彻底删除
                  </Button>
                </Popconfirm>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
