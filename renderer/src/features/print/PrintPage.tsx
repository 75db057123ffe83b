import { useEffect } from 'react';
import { Button, Result, Spin } from 'antd';
import { meetingPrintDoc } from '../../../../shared/print/meeting';
import { useLedger } from '../../context';
import { go } from '../../router';
import { PrintSheet } from '../../components/PrintSheet';
import { useExportDocx, useMeeting } from '../meetings/useMeeting';

/** A4 print preview; 打印 opens Electron's or the browser's print dialog. */
export function PrintPage({ id }: { id: number }) {
  const { branch } = useLedger();
  const rec = useMeeting(id);
  const exportDocx = useExportDocx();
  useEffect(() => {
    document.body.classList.add('printing');
    return () => document.body.classList.remove('printing');
  }, []);
  if (rec === null) return <Spin />;
  if (rec === false) return <Result status="404" title="记录不存在或已删除" extra={<Button onClick={() => go('/meetings')}>返回</Button>} />;
  const doc = meetingPrintDoc(rec, branch.name);
  return (
    <div className="print-page">
      <div className="page-toolbar no-print" style={{ padding: '12px 24px', background: '#fff' }}>
        <h2>打印预览 · {doc.title}</h2>
        <span className="muted">A4 纸，公文格式；打印时请在对话框中选择“A4”、边距“默认”。</span>
        <Button type="primary" onClick={() => window.print()}>
          打印
        </Button>
        <Button onClick={() => exportDocx(id)}>导出Word</Button>
        <Button onClick={() => go(`/meetings/${id}`)}>返回</Button>
      </div>
      <div style={{ paddingTop: 16 }}>
        <PrintSheet doc={doc} />
      </div>
    </div>
  );
}
