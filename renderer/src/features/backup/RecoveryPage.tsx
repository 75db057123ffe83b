/**
 * Shown instead of the app when the database was found damaged at start: the
 * damaged file is kept as it is; the latest good automatic backup is offered
 * first, then the others and backup files on a U盘.
 */
import { Button, Card, Result, Spin, Typography } from 'antd';
import type { AppInfo } from '../../../../shared/methods/app';
import { call } from '../../api';
import { useApiData } from '../../useApiData';
import { BackupTable, RestoreFromFolder, useRestore, when } from './BackupParts';

export function RecoveryPage({ damage }: { damage: NonNullable<AppInfo['damage']> }) {
  const [status] = useApiData(() => call('backup.status'), []);
  const [destinations] = useApiData(() => call('backup.destinations'), []);
  const restore = useRestore(() => location.reload());
  if (!status || !destinations) return <Spin fullscreen />;
  const latest = status.auto[0];
  // the database gone from a data dir that held data (never replaced by an empty one), or damaged
  const missing = damage.message.includes('不见了');
  return (
    <div className="page" style={{ maxWidth: 1000, margin: '24px auto' }}>
      <Result
        status="warning"
        title={missing ? '数据文件不见了' : '数据文件已损坏'}
        subTitle={
          <>
            {damage.message}
            <br />
            {missing ? `数据文件应在：${damage.file}` : `损坏的文件：${damage.file}（恢复时会原样另存，不会被覆盖）`}
          </>
        }
        extra={
          latest ? (
            <Button type="primary" size="large" onClick={() => restore(latest)}>
              从最近一次完好的备份恢复（{when(latest.at)}）
            </Button>
          ) : (
            <Typography.Text>数据目录中没有自动备份，请从U盘上的备份文件恢复。</Typography.Text>
          )
        }
      />
      {status.auto.length > 1 && (
        <Card title="其他自动备份">
          <BackupTable items={status.auto.slice(1)} label="其他自动备份" onRestore={restore} />
        </Card>
      )}
      <Card title="从U盘或文件夹中的备份文件恢复" style={{ marginTop: 16 }}>
        <RestoreFromFolder destinations={destinations} onRestore={restore} />
      </Card>
    </div>
  );
}
