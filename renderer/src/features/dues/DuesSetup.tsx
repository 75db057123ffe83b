/** 年度设置: each current 党员's category and base → rate and monthly amount, fixed for the year. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { DuesEntry, DuesSetupRow, DuesYear } from '../../../../shared/methods/dues';
import {
  BAND_EDGE_NOTE,
  BASE_LABELS,
  DUES_CATEGORIES,
  DUES_CATEGORY_LABELS,
  ROUNDING_NOTE,
  duesProblem,
  duesRate,
  formatYuan,
  hasManualAmount,
  isPercentCategory,
  monthlyDues,
  type DuesCategory,
} from '../../../../shared/rules/dues';
import { call } from '../../api';
import { showError } from '../../errors';
import { lengthLimit } from '../../components/fields/limit';

type Draft = Omit<DuesEntry, 'personId'>;

/** What a draft comes to: the rate, the amount, or why there is none yet. */
export function evaluate(d: Draft) {
  const manual = hasManualAmount(d.category) ? d.amount : null;
  const base = isPercentCategory(d.category) ? d.base : 0;
  const problem = duesProblem(d.category, base, manual);
  const rate = duesRate(d.category, base);
  return { rate, problem, monthly: problem ? null : monthlyDues(d.category, base, manual), entry: { category: d.category, base, amount: manual } };
}

const CATEGORY_OPTIONS = DUES_CATEGORIES.map((c) => ({ value: c, label: DUES_CATEGORY_LABELS[c] }));

function DraftInputs({ name, draft, disabled, onChange }: { name: string; draft: Draft; disabled: boolean; onChange: (d: Draft) => void }) {
  const percent = isPercentCategory(draft.category);
  const manual = hasManualAmount(draft.category);
  return (
    <Space size={4} wrap>
      <Select<DuesCategory>
        aria-label={`${name}党费类别`}
        value={draft.category}
        disabled={disabled}
        style={{ width: 118 }}
        popupMatchSelectWidth={false}
        options={CATEGORY_OPTIONS}
        labelRender={({ value }) => String(value)}
        onChange={(category) => onChange({ ...draft, category, amount: category === '农民' ? (draft.amount ?? 0.2) : hasManualAmount(category) ? draft.amount : null })}
      />
      {percent && (
        <InputNumber<number>
          aria-label={`${name}月收入`}
          placeholder={BASE_LABELS[draft.category]}
          value={draft.base || null}
          disabled={disabled}
          min={0}
          max={10_000_000}
          precision={2}
          step={100}
          style={{ width: 130 }}
          suffix="元"
          onChange={(v) => onChange({ ...draft, base: v ?? 0 })}
        />
      )}
      {manual && (
        <InputNumber<number>
          aria-label={`${name}月交纳金额`}
          placeholder={draft.category === '农民' ? '0.2—1' : '每月金额'}
          value={draft.amount}
          disabled={disabled}
          min={0}
          max={draft.category === '农民' ? 1 : 100_000}
          precision={2}
          step={0.1}
          style={{ width: 130 }}
          suffix="元/月"
          onChange={(v) => onChange({ ...draft, amount: v })}
        />
      )}
    </Space>
  );
}

function RateCell({ draft }: { draft: Draft }) {
  const { rate, problem, monthly } = evaluate(draft);
  return (
    <div data-testid="dues-rate">
      <Space size={6}>
        <Tag color="red">{rate.label}</Tag>
        {problem ? <Typography.Text type="secondary">{problem}</Typography.Text> : <Typography.Text strong>{formatYuan(monthly!)} 元/月</Typography.Text>}
      </Space>
      <div className="dues-explain">{rate.explain}</div>
    </div>
  );
}

/** 调整: fix one member's amount again with a reason. */
/** Mounted for one member at a time (keyed): it opens with that member's fixed amount, never the previous one's. */
function RefixModal({ year, row, onClose, onDone }: { year: number; row: DuesSetupRow & { fixed: NonNullable<DuesSetupRow['fixed']> }; onClose: () => void; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<Draft>({ category: row.fixed.category, base: row.fixed.base, amount: hasManualAmount(row.fixed.category) ? row.fixed.monthly : null });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const ev = evaluate(draft);
  const submit = async () => {
    setBusy(true);
    try {
      await call('dues.refix', { year, personId: row.personId, ...ev.entry, reason });
      message.success(`已重新确定${row.name}${year}年的党费`);
      onDone();
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  };
  const unfix = async () => {
    try {
      await call('dues.unfix', { year, personId: row.personId });
      message.success(`已将${row.name}移出${year}年党费台账`);
      onDone();
    } catch (e) {
      showError(e, message.error);
    }
  };
  return (
    <Modal
      open
      title={`调整${row.name}${year}年的党费`}
      onCancel={onClose}
      footer={[
        <Popconfirm key="unfix" title={`把${row.name}移出${year}年党费台账？（已有交纳记录时不能移出）`} onConfirm={unfix}>
          <Button danger>移出本年度台账</Button>
        </Popconfirm>,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!!ev.problem || !reason.trim()} onClick={submit}>
          重新确定
        </Button>,
      ]}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={`现已确定：${row.fixed.category}，${row.fixed.rateLabel}，月应缴 ${formatYuan(row.fixed.monthly)} 元。月应缴于年初确定，全年不变；确需调整的，请写明原因（记入备注）。`}
      />
      <Form layout="vertical">
        <Form.Item label="类别与收入">
          <DraftInputs name={`调整${row.name}`} draft={draft} disabled={false} onChange={setDraft} />
        </Form.Item>
        <Form.Item label="调整后">
          <RateCell draft={draft} />
        </Form.Item>
        <Form.Item label="调整原因" required>
          <Input.TextArea aria-label="调整原因" value={reason} {...lengthLimit(200)} rows={2} onChange={(e) => setReason(e.target.value)} placeholder="如：7月起岗位工资调整" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function DuesSetup({ data, onChanged }: { data: DuesYear; onChanged: () => Promise<void> }) {
  const { message } = AntApp.useApp();
  const [drafts, setDrafts] = useState<Map<number, Draft>>(new Map());
  const [refix, setRefix] = useState<DuesSetupRow | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDrafts(new Map(data.setup.map((r) => [r.personId, r.fixed ? { category: r.fixed.category, base: r.fixed.base, amount: hasManualAmount(r.fixed.category) ? r.fixed.monthly : null } : r.suggestion])));
  }, [data]);

  const unfixed = useMemo(() => data.setup.filter((r) => !r.fixed), [data]);
  const draftOf = (r: DuesSetupRow) => drafts.get(r.personId) ?? r.suggestion;
  const ready = unfixed.filter((r) => !evaluate(draftOf(r)).problem);

  const fix = async () => {
    const missing = unfixed.filter((r) => evaluate(draftOf(r)).problem);
    if (missing.length) {
      message.error(`请先填写：${missing.map((r) => `${r.name}（${evaluate(draftOf(r)).problem}）`).join('；')}`);
      return;
    }
    setBusy(true);
    try {
      await call('dues.setupYear', { year: data.year, entries: unfixed.map((r) => ({ personId: r.personId, ...evaluate(draftOf(r)).entry })) });
      message.success(`已确定${unfixed.length}人${data.year}年的党费，全年不变`);
      await onChanged();
    } catch (e) {
      showError(e, message.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="党费标准（中组发〔2008〕3号）：在职党员按月工资收入（税后）中相对固定的部分，3000元以下（含3000元）0.5%，3000元以上至5000元（含5000元）1%，5000元以上至10000元（含10000元）1.5%，10000元以上2%；离退休党员5000元以下（含5000元）0.5%，5000元以上1%；学生、下岗失业、低保党员每月0.2元；农民党员每月0.2元至1元。"
        description={
          <>
            <div>{BAND_EDGE_NOTE}</div>
            <div>{ROUNDING_NOTE}月应缴于年初确定，全年不变；收入变化后确需调整的，请点“调整”并写明原因。预备党员从支部大会接收之月起交纳。</div>
          </>
        }
      />
      <Table<DuesSetupRow>
        rowKey="personId"
        size="small"
        pagination={false}
        dataSource={data.setup}
        locale={{ emptyText: '名册中没有中共党员或预备党员，请先在“人员名册”中录入' }}
        columns={[
          {
            title: '姓名',
            width: 150,
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{r.name}</span>
                {r.politicalStatus === '中共预备党员' && <Tag>预备党员</Tag>}
                {r.joinDate && <Typography.Text type="secondary">入党 {r.joinDate}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: '类别、月收入（税后）',
            width: 300,
            render: (_, r) => (
              <DraftInputs name={r.name} draft={draftOf(r)} disabled={!!r.fixed} onChange={(d) => setDrafts((m) => new Map(m).set(r.personId, d))} />
            ),
          },
          { title: '交纳比例、月应缴', render: (_, r) => <RateCell draft={draftOf(r)} /> },
          {
            title: '状态',
            width: 150,
            render: (_, r) =>
              r.fixed ? (
                <Space size={4}>
                  <Tag color="green">已确定</Tag>
                  <Button size="small" aria-label={`调整${r.name}`} onClick={() => setRefix(r)}>
                    调整
                  </Button>
                </Space>
              ) : (
                <Tag>未确定</Tag>
              ),
          },
        ]}
      />
      <div className="dues-setup-actions">
        <Popconfirm
          title={`确定${ready.length}人${data.year}年的党费？`}
          description="确定后月应缴金额全年不变（确需调整的须写明原因）。"
          onConfirm={fix}
          disabled={unfixed.length === 0}
        >
          <Button type="primary" loading={busy} disabled={unfixed.length === 0}>
            确定本年度党费
          </Button>
        </Popconfirm>
        <Typography.Text type="secondary">
          {unfixed.length === 0 ? `本年度党费已全部确定（${data.setup.length}人）` : `未确定 ${unfixed.length} 人`}
        </Typography.Text>
      </div>
      {refix?.fixed && (
        <RefixModal
          key={refix.personId}
          year={data.year}
          row={{ ...refix, fixed: refix.fixed }}
          onClose={() => setRefix(null)}
          onDone={() => {
            setRefix(null);
            void onChanged();
          }}
        />
      )}
    </>
  );
}
