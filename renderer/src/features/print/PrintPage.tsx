import { useEffect, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import type { RecordDto } from '../../../../shared/methods/records';
import { call } from '../../api';
import { go } from '../../router';
import { PrintSheet, type PrintImage } from '../../components/PrintSheet';
import { PrintToolbar } from '../../components/PrintToolbar';
import { dataUrl } from '../records/attachmentFiles';
import { withinImageLimits } from '../../../../shared/print/display';
import { useExportDocx, useFullIds, usePrintDoc, useRecord } from '../records/useRecord';
import { FullIdsSwitch } from '../../components/FullIdsSwitch';

/** Whether the browser can show an image: its size within the limits of the exports, read before it is decoded, then decoded. */
async function showable(src: string): Promise<boolean> {
  const img = new Image();
  const loaded = await new Promise<boolean>((resolve) => {
    img.onload = () => resolve(true);
    img.onerror = () => resolve(false);
    img.src = src;
  });
  if (!loaded || !withinImageLimits(img.naturalWidth, img.naturalHeight)) return false;
  return img.decode().then(
    () => true,
    () => false,
  );
}

/** The record's attachments for paper: images in full, other files by name (and why an image is not shown). */
function useAttachmentsForPrint(id: number) {
  const [images, setImages] = useState<PrintImage[]>([]);
  const [others, setOthers] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void (async () => {
      const list = await call('attachments.list', { recordId: id });
      const imgs: PrintImage[] = [];
      const listed = list.filter((x) => !x.mime.startsWith('image/')).map((x) => `${x.name}（PDF，另行打印）`);
      for (const a of list.filter((x) => x.mime.startsWith('image/'))) {
        // as the volume lists them: a file gone or altered, or an intact image no page can show
        const src = await call('attachments.get', { id: a.id, thumb: false }).then((c) => dataUrl(c.mime, c.base64), () => null);
        if (src === null) listed.push(`${a.name}（文件缺失或已损坏）`);
        else if (await showable(src)) imgs.push({ name: a.name, src });
        else listed.push(`${a.name}（无法显示的图片）`);
      }
      if (live) {
        setImages(imgs);
        setOthers(listed);
      }
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  return { images, others };
}

function Sheet({ rec }: { rec: RecordDto }) {
  const ids = useFullIds(rec);
  const doc = usePrintDoc(rec, ids.fullIds);
  const exportDocx = useExportDocx();
  const { images, others } = useAttachmentsForPrint(rec.id);
  return (
    <div className="print-page">
      <PrintToolbar title={doc.title} hint="A4 纸，公文格式；打印时请在对话框中选择“A4”、边距“默认”。" onBack={() => go(`/records/${rec.id}`)}>
        {ids.offered && <FullIdsSwitch checked={ids.fullIds} onChange={ids.setFullIds} />}
        <Button onClick={() => exportDocx(rec.id, ids.fullIds)}>导出Word</Button>
      </PrintToolbar>
      <div style={{ paddingTop: 16 }}>
        <PrintSheet doc={doc} images={images} others={others} />
      </div>
    </div>
  );
}

/** A4 print preview; 打印 opens Electron's or the browser's print dialog. */
export function PrintPage({ id }: { id: number }) {
  const [rec] = useRecord(id);
  if (rec === null) return <Spin />;
  if (rec === false) return <Result status="404" title="记录不存在或已删除" extra={<Button onClick={() => go('/records')}>返回</Button>} />;
  return <Sheet rec={rec} />;
}
