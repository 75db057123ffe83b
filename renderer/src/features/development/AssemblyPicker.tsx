/** ⑮ and ㉓: pick the year's 支部党员大会 record and one of its motions; shows the vote outcome. */
import { useState } from 'react';
import { Alert, Select, Space, Tag } from 'antd';
import type { LinkedMotion } from '../../../../shared/methods/development';
import { call } from '../../api';
import { go } from '../../router';
import { useApiData } from '../../useApiData';

export interface AssemblyLinkValue {
  recordId: number | null;
  motionIndex: number | null;
}

const thisYear = new Date().getFullYear();

export function AssemblyPicker({
  value = { recordId: null, motionIndex: null },
  onChange,
  stepDate,
  current,
  id,
}: {
  value?: AssemblyLinkValue;
  onChange?: (v: AssemblyLinkValue) => void;
  stepDate: string;
  current: LinkedMotion | null;
  id?: string;
}) {
  const [year, setYear] = useState(() => Number((current?.date || stepDate).slice(0, 4)) || thisYear);
  const [records] = useApiData(() => call('development.assemblies', { year }), [year]);
  const rec = (records ?? []).find((r) => r.id === value.recordId);
  const motion = rec && value.motionIndex !== null ? rec.motions[value.motionIndex] : undefined;
  const years = Array.from({ length: thisYear - 2010 + 2 }, (_, i) => thisYear + 1 - i);
  return (
    <div id={id}>
      <Space wrap>
        <Select aria-label="会议年度" value={year} onChange={setYear} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
        <Select
          aria-label="支部党员大会"
          allowClear
          style={{ width: 360 }}
          placeholder={records && records.length === 0 ? `${year}年没有支部党员大会记录` : '选择会议记录'}
          value={rec?.id}
          onChange={(v: number | undefined) => onChange?.({ recordId: v ?? null, motionIndex: v === undefined ? null : (records?.find((r) => r.id === v)?.motions.length === 1 ? 0 : null) })}
          options={(records ?? []).map((r) => ({ value: r.id, label: `${r.seq ? `第${r.seq}次 ` : ''}${r.date} ${r.title}` }))}
        />
        <Select
          aria-label="表决事项"
          allowClear
          style={{ width: 360 }}
          disabled={!rec}
          placeholder={rec && rec.motions.length === 0 ? '该会议没有记录表决事项' : '选择表决事项'}
          value={value.motionIndex ?? undefined}
          onChange={(i: number | undefined) => onChange?.({ recordId: value.recordId, motionIndex: i ?? null })}
          options={(rec?.motions ?? []).map((m) => ({ value: m.index, label: `${m.index + 1}. ${m.title}（${m.passed ? '通过' : '未通过'}）` }))}
        />
        {value.recordId !== null && (
          <a onClick={() => go(`/records/${value.recordId}`)} role="link">
            查看会议记录
          </a>
        )}
      </Space>
      {value.recordId !== null && !rec && records && (
        <div className="muted" style={{ marginTop: 6 }}>
          {current && current.recordId === value.recordId ? `已链接：${current.date} ${current.title}（不在${year}年的记录中，可切换年度查看）` : `已链接的会议记录不在${year}年的记录中`}
        </div>
      )}
      {motion && (
        <Alert
          style={{ marginTop: 8 }}
          type={motion.passed ? 'success' : 'error'}
          showIcon
          message={
            <span>
              <Tag color={motion.passed ? 'green' : 'red'}>{motion.passed ? '通过' : '未通过'}</Tag>
              {motion.summary}
            </span>
          }
        />
      )}
    </div>
  );
}
