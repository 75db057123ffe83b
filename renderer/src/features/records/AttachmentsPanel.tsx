import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Card, Image, Popconfirm, Space, Tag, Typography } from 'antd';
import type { AttachmentDto } from '../../../../shared/contract';
import { call } from '../../api';
import { showError } from '../../errors';
import { saveFile } from '../../download';
import { useApiData } from '../../useApiData';
import { dataUrl, fileToBase64, thumbnail } from './attachmentFiles';

function Thumb({ a }: { a: AttachmentDto }) {
  const [src, setSrc] = useState<string | null>(null);
  const [full, setFull] = useState<string | null>(null);
  useEffect(() => {
    if (a.hasThumb) void call('attachments.get', { id: a.id, thumb: true }).then((c) => setSrc(dataUrl(c.mime, c.base64)), () => setSrc(null));
  }, [a.id, a.hasThumb]);
  if (!a.hasThumb || !src) return <div className="attachment-icon">{a.mime === 'application/pdf' ? 'PDF' : '文件'}</div>;
  return (
    <Image
      src={src}
      alt={a.name}
      width={120}
      height={90}
      style={{ objectFit: 'cover' }}
      preview={{
        src: full ?? src,
        onOpenChange: (open) => {
          if (open && !full) void call('attachments.get', { id: a.id, thumb: false }).then((c) => setFull(dataUrl(c.mime, c.base64)));
        },
      }}
    />
  );
}

/** Photos and scans attached to a record: add, preview, download, detach. */
export function AttachmentsPanel({ recordId }: { recordId: number }) {
  const { message } = AntApp.useApp();
  const [items, reload] = useApiData(() => call('attachments.list', { recordId }), [recordId]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    for (const file of Array.from(files)) {
      try {
        await call('attachments.add', { recordId, name: file.name, base64: await fileToBase64(file), thumbBase64: await thumbnail(file) });
        message.success(`已添加 ${file.name}`);
      } catch (e) {
        showError(e, (m) => message.error(`${file.name}：${m}`));
      }
    }
    setBusy(false);
    if (input.current) input.current.value = '';
    await reload();
  };

  const download = async (a: AttachmentDto) => {
    try {
      const c = await call('attachments.get', { id: a.id, thumb: false });
      saveFile({ fileName: a.name, mimeType: c.mime, base64: c.base64 });
    } catch (e) {
      showError(e, message.error);
    }
  };

  return (
    <Card
      size="small"
      title={`附件（${items?.length ?? 0}）`}
      className="no-print"
      style={{ marginBottom: 16 }}
      extra={
        <>
          <input
            ref={input}
            type="file"
            multiple
            accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
            style={{ display: 'none' }}
            aria-label="选择附件文件"
            onChange={(e) => void add(e.target.files)}
          />
          <Button loading={busy} onClick={() => input.current?.click()}>
            添加附件
          </Button>
        </>
      }
    >
      {items?.length ? (
        <Space wrap size="large" align="start">
          {items.map((a) => (
            <div key={a.id} className="attachment" data-testid="attachment">
              <Thumb a={a} />
              <Typography.Text ellipsis style={{ width: 120, display: 'block' }} title={a.name}>
                {a.name}
              </Typography.Text>
              <Tag>{(a.size / 1024).toFixed(a.size < 10240 ? 1 : 0)} KB</Tag>
              <div>
                <Button size="small" type="link" onClick={() => download(a)}>
                  下载
                </Button>
                <Popconfirm
                  title="从本记录移除这个附件？"
                  onConfirm={async () => {
                    try {
                      await call('attachments.remove', { id: a.id });
                      await reload();
                    } catch (e) {
                      showError(e, message.error);
                    }
                  }}
                >
                  <Button size="small" type="link" danger>
                    移除
                  </Button>
                </Popconfirm>
              </div>
            </div>
          ))}
        </Space>
      ) : (
        <span className="muted">可添加签到表扫描件、活动照片（JPG、PNG）或 PDF 文件，单个文件不超过 20 MB。</span>
      )}
    </Card>
  );
}
