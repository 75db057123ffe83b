/**
 * The pieces of 数据备份 shared by the backup page and the recovery page (a
 * damaged database at start): a table of backups with 校验 and 恢复, and
 * restoring from a backup file found in a folder (components/FolderInput).
 */
import { useState } from 'react';
import { App as AntApp, Button, Space, Table, Tag, Typography } from 'antd';
import type { BackupDestination, BackupInfo, RestoreResult } from '../../../../shared/methods/backup';
import { formatSize } from '../../../../shared/print/display';
import { call } from '../../api';
import { FolderInput } from '../../components/FolderInput';
import { showError } from '../../errors';

export const REASON: Record<BackupInfo['reason'], string> = {
  start: '启动时',
  close: '退出时',
  daily: '每日',
  'before-restore': '恢复前另存',
  file: '备份文件',
};

/** 2026-11-21 10:30 in this computer's time. */
export const when = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

/** Asks, restores, and tells where the data as it was has been saved; `onRestored` reloads the app. */
export function useRestore(onRestored: () => void) {
  const { message, modal } = AntApp.useApp();
  return (b: BackupInfo) =>
    modal.confirm({
      title: '从备份恢复',
      content: (
        <>
          <p>
            将用 {when(b.at)} 的备份（{b.branchName || '未命名支部'}，{b.records} 条记录，{b.attachments} 个附件）替换当前数据。
          </p>
          <p>恢复前会先校验备份的每一部分；当前数据会先另存一份，恢复后仍可在“恢复前另存的数据”中找回。</p>
        </>
      ),
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r: RestoreResult = await call('backup.restore', { kind: b.kind, id: b.id });
          modal.success({
            title: '已从备份恢复',
            content: `数据已恢复到 ${when(r.restored.at)}。${r.fromSchema < r.toSchema ? '备份来自旧版本，已自动升级。' : ''}${r.savedTo ? `恢复前的数据另存在：${r.savedTo}` : ''}`,
            onOk: onRestored,
          });
        } catch (e) {
          showError(e, message.error);
        }
      },
    });
}

export function BackupTable({ items, label, onRestore }: { items: BackupInfo[]; label: string; onRestore: (b: BackupInfo) => void }) {
  const { message } = AntApp.useApp();
  const [checking, setChecking] = useState<string | null>(null);
  const verify = async (b: BackupInfo) => {
    setChecking(b.id);
    try {
      await call('backup.verify', { kind: b.kind, id: b.id });
      message.success(`校验通过：${when(b.at)} 的备份完好`);
    } catch (e) {
      showError(e, message.error);
    } finally {
      setChecking(null);
    }
  };
  return (
    <Table<BackupInfo>
      size="small"
      rowKey="id"
      pagination={items.length > 10 ? { pageSize: 10 } : false}
      aria-label={label}
      dataSource={items}
      locale={{ emptyText: '还没有备份' }}
      columns={[
        { title: '时间', render: (_, b) => when(b.at), width: 150 },
        { title: '类型', render: (_, b) => <Tag>{REASON[b.reason]}</Tag>, width: 100 },
        { title: '支部', dataIndex: 'branchName', ellipsis: true },
        { title: '记录', dataIndex: 'records', width: 70, align: 'right' },
        { title: '附件', dataIndex: 'attachments', width: 70, align: 'right' },
        { title: '大小', render: (_, b) => formatSize(b.size), width: 90, align: 'right' },
        ...(items.some((b) => b.kind === 'file') ? [{ title: '文件', render: (_: unknown, b: BackupInfo) => <Typography.Text type="secondary">{b.id.split(/[\\/]/).pop()}</Typography.Text>, ellipsis: true }] : []),
        {
          title: '',
          width: 150,
          render: (_, b) => (
            <Space>
              <Button size="small" loading={checking === b.id} onClick={() => void verify(b)}>
                校验
              </Button>
              <Button size="small" danger onClick={() => onRestore(b)}>
                恢复
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Look for backup files in a folder (a U盘) and restore one. */
export function RestoreFromFolder({ destinations, onRestore }: { destinations: BackupDestination[]; onRestore: (b: BackupInfo) => void }) {
  const { message } = AntApp.useApp();
  const [folder, setFolder] = useState(destinations.find((d) => d.removable)?.path ?? '');
  const [found, setFound] = useState<BackupInfo[] | null>(null);
  const scan = async () => {
    try {
      setFound(await call('backup.scan', { folder }));
    } catch (e) {
      setFound(null);
      showError(e, message.error);
    }
  };
  return (
    <>
      <Space wrap>
        <FolderInput label="备份文件所在文件夹" value={folder} onChange={setFolder} destinations={destinations} />
        <Button onClick={() => void scan()} disabled={!folder.trim()}>
          查找备份文件
        </Button>
      </Space>
      {found && (
        <div style={{ marginTop: 12 }}>
          {found.length ? <BackupTable items={found} label="找到的备份文件" onRestore={onRestore} /> : <Typography.Text type="secondary">这个文件夹中没有“支部四本一档”的备份文件（.ledgerbak）。</Typography.Text>}
        </div>
      )}
    </>
  );
}
