/**
 * One 发展党员 case: the person, what the rules say (as Alerts citing the rule),
 * the 25 steps as a timeline by stage, and the 考察/思想汇报 list.
 */
import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Empty, Modal, Result, Select, Space, Spin, Tag, Timeline } from 'antd';
import { CLOSE_REASONS, type CloseReason, type DevelopmentCaseDto } from '../../../../shared/methods/development';
import { BOARD_COLUMNS, STAGES, STEPS, circled } from '../../../../shared/rules/development';
import { ApiCallError, call } from '../../api';
import { showError } from '../../errors';
import { confirmLeaveAll } from '../../unsaved';
import { useApiData } from '../../useApiData';
import type { PickerContext } from '../../components/fields/FieldInput';
import { ALERT_TYPE, dueText, STAGE_NUMERALS, stepLabel } from './format';
import { StepItem } from './StepItem';
import { Reviews } from './Reviews';
import { options } from '../../options';

function Warnings({ c }: { c: DevelopmentCaseDto }) {
  if (c.warnings.length === 0) {
    return <Alert type="success" showIcon message="已登记的步骤符合《中国共产党发展党员工作细则》规定的程序和时限。" style={{ marginBottom: 12 }} />;
  }
  return (
    <div className="dev-warnings" aria-label="提醒">
      {c.warnings.map((w, i) => (
        <Alert key={`${w.code}-${w.step}-${i}`} type={ALERT_TYPE[w.level]} showIcon message={w.rule} description={w.found} />
      ))}
    </div>
  );
}

function CloseCase({ c, onDone }: { c: DevelopmentCaseDto; onDone: (c: DevelopmentCaseDto) => void }) {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<CloseReason>(c.column === 'full' ? '转正完成' : '不再发展');
  return (
    <>
      <Button onClick={() => setOpen(true)}>结束发展记录</Button>
      <Modal
        title={`结束${c.person.name}的发展党员记录`}
        open={open}
        onCancel={() => setOpen(false)}
        okText="结束"
        onOk={async () => {
          try {
            onDone(await call('development.close', { id: c.id, reason }));
            message.success('已结束');
            setOpen(false);
          } catch (e) {
            showError(e, message.error);
          }
        }}
      >
        <p>结束后各步骤仍可查看，不再提醒；需要时可以重新打开。转正完成的记录留在看板的“转正完成”一栏。</p>
        <Select aria-label="结束原因" value={reason} onChange={setReason} style={{ width: 240 }} options={options(CLOSE_REASONS)} />
      </Modal>
    </>
  );
}

export function CaseDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { message } = AntApp.useApp();
  const [c, setC] = useState<DevelopmentCaseDto | null>(null);
  const [missing, setMissing] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [people] = useApiData(() => call('people.list'), []);

  useEffect(() => {
    call('development.get', { id })
      .then(setC)
      .catch((e) => {
        if (e instanceof ApiCallError && e.error.code === 'NOT_FOUND') setMissing(true);
        else showError(e, message.error);
      });
  }, [id, message]);

  const update = (next: DevelopmentCaseDto) => {
    setC(next);
    onChanged();
  };

  const ctx: PickerContext = { people: (people ?? []).filter((p) => p.politicalStatus === '中共党员') };
  const closed = c?.closedAt != null;
  const column = c ? BOARD_COLUMNS.find((x) => x.key === c.column)!.label : '';

  return (
    <Drawer open width={980} onClose={onClose} title={c ? `${c.person.name} · 发展党员记录` : '发展党员记录'} destroyOnHidden>
      {missing && <Result status="404" title="该发展记录不存在" />}
      {!c && !missing && <Spin />}
      {c && (
        <>
          <Descriptions size="small" column={4} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="姓名">
              {c.person.name}
              {c.person.removed && <Tag style={{ marginLeft: 6 }}>已移出名册</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="性别">{c.person.gender}</Descriptions.Item>
            <Descriptions.Item label="出生日期">{c.person.birthDate || '未填'}</Descriptions.Item>
            <Descriptions.Item label="政治面貌">{c.person.politicalStatus}</Descriptions.Item>
            <Descriptions.Item label="党小组">{c.person.groupName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="当前阶段">
              <Tag color="red">{column}</Tag>
              {closed && <Tag>{c.closedReason || '已结束'}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="入党日期">{c.person.joinDate || '—'}</Descriptions.Item>
            <Descriptions.Item label="预备期满">{c.probationEnd ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Space className="dev-next" wrap>
            {c.next ? (
              <span>
                下一步：<b>{stepLabel(c.next.step, c.next.name)}</b>
                {c.next.due && (
                  <span className={c.next.overdue ? 'dev-overdue' : 'muted'}>
                    {' '}
                    · {c.next.basis}，{dueText(c.next)}
                    {c.next.overdue && '（已逾期）'}
                  </span>
                )}
              </span>
            ) : (
              <span className="muted">{closed ? `已结束（${c.closedReason}）` : '各步骤均已登记'}</span>
            )}
            {!closed && <CloseCase c={c} onDone={update} />}
            {closed && (
              <Button
                onClick={async () => {
                  try {
                    update(await call('development.reopen', { id: c.id }));
                  } catch (e) {
                    showError(e, message.error);
                  }
                }}
              >
                重新打开
              </Button>
            )}
          </Space>
          <Warnings c={c} />
          {STAGES.map((st) => (
            <div key={st.stage}>
              <div className="dev-stage">
                第{STAGE_NUMERALS[st.stage - 1]}阶段　{st.label}
              </div>
              <Timeline
                items={STEPS.filter((s) => s.stage === st.stage).map((def) => {
                  const saved = c.steps.find((s) => s.step === def.n);
                  const isNext = c.next?.step === def.n;
                  const hasWarning = c.warnings.some((w) => w.step === def.n && w.level !== 'info');
                  return {
                    key: def.n,
                    color: hasWarning ? 'orange' : saved ? 'green' : isNext ? '#1677ff' : 'gray',
                    children: (
                      <StepItem
                        def={def}
                        c={c}
                        saved={saved}
                        editing={editing === def.n}
                        onEdit={async (on) => {
                          // Opening another step leaves the one being edited: ask first when it is changed.
                          if (on && editing !== null && editing !== def.n && !(await confirmLeaveAll())) return;
                          setEditing(on ? def.n : null);
                        }}
                        onSaved={update}
                        ctx={ctx}
                        readOnly={closed}
                      />
                    ),
                  };
                })}
              />
              {st.stage === 2 && <Reviews c={c} onChanged={update} readOnly={closed} ctx={ctx} title={`考察与思想汇报（${circled(6)}培养教育考察、${circled(21)}继续教育考察）`} />}
            </div>
          ))}
          {c.steps.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="从①递交入党申请书开始登记" />}
        </>
      )}
    </Drawer>
  );
}
