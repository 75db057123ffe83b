import { App as AntApp, Button, Popconfirm, Result, Spin } from 'antd';
import { meetingPrintDoc } from '../../../../shared/print/meeting';
import { call } from '../../api';
import { useLedger } from '../../context';
import { showError } from '../../errors';
import { go } from '../../router';
import { PrintSheet } from '../../components/PrintSheet';
import { useExportDocx, useMeeting } from './useMeeting';

export function MeetingView({ id }: { id: number }) {
  const { message } = AntApp.useApp();
  const { branch } = useLedger();
  const rec = useMeeting(id);
  const exportDocx = useExportDocx();
  if (rec === null) return <Spin />;
  if (rec === false) return <Result status="404" title="记录不存在或已删除" extra={<Button onClick={() => go('/meetings')}>返回列表</Button>} />;

  const doc = meetingPrintDoc(rec, branch.name);
  return (
    <>
      <div className="page-toolbar">
        <h2>
          {doc.title}（{doc.subtitle}）
        </h2>
        <Button onClick={() => go(`/meetings?type=${rec.type}`)}>返回列表</Button>
        <Button onClick={() => go(`/meetings/${id}/edit`)}>编辑</Button>
        <Button onClick={() => go(`/print/${id}`)}>打印预览</Button>
        <Button onClick={() => exportDocx(id)}>导出Word</Button>
        <Popconfirm
          title="删除这条记录？"
          description="记录会移到回收站，可以恢复。"
          onConfirm={async () => {
            try {
              await call('records.remove', { id });
              message.success('已移到回收站');
              go(`/meetings?type=${rec.type}`);
            } catch (e) {
              showError(e, message.error);
            }
          }}
        >
          <Button danger>删除</Button>
        </Popconfirm>
      </div>
      <PrintSheet doc={doc} />
    </>
  );
}
