import { Card } from 'antd';
import { call } from '../../api';
import { useApiData } from '../../useApiData';
import { AddFilesButton, FileTiles, type FetchFile } from '../../components/AttachmentTiles';

const fetchAttachment: FetchFile = (id, thumb) => call('attachments.get', { id, thumb });

/** Photos and scans attached to a record: add, preview, download, detach. */
export function AttachmentsPanel({ recordId }: { recordId: number }) {
  const [items, reload] = useApiData(() => call('attachments.list', { recordId }), [recordId]);

  return (
    <Card
      size="small"
      title={`附件（${items?.length ?? 0}）`}
      className="no-print"
      style={{ marginBottom: 16 }}
      extra={<AddFilesButton ariaLabel="选择附件文件" upload={(f) => call('attachments.add', { recordId, ...f })} onDone={reload} />}
    >
      {items?.length ? (
        <FileTiles files={items} fetch={fetchAttachment} remove={(a) => call('attachments.remove', { id: a.id })} removeTitle="从本记录移除这个附件？" onRemoved={reload} />
      ) : (
        <span className="muted">可添加签到表扫描件、活动照片（JPG、PNG）或 PDF 文件，单个文件不超过 20 MB。</span>
      )}
    </Card>
  );
}
