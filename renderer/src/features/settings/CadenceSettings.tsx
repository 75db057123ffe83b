/**
 * 活动频次: for each obligation of the rules (the 党支部's, and the 团支部's and
 * 工会's where the branch keeps their book), whether the branch is reminded of
 * it and how often, beside the default and its source; and when the branch's
 * books begin. A change applies at once to the year's overview and check.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { CadenceSetting, CadenceSettings as Settings } from '../../../../shared/methods/cadence';
import type { PeriodUnit } from '../../../../shared/rules/cadence';
import { call } from '../../api';
import { DateInput } from '../../components/fields/pickers';
import { showError } from '../../errors';
import { useApiData } from '../../useApiData';

const EVERY: Record<PeriodUnit, string> = { month: '每月', quarter: '每季度', year: '每年' };
const PERIODS = (Object.keys(EVERY) as PeriodUnit[]).map((p) => ({ value: p, label: EVERY[p] }));

const isDefault = (c: CadenceSetting) => c.enabled === c.defaultEnabled && c.period === c.defaultPeriod;

function BooksStart({ settings, save }: { settings: Settings; save: (date: string | null) => void }) {
  const s = settings.start;
  const worked = s.earliestRecord && s.earliestRecord < s.setUpDay ? `最早一条记录的日期 ${s.earliestRecord}` : `支部建立日期 ${s.setUpDay}`;
  return (
    <div className="books-start">
      <Space wrap align="center">
        <span id="books-start-label">本支部记录起始日期：</span>
        <span style={{ width: 160, display: 'inline-block' }}>
          <DateInput aria-label="记录起始日期" value={s.set ?? ''} onChange={(v) => save(v || null)} />
        </span>
        {s.set ? <Button onClick={() => save(null)}>改为自动</Button> : null}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {s.set
          ? `已设置：${s.set}之前结束的月份、季度不作要求。`
          : `未设置时按${worked}起算（当前为 ${s.effective}），此前结束的月份、季度不作要求。年中成立或年中开始使用本软件的支部可在此设置。`}
      </Typography.Paragraph>
    </div>
  );
}

export function CadenceSettings() {
  const { message } = AntApp.useApp();
  const [loaded] = useApiData(() => call('cadence.list'), []);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => setSettings(loaded), [loaded]);

  const apply = async (label: string, change: () => Promise<Settings>) => {
    try {
      setSettings(await change());
      message.success(`已更新：${label}`);
    } catch (e) {
      showError(e, message.error);
    }
  };
  const update = (c: CadenceSetting, change: Partial<Pick<CadenceSetting, 'enabled' | 'period'>>) =>
    void apply(c.label, () => call('cadence.update', { typeId: c.typeId, enabled: change.enabled ?? c.enabled, period: change.period ?? c.period }));

  return (
    <Card style={{ maxWidth: 1100, marginTop: 16 }} title="活动频次（本年概览与年度检查）">
      <Typography.Paragraph type="secondary">
        按《中国共产党支部工作条例（试行）》检查“三会一课”等活动；支部记录团支部、工会活动的，同时按本支部的团支部、工会制度提醒。本支部另有安排的可在此调整，修改后立即生效。
      </Typography.Paragraph>
      {settings ? <BooksStart settings={settings} save={(date) => void apply('记录起始日期', () => call('cadence.setStart', { date }))} /> : null}
      <Table
        size="small"
        rowKey="typeId"
        pagination={false}
        loading={settings === null}
        dataSource={settings?.cadences ?? []}
        aria-label="活动频次"
        // 依据 keeps at least 240 px: narrower, the table scrolls sideways with the activity fixed.
        scroll={{ x: 920 }}
        columns={[
          { title: '组织', dataIndex: 'org', width: 70, fixed: 'left' },
          { title: '活动', dataIndex: 'label', width: 130, fixed: 'left', render: (l: string, c) => (c.perGroup ? `${l}（每个党小组）` : l) },
          {
            title: '检查与提醒',
            width: 90,
            render: (_, c) => <Switch checked={c.enabled} aria-label={`检查${c.label}`} onChange={(enabled) => update(c, { enabled })} />,
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
                onChange={(period) => update(c, { period })}
              />
            ),
          },
          {
            title: '默认',
            width: 170,
            render: (_, c) => (
              <>
                {EVERY[c.defaultPeriod]} <Tag color={c.basis === 'national' ? 'red' : 'default'}>{c.basis === 'national' ? '全国规定' : c.org === '党支部' ? '地方通行' : '本支部制度'}</Tag>
                {c.org === '党支部' ? null : (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    有{c.org}记录时默认开启{c.defaultEnabled ? '' : '（目前没有）'}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: '依据', dataIndex: 'source' },
          {
            title: '',
            width: 90,
            render: (_, c) =>
              isDefault(c) ? null : (
                <Button size="small" onClick={() => update(c, { enabled: c.defaultEnabled, period: c.defaultPeriod })}>
                  恢复默认
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
