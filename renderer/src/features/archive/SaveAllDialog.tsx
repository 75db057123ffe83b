/**
 * 全部保存到…: every file of one export into a new folder on a U盘 (or any
 * folder), <支部名称>-<年度>年度归档, in one go. The folder is chosen as for
 * 备份到U盘; the name it will get is shown first (（2）… when one of that name
 * is there, which is never overwritten); then a progress bar by bytes with the
 * file at hand and 取消, and at the end where it went, how much, and every file
 * with the sha256 it was read back with.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Modal, Progress, Spin, Table, Typography } from 'antd';
import type { ExportFileInfo, SaveJob, SaveTarget } from '../../../../shared/archive/model';
import { exportIdLabel } from '../../../../shared/archive/model';
import { formatSize } from '../../../../shared/print/display';
import { call } from '../../api';
import { FolderInput, firstDestination } from '../../components/FolderInput';
import { useApiData } from '../../useApiData';
import { useJob } from './useJob';

/** Where the save would go in the folder typed so far, or why it cannot. */
function useTarget(year: number, folder: string, active: boolean): { target: SaveTarget | null; problem: string | null } {
  const [found, setFound] = useState<{ target: SaveTarget | null; problem: string | null }>({ target: null, problem: null });
  useEffect(() => {
    setFound({ target: null, problem: null });
    if (!active || !folder.trim()) return;
    let live = true;
    // Asked once typing pauses, not at every key.
    const timer = window.setTimeout(() => {
      call('archive.saveTarget', { year, folder }).then(
        (target) => live && setFound({ target, problem: null }),
        (e: unknown) => live && setFound({ target: null, problem: (e as Error).message }),
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [year, folder, active]);
  return found;
}

export function SaveAllDialog({ year, exportId, files, onClose }: { year: number; exportId: string; files: ExportFileInfo[]; onClose: () => void }) {
  const [destinations] = useApiData(() => call('backup.destinations'), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const { job, setJob, track } = useJob<SaveJob>((id) => call('archive.saveJob', { id }));
  const folder = chosen ?? (destinations ? firstDestination(destinations) : '');
  const { target, problem } = useTarget(year, folder, job === null);
  const running = job?.state === 'running';
  const bytes = files.reduce((n, f) => n + f.size, 0);

  const start = () => track(call('archive.saveAll', { year, exportId, folder }));
  const cancel = () => job && track(call('archive.saveCancel', { id: job.id }));

  const footer = !job
    ? [
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button key="start" type="primary" disabled={!target} onClick={() => void start()}>
          开始保存
        </Button>,
      ]
    : running
      ? [
          <Button key="cancel" danger onClick={() => void cancel()}>
            取消保存
          </Button>,
        ]
      : [
          ...(job.state === 'done'
            ? []
            : [
                <Button key="back" onClick={() => setJob(null)}>
                  重新选择
                </Button>,
              ]),
          <Button key="close" type="primary" onClick={onClose}>
            {job.state === 'done' ? '完成' : '关闭'}
          </Button>,
        ];

  return (
    <Modal open title="全部保存到U盘或文件夹" width={760} footer={footer} onCancel={onClose} closable={!running} mask={{ closable: false }} keyboard={!running} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {exportIdLabel(exportId)} 生成的 {files.length} 个文件（共 {formatSize(bytes)}）将一起保存到所选位置的一个新文件夹中，写完后逐一读回核对。
      </Typography.Paragraph>
      {!job ? (
        <Form layout="vertical">
          <Form.Item label="保存到">
            {destinations ? <FolderInput label="保存到的文件夹" value={folder} onChange={setChosen} destinations={destinations} /> : <Spin size="small" />}
          </Form.Item>
          <Form.Item label="将新建文件夹" style={{ marginBottom: 0 }}>
            <div role="status" aria-label="将新建的文件夹">
              {target ? (
                <>
                  <Typography.Text strong>{target.name}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{target.folder}</Typography.Text>
                  {target.name !== target.baseName && (
                    <Alert
                      style={{ marginTop: 8 }}
                      type="warning"
                      showIcon
                      title={`该位置已有“${target.baseName}”，不会覆盖它，本次将保存为“${target.name}”。`}
                    />
                  )}
                </>
              ) : problem ? (
                <Typography.Text type="danger">{problem}</Typography.Text>
              ) : folder.trim() ? (
                <Spin size="small" />
              ) : (
                <Typography.Text type="secondary">请先选择U盘或文件夹</Typography.Text>
              )}
            </div>
          </Form.Item>
        </Form>
      ) : (
        <>
          <Progress
            percent={Math.floor((job.done / Math.max(1, job.total)) * 100)}
            status={job.state === 'failed' ? 'exception' : running ? 'active' : job.state === 'cancelled' ? 'normal' : 'success'}
            aria-label="保存进度"
          />
          <Typography.Paragraph role="status">{job.phase}</Typography.Paragraph>
          {job.state === 'failed' && <Alert type="error" showIcon title="保存未完成，目标文件夹中没有留下不完整的文件夹" description={job.error} />}
          {job.state === 'cancelled' && <Alert type="info" showIcon title="已取消，目标文件夹中没有留下任何文件" />}
          {job.state === 'done' && (
            <>
              <Alert
                type="success"
                showIcon
                title={`${job.files.length} 个文件已保存到 ${job.folder}`}
                description={`共 ${formatSize(job.bytes)}，已逐一读回核对，每个文件的 SHA-256 校验值都与归档文件一致。`}
                style={{ marginBottom: 12 }}
              />
              <Table
                size="small"
                rowKey="name"
                pagination={false}
                scroll={{ y: 240 }}
                aria-label="已保存的文件"
                dataSource={job.files}
                columns={[
                  { title: '文件', dataIndex: 'name', ellipsis: true },
                  { title: '大小', render: (_, f) => formatSize(f.size), width: 90, align: 'right' },
                  {
                    title: 'SHA-256（已核对）',
                    dataIndex: 'sha256',
                    width: 210,
                    render: (sha: string) => (
                      <Typography.Text code copyable={{ text: sha, tooltips: ['复制完整校验值', '已复制'] }} title={sha}>
                        {sha.slice(0, 12)}…
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
