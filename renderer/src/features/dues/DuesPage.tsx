/**
 * 党费收缴: the year (from the header) as a grid of members × months, the 年度设置 that
 * fixes each member's monthly amount for the year, the arrears summary (warnings only:
 * the app never acts on them), and the 党费收缴台账 workbook.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Result, Spin, Statistic, Tabs } from 'antd';
import { formatYuan, FLAG_MESSAGE } from '../../../../shared/rules/dues';
import { call } from '../../api';
import { useLedger } from '../../context';
import { saveFile } from '../../download';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';
import { DuesGrid } from './DuesGrid';
import { DuesSetup } from './DuesSetup';
import './dues.css';

export function DuesPage() {
  const { year, branch } = useLedger();
  const { message } = AntApp.useApp();
  const [data, reload, failed] = useApiData(() => call('dues.year', { year }), [year]);
  const [people] = useApiData(() => call('people.list'), []);
  const [tab, setTab] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  useEffect(() => setTab(null), [year]);

  if (failed) return <Result status="error" title="无法读取党费台账" extra={<Button onClick={() => void reload()}>重试</Button>} />;
  if (!data) return <Spin />;

  const activeTab = tab ?? (data.members.length ? 'grid' : 'setup');
  const collectors = (people ?? []).map((p) => p.name);
  const organiser = branch.committee.find((c) => c.role === '组织委员')?.name ?? '';
  const flagged = data.members.filter((m) => m.arrears.level === 'flag');
  const warned = data.members.filter((m) => m.arrears.level === 'warning');

  const exportXlsx = async () => {
    setExporting(true);
    try {
      saveFile(await call('dues.exportXlsx', { year }));
    } catch (e) {
      showError(e, message.error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <div className="page-toolbar">
        <h2>党费收缴台账（{year}年）</h2>
        <Button onClick={exportXlsx} loading={exporting} disabled={!data.members.length}>
          导出台账(Excel)
        </Button>
      </div>
      <div className="dues-stats">
        <Statistic title="全年应缴（元）" value={formatYuan(data.dueTotal)} />
        <Statistic title="全年实缴（元）" value={formatYuan(data.paidTotal)} />
        <Statistic title="列入台账" value={data.members.length} suffix="人" />
        <Statistic title="欠交提示" value={flagged.length + warned.length} suffix="人" />
      </div>
      {(flagged.length > 0 || warned.length > 0) && (
        <div className="dues-arrears" data-testid="dues-arrears">
          {flagged.map((m) => (
            <Alert key={m.personId} type="error" showIcon title={`${m.name}：${m.arrears.message}`} />
          ))}
          {warned.map((m) => (
            <Alert key={m.personId} type="warning" showIcon title={`${m.name}：${m.arrears.message}`} />
          ))}
          {flagged.length > 0 && <div className="dues-small muted">依据《中国共产党章程》第九条：{FLAG_MESSAGE}。</div>}
        </div>
      )}
      <Tabs
        activeKey={activeTab}
        onChange={setTab}
        items={[
          {
            key: 'grid',
            label: '收缴台账',
            children: <DuesGrid data={data} collectors={collectors} defaultCollector={organiser} onChanged={reload} />,
          },
          { key: 'setup', label: '年度设置', children: <DuesSetup data={data} onChanged={reload} /> },
        ]}
      />
    </>
  );
}
