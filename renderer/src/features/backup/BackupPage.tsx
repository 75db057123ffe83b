/**
 * 数据备份: the automatic backups in the data folder (立即备份, 校验, 恢复),
 * 备份到U盘/文件夹 (one file), and 从备份恢复 (a file on a U盘 or a folder),
 * with the copies of the data saved before each restore.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, InputNumber, Space, Spin, Typography } from 'antd';
import type { BackupInfo } from '../../../../shared/methods/backup';
import { formatSize } from '../../../../shared/print/display';
import { call } from '../../api';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';
import { FolderInput, firstDestination } from '../../components/FolderInput';
import { BackupTable, RestoreFromFolder, useRestore, when } from './BackupParts';

export function BackupPage() {
  const { message } = AntApp.useApp();
  const [status, reload] = useApiData(() => call('backup.status'), []);
  const [destinations] = useApiData(() => call('backup.destinations'), []);
  const [folder, setFolder] = useState<string | null>(null);
  const [working, setWorking] = useState<'now' | 'file' | null>(null);
  const [written, setWritten] = useState<BackupInfo | null>(null);
  const [keep, setKeep] = useState<number | null>(null);
  const restore = useRestore(() => location.reload());
  if (!status || !destinations) return <Spin />;
  const target = folder ?? firstDestination(destinations);

  const backupNow = async () => {
    setWorking('now');
    try {
      const b = await call('backup.now');
      message.success(`已备份（${when(b.at)}），校验通过`);
      await reload();
    } catch (e) {
      showError(e, message.error);
    } finally {
      setWorking(null);
    }
  };
  const saveKeep = async (n: number) => {
    try {
      await call('backup.setKeep', { savedBeforeRestoreKeep: n });
      message.success(`已设置：恢复前另存的数据保留最近 ${n} 份`);
      setKeep(null);
      await reload();
    } catch (e) {
      showError(e, message.error);
    }
  };
  const toFolder = async () => {
    setWorking('file');
    setWritten(null);
    try {
      setWritten(await call('backup.toFolder', { folder: target }));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setWorking(null);
    }
  };

  return (
    <div className="page">
      <Typography.Title level={3}>数据备份</Typography.Title>
      {status.notice && <Alert style={{ marginBottom: 16 }} type="info" showIcon message={status.notice} />}
      <Card title="备份到U盘/文件夹">
        <Typography.Paragraph type="secondary">
          把全部数据（数据库、所有附件和一份校验清单）写成一个备份文件，存到U盘或其他文件夹。写完后会读回校验。建议每月一次，并在年度归档后各备份一份，U盘与电脑分开存放。
        </Typography.Paragraph>
        <Space wrap>
          <FolderInput label="备份到的文件夹" value={target} onChange={setFolder} destinations={destinations} />
          <Button type="primary" loading={working === 'file'} disabled={!target.trim()} onClick={() => void toFolder()}>
            备份到此文件夹
          </Button>
        </Space>
        {written && (
          <Alert
            style={{ marginTop: 12 }}
            type="success"
            showIcon
            message="备份文件已写好并校验通过"
            description={`${written.id}（${formatSize(written.size)}，${written.records} 条记录，${written.attachments} 个附件）`}
          />
        )}
      </Card>
      <Card title="从备份恢复" style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">插入存有备份的U盘，或选择备份文件所在的文件夹。恢复前会先校验；当前数据会先另存一份。</Typography.Paragraph>
        <RestoreFromFolder destinations={destinations} onRestore={restore} />
      </Card>
      <Card
        title="自动备份"
        style={{ marginTop: 16 }}
        extra={
          <Button loading={working === 'now'} onClick={() => void backupNow()}>
            立即备份
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          每次打开和关闭软件时、以及软件开着时每天，自动备份到数据目录（{status.folder}），每份都经过完整性检查。保留最近 7 天每天一份、最近 4 周每周一份、最近 12 个月每月一份。
        </Typography.Paragraph>
        {status.lastFailure && <Alert style={{ marginBottom: 12 }} type="warning" showIcon message={`最近一次自动备份未完成（${when(status.lastFailure.at)}）`} description={status.lastFailure.message} />}
        <BackupTable items={status.auto} label="自动备份" onRestore={restore} />
      </Card>
      <Card title="恢复前另存的数据" style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">
          每次从备份恢复前，当前数据会先另存一份（共 {status.savedBeforeRestore.length} 份，{formatSize(status.savedBeforeRestore.reduce((n, b) => n + b.size, 0))}）。只保留最近的几份，更早的会自动删除。
        </Typography.Paragraph>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>保留最近</span>
          <InputNumber aria-label="恢复前另存的数据保留份数" min={1} max={50} precision={0} value={keep ?? status.savedBeforeRestoreKeep} onChange={(v) => setKeep(v)} />
          <span>份</span>
          <Button disabled={keep === null || keep === status.savedBeforeRestoreKeep} onClick={() => keep !== null && void saveKeep(keep)}>
            保存设置
          </Button>
        </Space>
        {status.savedBeforeRestore.length > 0 ? (
          <BackupTable items={status.savedBeforeRestore} label="恢复前另存的数据" onRestore={restore} />
        ) : (
          <Typography.Text type="secondary">还没有恢复过备份。</Typography.Text>
        )}
      </Card>
    </div>
  );
}
