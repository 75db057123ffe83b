import { useState } from 'react';
import { App as AntApp, Button, Popconfirm, Result, Spin, Tag } from 'antd';
import { recordType } from '../../../../shared/books/index';
import { isPlannable } from '../../../../shared/books/plan';
import { call } from '../../api';
import { showError } from '../../errors';
import { go } from '../../router';
import { PrintSheet } from '../../components/PrintSheet';
import { AttachmentsPanel } from './AttachmentsPanel';
import { RevisionsDrawer } from './RevisionsDrawer';
import { useExportDocx, useFullIds, usePrintDoc, useRecord } from './useRecord';
import { FullIdsSwitch } from '../../components/FullIdsSwitch';
import type { RecordDto } from '../../../../shared/methods/records';

function Loaded({ rec, reload }: { rec: RecordDto; reload: () => Promise<void> }) {
  const { message } = AntApp.useApp();
  const exportDocx = useExportDocx();
  const [history, setHistory] = useState(false);
  const ids = useFullIds(rec);
  const doc = usePrintDoc(rec, ids.fullIds);
  const def = recordType(rec.type);
  return (
    <>
      <div className="page-toolbar">
        <h2>
          {doc.title}
          {doc.subtitle && `（${doc.subtitle}）`} {rec.status === 'draft' && <Tag color="orange">草稿</Tag>}
        </h2>
        <Button onClick={() => go(`/records?type=${rec.type}`)}>返回列表</Button>
        {rec.status === 'draft' && isPlannable(rec.type) && (
          <Button type="primary" onClick={() => go(`/records/${rec.id}/edit?hold=1`)}>
            召开并记录
          </Button>
        )}
        <Button onClick={() => go(`/records/${rec.id}/edit`)}>编辑</Button>
        <Button onClick={() => setHistory(true)}>历史版本</Button>
        <Button onClick={() => go(`/print/${rec.id}`)}>打印预览</Button>
        {ids.offered && <FullIdsSwitch checked={ids.fullIds} onChange={ids.setFullIds} />}
        <Button onClick={() => exportDocx(rec.id, ids.fullIds)}>导出Word</Button>
        <Popconfirm
          title="删除这条记录？"
          description="记录会移到回收站，可以恢复。"
          onConfirm={async () => {
            try {
              await call('records.remove', { id: rec.id });
              message.success('已移到回收站');
              go(`/records?type=${def.id}`);
            } catch (e) {
              showError(e, message.error);
            }
          }}
        >
          <Button danger>删除</Button>
        </Popconfirm>
      </div>
      <AttachmentsPanel recordId={rec.id} />
      <PrintSheet doc={doc} />
      <RevisionsDrawer rec={rec} open={history} onClose={() => setHistory(false)} onRestored={() => void reload()} />
    </>
  );
}

export function RecordView({ id }: { id: number }) {
  const [rec, reload] = useRecord(id);
  if (rec === null) return <Spin />;
  if (rec === false) return <Result status="404" title="记录不存在或已删除" extra={<Button onClick={() => go('/records')}>返回</Button>} />;
  return <Loaded rec={rec} reload={reload} />;
}
