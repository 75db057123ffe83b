/** The year's grid: members × 12 months; a click records or shows a payment. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App as AntApp, AutoComplete, Button, Descriptions, Form, InputNumber, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { DuesCell, DuesMemberRow, DuesYear } from '../../../../shared/methods/dues';
import { formatYuan, monthRanges, paymentWarnings, ROUNDING_NOTE, toFen, toYuan } from '../../../../shared/rules/dues';
import { call } from '../../api';
import { showError } from '../../errors';
import { isoDateProblem, isValidIsoDate } from '../../../../shared/dates';
import { useUnsavedChanges } from '../../unsaved';
import { DateInput } from '../../components/fields/pickers';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const QUARTERS = [
  { label: '第一季度', months: [1, 2, 3] },
  { label: '第二季度', months: [4, 5, 6] },
  { label: '第三季度', months: [7, 8, 9] },
  { label: '第四季度', months: [10, 11, 12] },
];
const OWED = new Set(['unpaid', 'warning', 'flag']);

const lastDayOf = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
/** 2025-03-28 → 3.28 (with the year when it is another year's). */
const shortDate = (iso: string, year: number) => (iso.startsWith(String(year)) ? `${Number(iso.slice(5, 7))}.${Number(iso.slice(8, 10))}` : `${iso.slice(2, 4)}.${Number(iso.slice(5, 7))}.${Number(iso.slice(8, 10))}`);

const STATE_TEXT: Record<DuesCell['state'], string> = {
  paid: '已交',
  none: '不需交纳',
  notYet: '未到期',
  unpaid: '未交',
  warning: '未交（连续3个月以上）',
  flag: '未交（连续6个月以上）',
};

function Cell({ m, c, year, onOpen }: { m: DuesMemberRow; c: DuesCell; year: number; onOpen: () => void }) {
  if (c.state === 'none') {
    return (
      <span className="dues-cell none" aria-label={`${m.name}${c.month}月 不需交纳`} title="入党前或移出名册后，不需交纳">
        —
      </span>
    );
  }
  const label = c.state === 'paid' ? `${m.name}${c.month}月 已交${formatYuan(c.amount!)}元` : `${m.name}${c.month}月 ${STATE_TEXT[c.state]}`;
  return (
    <button type="button" className={`dues-cell ${c.state}`} aria-label={label} title={c.state === 'paid' ? `${c.paidDate} 交纳，收款人：${c.collector || '—'}` : STATE_TEXT[c.state]} onClick={onOpen}>
      {c.state === 'paid' ? (
        <>
          <span className="amount">{formatYuan(c.amount!)}</span>
          <span className="date">
            {shortDate(c.paidDate, year)}
            {c.late > 0 && <span className="late" title={`补交晚${c.late}个月，超过6个月`}>补</span>}
          </span>
        </>
      ) : (
        '未交'
      )}
    </button>
  );
}

interface PayTarget {
  member: DuesMemberRow;
  month: number;
}

function PayModal({
  year,
  asOf,
  target,
  collectors,
  defaultCollector,
  onClose,
  onDone,
}: {
  year: number;
  asOf: string;
  target: PayTarget;
  collectors: string[];
  defaultCollector: string;
  onClose: () => void;
  onDone: (collector: string) => void;
}) {
  const { message } = AntApp.useApp();
  const { member: m } = target;
  const open = useMemo(() => m.cells.filter((c) => c.state !== 'paid' && c.state !== 'none').map((c) => c.month), [m]);
  const [months, setMonths] = useState<number[]>([target.month]);
  const [amount, setAmount] = useState<number | null>(m.monthly);
  const [amountTouched, setAmountTouched] = useState(false);
  const [paidDate, setPaidDate] = useState('');
  const [dateTouched, setDateTouched] = useState(false);
  const [collector, setCollector] = useState(defaultCollector);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!amountTouched) setAmount(toYuan(toFen(m.monthly) * months.length));
    if (!dateTouched && months.length) {
      const end = lastDayOf(year, Math.max(...months));
      setPaidDate(end < asOf ? end : asOf);
    }
  }, [months, amountTouched, dateTouched, m.monthly, year, asOf]);

  const toggle = (month: number) => setMonths((ms) => (ms.includes(month) ? ms.filter((x) => x !== month) : [...ms, month].sort((a, b) => a - b)));
  const warnings = months.length && amount !== null && paidDate ? paymentWarnings({ year, months, amount, monthly: m.monthly, paidDate }) : [];

  /** Record the payment; false when it could not be (the message says why). */
  const submit = async (): Promise<boolean> => {
    const problem = !months.length ? '请选择交纳的月份' : amount === null ? '请填写交纳金额' : !paidDate ? '请选择交纳日期' : !isValidIsoDate(paidDate) ? `交纳日期有误：${isoDateProblem(paidDate)}` : null;
    if (problem || amount === null) {
      message.error(problem ?? '请填写交纳金额');
      return false;
    }
    setBusy(true);
    try {
      const r = await call('dues.pay', { year, personId: m.personId, months, amount, paidDate, collector });
      message.success(`已登记${m.name}${monthRanges(months)}的党费 ${formatYuan(amount)} 元`);
      for (const w of r.warnings) message.warning(w, 8);
      changed.current = false;
      onDone(collector);
      return true;
    } catch (e) {
      showError(e, message.error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const changed = useRef(false);
  changed.current = months.join() !== String(target.month) || amountTouched || dateTouched || collector !== defaultCollector;
  const guard = useUnsavedChanges({ title: `登记党费：${m.name}`, dirty: () => changed.current, save: submit });
  const close = async () => {
    if (await guard.leave()) onClose();
  };

  return (
    <Modal open title={`登记党费：${m.name}（${year}年，月应缴 ${formatYuan(m.monthly)} 元）`} onCancel={() => void close()} onOk={() => void submit()} okText="登记" confirmLoading={busy} width={560}>
      <Form layout="vertical">
        <Form.Item label="交纳月份" required extra="可一次交纳几个月（按季度交纳须经支部同意）；已交和不需交纳的月份不能选。">
          <div className="dues-months" role="group" aria-label="交纳月份">
            {MONTHS.map((month) => {
              const c = m.cells[month - 1]!;
              const selectable = open.includes(month);
              return (
                <Button
                  key={month}
                  size="small"
                  type={months.includes(month) ? 'primary' : 'default'}
                  disabled={!selectable}
                  aria-pressed={months.includes(month)}
                  aria-label={`选择${month}月`}
                  className={`dues-month-pick ${c.state}`}
                  onClick={() => toggle(month)}
                >
                  {month}月
                </Button>
              );
            })}
          </div>
          <Space size={4} style={{ marginTop: 8 }} wrap>
            {QUARTERS.map((q) => {
              const ms = q.months.filter((x) => open.includes(x));
              return (
                <Button key={q.label} size="small" disabled={!ms.length} onClick={() => setMonths(ms)}>
                  {q.label}
                </Button>
              );
            })}
            <Button size="small" disabled={!m.cells.some((c) => OWED.has(c.state))} onClick={() => setMonths(m.cells.filter((c) => OWED.has(c.state)).map((c) => c.month))}>
              全部欠交月份
            </Button>
          </Space>
        </Form.Item>
        <Form.Item label="交纳金额（元）" htmlFor="dues-amount" required extra={`默认为月应缴 × 月数；${ROUNDING_NOTE}`}>
          <InputNumber<number>
            id="dues-amount"
            aria-label="交纳金额"
            value={amount}
            min={0}
            max={1_000_000}
            precision={2}
            style={{ width: 180 }}
            onChange={(v) => {
              setAmountTouched(true);
              setAmount(v);
            }}
          />
        </Form.Item>
        <Form.Item label="交纳日期" htmlFor="dues-date" required>
          <DateInput
            id="dues-date"
            aria-label="交纳日期"
            value={paidDate}
            onChange={(v) => {
              setDateTouched(true);
              setPaidDate(v);
            }}
          />
        </Form.Item>
        <Form.Item label="收款人" htmlFor="dues-collector">
          <AutoComplete
            id="dues-collector"
            aria-label="收款人"
            value={collector}
            onChange={setCollector}
            options={collectors.filter((n) => !collector || n.includes(collector)).map((n) => ({ value: n }))}
            placeholder="一般为支部组织委员"
          />
        </Form.Item>
      </Form>
      {warnings.length > 0 && <Alert type="warning" showIcon title="请核对（仍可登记）" description={warnings.map((w) => <div key={w}>{w}</div>)} />}
    </Modal>
  );
}

function PaidModal({ year, member: m, cell, onClose, onDone }: { year: number; member: DuesMemberRow; cell: DuesCell; onClose: () => void; onDone: () => void }) {
  const { message } = AntApp.useApp();
  const undo = async (months: number[]) => {
    try {
      await call('dues.undo', { year, personId: m.personId, months });
      message.success(`已撤销${m.name}${monthRanges(months)}的交纳记录`);
      onDone();
    } catch (e) {
      showError(e, message.error);
    }
  };
  const together = cell.entryMonths.length > 1;
  return (
    <Modal
      open
      title={`${m.name} ${year}年${cell.month}月党费`}
      onCancel={onClose}
      footer={[
        <Popconfirm key="one" title={`撤销${cell.month}月的交纳记录？`} onConfirm={() => undo([cell.month])}>
          <Button danger>撤销本月</Button>
        </Popconfirm>,
        together && (
          <Popconfirm key="all" title={`撤销这次交纳（${monthRanges(cell.entryMonths)}）？`} onConfirm={() => undo(cell.entryMonths)}>
            <Button danger>撤销本次交纳（{monthRanges(cell.entryMonths)}）</Button>
          </Popconfirm>
        ),
        <Button key="close" type="primary" onClick={onClose}>
          关闭
        </Button>,
      ]}
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="实缴">{formatYuan(cell.amount!)} 元</Descriptions.Item>
        <Descriptions.Item label="交纳日期">{cell.paidDate}</Descriptions.Item>
        <Descriptions.Item label="收款人">{cell.collector || '—'}</Descriptions.Item>
        {together && <Descriptions.Item label="同次交纳">{monthRanges(cell.entryMonths)}</Descriptions.Item>}
        {cell.late > 0 && <Descriptions.Item label="补交">晚{cell.late}个月（补交一般不超过6个月）</Descriptions.Item>}
      </Descriptions>
    </Modal>
  );
}

export function DuesGrid({
  data,
  collectors,
  defaultCollector,
  onChanged,
}: {
  data: DuesYear;
  collectors: string[];
  defaultCollector: string;
  onChanged: () => Promise<void>;
}) {
  const [pay, setPay] = useState<PayTarget | null>(null);
  const [paid, setPaid] = useState<{ member: DuesMemberRow; cell: DuesCell } | null>(null);
  const [lastCollector, setLastCollector] = useState(defaultCollector);
  useEffect(() => setLastCollector(defaultCollector), [defaultCollector]);

  const monthColumns = MONTHS.map((month) => ({
    key: `m${month}`,
    title: `${month}月`,
    width: 60,
    align: 'center' as const,
    onCell: () => ({ className: 'dues-td' }),
    render: (_: unknown, m: DuesMemberRow) => {
      const c = m.cells[month - 1]!;
      return <Cell m={m} c={c} year={data.year} onOpen={() => (c.state === 'paid' ? setPaid({ member: m, cell: c }) : setPay({ member: m, month }))} />;
    },
  }));

  return (
    <>
      <Table<DuesMemberRow>
        rowKey="personId"
        size="small"
        bordered
        pagination={false}
        dataSource={data.members}
        // The columns' widths: all twelve months show at 1366 px; narrower, the grid scrolls, the names fixed.
        scroll={{ x: 1048 }}
        className="dues-grid"
        aria-label="党费收缴台账"
        locale={{ emptyText: '本年度党费尚未确定，请先在“年度设置”中确定' }}
        columns={[
          {
            title: '姓名',
            width: 96,
            fixed: 'left',
            render: (_, m) => (
              <Space size={2} orientation="vertical">
                <span>{m.name}</span>
                {m.removed && <Tag>已移出</Tag>}
                {m.arrears.level === 'flag' && (
                  <Tag color="red" className="dues-tag">
                    连续{m.arrears.longest}月未交
                  </Tag>
                )}
                {m.arrears.level === 'warning' && (
                  <Tag color="orange" className="dues-tag">
                    连续{m.arrears.longest}月未交
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: '月应缴',
            width: 72,
            align: 'right',
            render: (_, m) => (
              <div title={`${m.category}${m.category === '在职' || m.category === '离退休' ? `，月收入 ${formatYuan(m.base)} 元` : ''}，${m.rateLabel}`}>
                <div>{formatYuan(m.monthly)}</div>
                <Typography.Text type="secondary" className="dues-small">
                  {m.rateLabel}
                </Typography.Text>
              </div>
            ),
          },
          ...monthColumns,
          { title: '全年应缴', width: 80, align: 'right', render: (_, m) => formatYuan(m.dueTotal) },
          { title: '全年实缴', width: 80, align: 'right', render: (_, m) => formatYuan(m.paidTotal) },
        ]}
        summary={() =>
          data.members.length ? (
            <Table.Summary fixed>
              <Table.Summary.Row className="dues-total">
                <Table.Summary.Cell index={0} align="center">
                  合计
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {formatYuan(toYuan(data.members.reduce((s, m) => s + toFen(m.monthly), 0)))}
                </Table.Summary.Cell>
                {data.monthTotals.map((t) => (
                  <Table.Summary.Cell key={t.month} index={1 + t.month} align="center" className="dues-td">
                    <span data-testid={`dues-total-${t.month}`} title={`${t.month}月应缴 ${formatYuan(t.due)} 元，实缴 ${formatYuan(t.paid)} 元`}>
                      {formatYuan(t.paid)}
                    </span>
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={14} align="right">
                  <span data-testid="dues-due-total">{formatYuan(data.dueTotal)}</span>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={15} align="right">
                  <span data-testid="dues-paid-total">{formatYuan(data.paidTotal)}</span>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      <div className="dues-legend">
        <span className="dues-cell paid">已交</span>
        <span className="dues-cell notYet">未交（未到期）</span>
        <span className="dues-cell unpaid">未交</span>
        <span className="dues-cell warning">连续3个月以上未交</span>
        <span className="dues-cell flag">连续6个月以上未交</span>
        <span className="dues-cell none">— 不需交纳</span>
        <Typography.Text type="secondary">点击格子登记或查看；“补”表示补交超过6个月。{ROUNDING_NOTE}</Typography.Text>
      </div>
      {pay && (
        <PayModal
          key={`${pay.member.personId}-${pay.month}`}
          year={data.year}
          asOf={data.asOf}
          target={pay}
          collectors={collectors}
          defaultCollector={lastCollector}
          onClose={() => setPay(null)}
          onDone={(collector) => {
            setLastCollector(collector);
            setPay(null);
            void onChanged();
          }}
        />
      )}
      {paid && (
        <PaidModal
          year={data.year}
          member={paid.member}
          cell={paid.cell}
          onClose={() => setPaid(null)}
          onDone={() => {
            setPaid(null);
            void onChanged();
          }}
        />
      )}
    </>
  );
}
