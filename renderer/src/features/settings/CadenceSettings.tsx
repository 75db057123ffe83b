/**
 * 活动频次: for each obligation of the rules, whether the branch is reminded of
 * it and how often, beside the national default (or the local default where the
 * national text sets no count) and its source. A change applies at once to the
 * year's completeness check.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Select, Switch, Table, Tag, Typography } from 'antd';
import type { CadenceSetting } from '../../../../shared/methods/cadence';
import type { PeriodUnit } from '../../../../shared/rules/cadence';
import { call } from '../../api';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';

const EVERY: Record<PeriodUnit, string> = { month: '每月', quarter: '每季度', year: '每年' };
const PERIODS = (Object.keys(EVERY) as PeriodUnit[]).map((p) => ({ value: p, label: EVERY[p] }));

export function CadenceSettings() {
  const { message } = AntApp.useApp();
  const [loaded] = useApiData(() => call('cadence.list'), []);
  const [settings, setSettings] = useState<CadenceSetting[] | null>(null);
  useEffect(() => setSettings(loaded), [loaded]);

  const update = async (c: CadenceSetting, change: Partial<Pick<CadenceSetting, 'enabled' | 'period'>>) => {
    try {
      setSettings(await call('cadence.update', { typeId: c.typeId, enabled: change.enabled ?? c.enabled, period: change.period ?? c.period }));
      message.success(`已更新：${c.label}`);
    } catch (e) {
      showError(e, message.error);
    }
  };

  return (
    <Card style={{ maxWidth: 1000, marginTop: 16 }} title="活动频次（年度检查与提醒）">
      <Typography.Paragraph type="secondary">
        按《中国共产党支部工作条例（试行）》的要求检查每年的“三会一课”等活动；本支部另有安排的可在此调整，修改后立即生效。
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="typeId"
        pagination={false}
        loading={settings === null}
        dataSource={settings ?? []}
        aria-label="活动频次"
        columns={[
          { title: '活动', dataIndex: 'label', width: 130, render: (l: string, c) => (c.perGroup ? `${l}（每个党小组）` : l) },
          {
            title: '检查与提醒',
            width: 100,
            render: (_, c) => <Switch checked={c.enabled} aria-label={`检查${c.label}`} onChange={(enabled) => void update(c, { enabled })} />,
          },
          {
            title: '本支部频次',
            width: 130,
            render: (_, c) => (
              <Select
                aria-label={`${c.label}频次`}
                value={c.period}
                disabled={!c.enabled}
                style={{ width: 110 }}
                options={PERIODS}
                onChange={(period) => void update(c, { period })}
              />
            ),
          },
          {
            title: '默认',
            width: 150,
            render: (_, c) => (
              <>
                {EVERY[c.defaultPeriod]} <Tag color={c.basis === 'national' ? 'red' : 'default'}>{c.basis === 'national' ? '全国规定' : '地方通行'}</Tag>
              </>
            ),
          },
          { title: '依据', dataIndex: 'source' },
          {
            title: '',
            width: 90,
            render: (_, c) =>
              c.enabled && c.period === c.defaultPeriod ? null : (
                <Button size="small" onClick={() => void update(c, { enabled: true, period: c.defaultPeriod })}>
                  恢复默认
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
