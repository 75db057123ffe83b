/**
 * One of the 25 steps: what is recorded (date, people by role, details, the
 * linked 支部党员大会 for ⑮/㉓, notes), and a form to record or change it. Saved
 * per step; the rules' warnings appear on the case, never blocking the save.
 */
import { useRef, useState } from 'react';
import { App as AntApp, Button, Col, Form, Input, Popconfirm, Row, Select, Space, Tag } from 'antd';
import { emptyValue } from '../../../../shared/books/schema';
import { displayValue } from '../../../../shared/print/display';
import { saveStepInput, type DevelopmentCaseDto, type DevelopmentStepDto, type SaveStepInput } from '../../../../shared/methods/development';
import { circled, type StepDef } from '../../../../shared/rules/development';
import { parseInput, validationMessage } from '../../../../shared/validation';
import { call } from '../../api';
import { showError } from '../../errors';
import { asErrors, useFormIssues } from '../../formIssues';
import { enterNeverSubmits, sameValues, useUnsavedChanges } from '../../unsaved';
import { lengthLimit } from '../../components/fields/limit';
import { DateInput } from '../../components/fields/pickers';
import { ScalarInput, type PickerContext } from '../../components/fields/FieldInput';
import { AssemblyPicker, type AssemblyLinkValue } from './AssemblyPicker';
import { StepFiles } from './StepFiles';
import { options } from '../../options';

interface Values {
  date: string;
  people: Record<string, string[]>;
  details: Record<string, unknown>;
  notes: string;
  link: AssemblyLinkValue;
}

function initial(def: StepDef, saved: DevelopmentStepDto | undefined, defaults: Partial<Record<string, unknown>>): Values {
  return {
    date: saved?.date ?? '',
    people: Object.fromEntries(def.roles.map((r) => [r.key, saved?.people[r.key] ?? []])),
    details: Object.fromEntries(def.details.map((f) => [f.key, saved?.details[f.key] ?? defaults[f.key] ?? emptyValue(f)])),
    notes: saved?.notes ?? '',
    link: { recordId: saved?.recordId ?? null, motionIndex: saved?.motionIndex ?? null },
  };
}

/** What a recorded step says, in one line. */
function summary(def: StepDef, s: DevelopmentStepDto): string {
  const parts: string[] = [];
  for (const r of def.roles) {
    const names = s.people[r.key] ?? [];
    if (names.length) parts.push(`${r.label}：${names.join('、')}`);
  }
  for (const f of def.details) {
    const t = displayValue(f, s.details[f.key]);
    if (t) parts.push(`${f.label}：${t}`);
  }
  if (s.notes) parts.push(`备注：${s.notes}`);
  return parts.join('；');
}

/** The input the core takes for the step, from the form's values. */
function inputOf(def: StepDef, caseId: number, v: Values): SaveStepInput {
  return {
    caseId,
    step: def.n,
    date: v.date ?? '',
    people: Object.fromEntries(def.roles.map((r) => [r.key, (v.people?.[r.key] ?? []).map((x) => x.trim()).filter(Boolean)])),
    details: Object.fromEntries(def.details.map((f) => [f.key, v.details?.[f.key] ?? emptyValue(f)])),
    notes: v.notes ?? '',
    recordId: def.assembly ? v.link.recordId : null,
    motionIndex: def.assembly && v.link.recordId !== null ? v.link.motionIndex : null,
  } as SaveStepInput;
}

/** A step's labels by the path of its input, for the message of a failed save. */
function labelOf(def: StepDef, path: string): string | null {
  const [head, key] = path.split('.');
  if (head === 'date') return def.dateLabel;
  if (head === 'people') return def.roles.find((r) => r.key === key)?.label ?? null;
  if (head === 'details') return def.details.find((f) => f.key === key)?.label ?? null;
  return head === 'notes' ? '备注' : null;
}

interface StepProps {
  def: StepDef;
  c: DevelopmentCaseDto;
  saved: DevelopmentStepDto | undefined;
  onEdit: (on: boolean) => void;
  onSaved: (c: DevelopmentCaseDto) => void;
  ctx: PickerContext;
}

/** The form of one step, mounted for each opening: it starts from what is saved, whatever was typed and cancelled before. */
function StepForm({ def, c, saved, onEdit, onSaved, ctx }: StepProps) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const date = Form.useWatch('date', form) as string | undefined;
  const opened = useRef(initial(def, saved, def.n === 23 ? { outcome: '转为正式党员' } : {}));
  const issues = useFormIssues<Values>((v) => {
    const r = parseInput(saveStepInput, inputOf(def, c.id, v));
    return r.success ? [] : asErrors(r.issues);
  });
  const at = issues.at;

  const save = async (): Promise<boolean> => {
    const v = form.getFieldsValue(true) as Values;
    const errors = issues.trySave(v);
    if (errors.length) {
      message.error(validationMessage(errors, (path) => labelOf(def, path)));
      return false;
    }
    setSaving(true);
    try {
      const r = await call('development.saveStep', inputOf(def, c.id, v));
      message.success(`${circled(def.n)}${def.name}已保存`);
      for (const n of r.notices) message.info(n, 6);
      opened.current = v;
      onSaved(r.case);
      onEdit(false);
      return true;
    } catch (e) {
      showError(e, message.error, issues.setServer);
      return false;
    } finally {
      setSaving(false);
    }
  };
  const guard = useUnsavedChanges({
    title: `${circled(def.n)}${def.name}`,
    dirty: () => !sameValues(form.getFieldsValue(true), opened.current),
    save,
  });
  const cancel = async () => {
    if (await guard.leave()) onEdit(false);
  };

  const remove = async () => {
    try {
      onSaved(await call('development.removeStep', { caseId: c.id, step: def.n }));
      message.success('已删除');
      opened.current = form.getFieldsValue(true) as Values;
      onEdit(false);
    } catch (e) {
      showError(e, message.error);
    }
  };

  return (
    <div
      className="dev-step-form"
      onKeyDown={enterNeverSubmits}
    >
      <div className="muted" style={{ marginBottom: 8 }}>
        {def.help}
      </div>
      <Form form={form} name={`step${def.n}`} layout="vertical" initialValues={opened.current} onFinish={() => void save()} onValuesChange={issues.onValuesChange}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="date" label={def.dateLabel} required {...at('date')}>
              <DateInput />
            </Form.Item>
          </Col>
          {def.roles.map((r) => (
            <Col span={16} key={r.key}>
              <Form.Item name={['people', r.key]} label={r.label} extra={r.help} {...at(`people.${r.key}`)}>
                <Select mode="tags" aria-label={r.label} options={options(ctx.people.map((p) => p.name))} placeholder="输入姓名或从名册选择，回车确认" tokenSeparators={['、', ',', '，']} />
              </Form.Item>
            </Col>
          ))}
          {def.details.map((f) => (
            <Col span={f.kind === 'textarea' ? 24 : 8} key={f.key}>
              <Form.Item name={['details', f.key]} label={f.label} extra={f.help} {...at(`details.${f.key}`)}>
                <ScalarInput f={f} ctx={ctx} aria-label={f.label} />
              </Form.Item>
            </Col>
          ))}
          {def.assembly && (
            <Col span={24}>
              <Form.Item name="link" label="支部党员大会记录" extra="选择讨论此事的支部党员大会记录和表决事项，表决结果按《中国共产党支部工作条例（试行）》核对">
                <AssemblyPicker stepDate={date ?? saved?.date ?? ''} current={saved?.link ?? null} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="notes" label="备注" {...at('notes')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} {...lengthLimit(2000)} aria-label="备注" />
            </Form.Item>
          </Col>
        </Row>
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
          <Button onClick={() => void cancel()}>取消</Button>
          {saved && (
            <Popconfirm
              title={`删除${circled(def.n)}${def.name}的登记？`}
              description={[
                '此步骤的附件将一并移除。',
                def.n === 15 || def.n === 23 ? '人员名册中的政治面貌和入党、转正日期不会自动改回，请到人员名册核对。' : '',
              ].join('')}
              onConfirm={remove}
            >
              <Button danger>删除</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </div>
  );
}

export function StepItem(props: StepProps & { editing: boolean; readOnly: boolean }) {
  const { def, c, saved, editing, onEdit, readOnly } = props;
  return (
    <div className="dev-step" data-step={def.n}>
      <div className="dev-step-head">
        <span className="dev-step-name">
          {circled(def.n)} {def.name}
        </span>
        {saved ? <Tag color="green">{saved.date}</Tag> : <Tag>未登记</Tag>}
        {saved?.link && (
          <Tag color={saved.link.passed ? 'green' : 'red'}>
            {saved.link.seq ? `第${saved.link.seq}次` : ''}支部党员大会{saved.link.motionTitle ? `：${saved.link.passed ? '通过' : '未通过'}` : ''}
          </Tag>
        )}
        {!readOnly && !editing && (
          <Button size="small" type={saved ? 'link' : 'default'} onClick={() => onEdit(true)} aria-label={`${saved ? '修改' : '登记'}${circled(def.n)}${def.name}`}>
            {saved ? '修改' : '登记'}
          </Button>
        )}
      </div>
      {saved && !editing && summary(def, saved) && <div className="dev-step-summary">{summary(def, saved)}</div>}
      {saved && !editing && <StepFiles caseId={c.id} step={def.n} readOnly={readOnly} />}
      {editing && <StepForm {...props} />}
    </div>
  );
}
