/**
 * 计划活动: a planned meeting is saved as a 草稿 record with its date, type and
 * 议题 (and 地点, 开始时间, 党小组 where given). The inputs are the record form's
 * own (FieldInput), so a plan's 议题 look and check as they will when it is held.
 */
import { useRef, useState } from 'react';
import { Alert, App as AntApp, Form, Modal, Select } from 'antd';
import type { RecordDto } from '../../../../shared/methods/records';
import { isRecordType, recordType } from '../../../../shared/books/index';
import { planFields, planIssues, plannableByBook, planRecord, type PlanValues } from '../../../../shared/books/plan';
import { chineseDate } from '../../../../shared/dates';
import { call } from '../../api';
import { useLedger } from '../../context';
import { showError } from '../../errors';
import { asErrors, IssuesProvider, useFormIssues } from '../../formIssues';
import { sameValues, useUnsavedChanges } from '../../unsaved';
import { DateInput } from '../../components/fields/pickers';
import { FieldInput } from '../../components/fields/FieldInput';

const TYPE_OPTIONS = plannableByBook().map((g) => ({
  label: g.book.label,
  title: g.book.label,
  options: g.types.map((t) => ({ value: t.id, label: t.label })),
}));

export function PlanModal({ date, onClose, onSaved }: { date: string; onClose: () => void; onSaved: (rec: RecordDto) => void }) {
  const { message } = AntApp.useApp();
  const { year } = useLedger();
  const [form] = Form.useForm<PlanValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const type = Form.useWatch('type', form);
  const def = type && isRecordType(type) ? recordType(type) : null;
  const fields = def ? planFields(def) : [];
  const issues = useFormIssues<PlanValues>((v) => asErrors(planIssues(year, v)));
  const initial = useRef<PlanValues>({ date, data: { topics: [''] } });

  /** Save the plan; false when it could not be (the fields say why). */
  const save = async (): Promise<boolean> => {
    const v = form.getFieldsValue(true) as PlanValues;
    const errors = issues.trySave(v);
    if (errors.length) {
      setProblem(errors.map((i) => i.message).join('；'));
      return false;
    }
    setSaving(true);
    try {
      const rec = await call('records.create', planRecord(recordType(v.type!), v.date!, v.data));
      message.success(`已计划：${chineseDate(rec.date)} ${recordType(rec.type).label}`);
      initial.current = v;
      onSaved(rec);
      return true;
    } catch (e) {
      showError(e, setProblem, issues.setServer);
      return false;
    } finally {
      setSaving(false);
    }
  };
  const guard = useUnsavedChanges({ title: '计划活动', dirty: () => !sameValues(form.getFieldsValue(true), initial.current), save });
  const close = async () => {
    if (await guard.leave()) onClose();
  };

  return (
    <Modal open title="计划活动" okText="保存计划" onOk={() => void save()} onCancel={() => void close()} confirmLoading={saving} width={800}>
      <p className="muted">计划以草稿保存在对应的记录本中。召开后打开这条记录，补全出席情况、会议内容等，保存为定稿。</p>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial.current}
        onValuesChange={(changed, all) => {
          setProblem(null);
          issues.onValuesChange(changed, all);
        }}
      >
        <IssuesProvider value={issues.at}>
        <div className="plan-row">
          <Form.Item name="date" label="日期" required {...issues.at('date')}>
            <DateInput min={`${year}-01-01`} max={`${year}-12-31`} />
          </Form.Item>
          <Form.Item name="type" label="活动类型" required {...issues.at('type')}>
            <Select placeholder="选择活动类型" options={TYPE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} listHeight={320} />
          </Form.Item>
        </div>
        {def ? (
          <>
            <div className="plan-row">
              {fields.filter((f) => f.kind !== 'lines').map((f) => <FieldInput key={f.key} f={f} ctx={{ people: [] }} draft={false} />)}
            </div>
            {fields.filter((f) => f.kind === 'lines').map((f) => <FieldInput key={f.key} f={f} ctx={{ people: [] }} draft={false} />)}
          </>
        ) : (
          <p className="muted">选择活动类型后填写议题。</p>
        )}
        </IssuesProvider>
      </Form>
    </Modal>
  );
}
