/**
 * Choosing a folder to write into or read from: the U盘 and usual places the
 * core found (backup.destinations), or any path typed in. 备份到U盘, 从备份恢复
 * and 年度归档's 全部保存到… all choose this way.
 */
import { AutoComplete } from 'antd';
import type { BackupDestination } from '../../../shared/methods/backup';

/** The folder offered first: a U盘 when one is plugged in. */
export const firstDestination = (destinations: BackupDestination[]) => destinations.find((d) => d.removable)?.path ?? destinations[0]?.path ?? '';

/** A folder: the U盘 and usual places found, or any path typed in. */
export function FolderInput({ value, onChange, destinations, label }: { value: string; onChange: (v: string) => void; destinations: BackupDestination[]; label: string }) {
  return (
    <AutoComplete
      aria-label={label}
      style={{ width: 460, maxWidth: '100%' }}
      value={value}
      onChange={onChange}
      placeholder="选择U盘或文件夹，也可直接输入路径"
      options={destinations.map((d) => ({ value: d.path, label: `${d.label}：${d.path}` }))}
      filterOption={false}
    />
  );
}
