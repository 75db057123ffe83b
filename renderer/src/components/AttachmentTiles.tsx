/**
 * The pieces every attachment list shares (a record's, a 发展党员 step's): the
 * picker that reads files and makes their previews, and the tiles that show a
 * thumbnail (or a PDF icon), the name and size, 下载 and 移除. What a file is
 * attached to comes in as functions (fetch, upload, remove).
 */
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Image, Popconfirm, Space, Tag, Typography } from 'antd';
import type { AttachmentContent, FileDto } from '../../../shared/methods/files';
import { formatSize } from '../../../shared/print/display';
import { showError } from '../errors';
import { saveFile } from '../download';
import { dataUrl, fileToBase64, thumbnail } from '../features/records/attachmentFiles';

/** Read a file or its thumbnail. */
export type FetchFile = (id: number, thumb: boolean) => Promise<AttachmentContent>;
/** A picked file, ready to send. */
export interface FileUploadData {
  name: string;
  base64: string;
  thumbBase64: string | null;
}

const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

/** The thumbnail of an image (click to see it whole), or an icon for a PDF. */
export function FileThumb({ file, fetch, width = 120, height = 90 }: { file: FileDto; fetch: FetchFile; width?: number; height?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  const [full, setFull] = useState<string | null>(null);
  useEffect(() => {
    if (file.hasThumb) void fetch(file.id, true).then((c) => setSrc(dataUrl(c.mime, c.base64)), () => setSrc(null));
    // fetch is a new function on every render of the owner; the file decides what to load
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file.id, file.hasThumb]);
  if (!file.hasThumb || !src) {
    // An image without a thumbnail is one this computer could not decode when it was added: intact, kept, not missing.
    return (
      <div className="attachment-icon" style={{ width, height }} title={file.mime.startsWith('image/') ? '这张图片无法预览，可下载后用其他软件打开' : undefined}>
        {file.mime === 'application/pdf' ? 'PDF' : file.mime.startsWith('image/') ? '无法预览的图片' : '文件'}
      </div>
    );
  }
  return (
    <Image
      src={src}
      alt={file.name}
      width={width}
      height={height}
      style={{ objectFit: 'cover' }}
      preview={{
        src: full ?? src,
        onOpenChange: (open) => {
          if (open && !full) void fetch(file.id, false).then((c) => setFull(dataUrl(c.mime, c.base64)));
        },
      }}
    />
  );
}

/**
 * A hidden file input and its button: each picked file is read, given a
 * preview when it is an image, and uploaded; failures name the file.
 */
export function AddFilesButton(props: {
  /** The input's label (tests pick files through it). */
  ariaLabel: string;
  /** The answer of an upload carries a warning when the file is kept but cannot be shown as an image. */
  upload: (f: FileUploadData) => Promise<{ warning?: string }>;
  /** After the last file, whether or not all went in. */
  onDone: () => Promise<void> | void;
  size?: 'small' | 'middle';
  disabled?: boolean;
}) {
  const { ariaLabel, upload, onDone, size, disabled } = props;
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    for (const file of Array.from(files)) {
      try {
        const added = await upload({ name: file.name, base64: await fileToBase64(file), thumbBase64: await thumbnail(file) });
        if (added.warning) message.warning(`已添加 ${file.name}：${added.warning}`, 8);
        else message.success(`已添加 ${file.name}`);
      } catch (e) {
        showError(e, (m, seconds) => message.error(`${file.name}：${m}`, seconds));
      }
    }
    setBusy(false);
    if (input.current) input.current.value = '';
    await onDone();
  };

  return (
    <>
      <input ref={input} type="file" multiple accept={ACCEPT} style={{ display: 'none' }} aria-label={ariaLabel} onChange={(e) => void add(e.target.files)} />
      <Button size={size} loading={busy} disabled={disabled} onClick={() => input.current?.click()}>
        添加附件
      </Button>
    </>
  );
}

/** The files as tiles: thumbnail, name, size, 下载 and (unless read-only) 移除 after a confirmation. */
export function FileTiles(props: {
  files: FileDto[];
  fetch: FetchFile;
  /** Omit for a read-only list. */
  remove?: (f: FileDto) => Promise<unknown>;
  removeTitle: string;
  onRemoved: () => Promise<void> | void;
  compact?: boolean;
  testId?: string;
}) {
  const { files, fetch, remove, removeTitle, onRemoved, compact, testId = 'attachment' } = props;
  const { message } = AntApp.useApp();
  const [w, h] = compact ? [64, 48] : [120, 90];

  const download = async (f: FileDto) => {
    try {
      const c = await fetch(f.id, false);
      saveFile({ fileName: f.name, mimeType: c.mime, base64: c.base64 });
    } catch (e) {
      showError(e, message.error);
    }
  };

  return (
    <Space wrap size={compact ? 'middle' : 'large'} align="start">
      {files.map((f) => (
        <div key={f.id} className="attachment" data-testid={testId} style={{ width: w + 4 }}>
          <FileThumb file={f} fetch={fetch} width={w} height={h} />
          <Typography.Text ellipsis style={{ width: w, display: 'block', fontSize: compact ? 12 : undefined }} title={f.name}>
            {f.name}
          </Typography.Text>
          {!compact && <Tag>{formatSize(f.size)}</Tag>}
          <div>
            <Button size="small" type="link" style={compact ? { padding: 0, marginRight: 8 } : undefined} onClick={() => download(f)} aria-label={`下载${f.name}`}>
              下载
            </Button>
            {remove && (
              <Popconfirm
                title={removeTitle}
                onConfirm={async () => {
                  try {
                    await remove(f);
                    await onRemoved();
                  } catch (e) {
                    showError(e, message.error);
                  }
                }}
              >
                <Button size="small" type="link" danger style={compact ? { padding: 0 } : undefined} aria-label={`移除${f.name}`}>
                  移除
                </Button>
              </Popconfirm>
            )}
          </div>
        </div>
      ))}
    </Space>
  );
}
