/**
 * The one form for every record type, laid out from its definition. Values are
 * `{ date, status, data }` with data exactly as stored; the same zod schema and
 * cross-field checks as the API run before anything is sent.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Button, Card, Col, Form, Radio, Row, Spin } from 'antd';
import dayjs from 'dayjs';
import { recordInput, type RecordInput } from '../../../../shared/contract';
import { printTitle, recordType, STATUS_LABELS, type FieldDef, type RecordStatus, type RecordTypeDef } from '../../../../shared/books/index';
import { emptyData, type Attendee, type Motion } from '../../../../shared/books/schema';
import { checkRecord } from '../../../../shared/books/check';
import { fieldIssues, validationMessage } from '../../../../shared/validation';
import { call } from '../../api';
import { useLedger } from '../../context';
import { markFields, showError } from '../../errors';
import { go } from '../../router';
import { useApiData } from '../../useApiData';
import { DateInput } from '../../components/fields/pickers';
import { FieldInput, type PickerContext } from '../../components/fields/FieldInput';
import { AttendanceInput } from '../../components/fields/AttendanceInput';
import { MotionsInput } from '../../components/fields/MotionsInput';

interface Values {
  date: string;
  status: RecordStatus;
  data: Record<string, unknown>;
}

const SHORT = new Set(['text', 'person', 'date', 'month', 'time', 'number', 'money', 'select', 'boolean', 'group']);
/** Grid columns of a short field and of a longer text: four short ones a row from a 1024 px window (lg), fewer below. */
const QUARTER = { xs: 24, sm: 12, md: 8, lg: 6 };
const HALF = { xs: 24, md: 12 };

function initialValues(def: RecordTypeDef, secretary: string | undefined): Values {
  const data = emptyData(def);
  if (def.kind === 'meeting') {
    Object.assign(data, { startTime: '09:00', endTime: '11:00' });
    if (def.attendees !== 'group' && secretary && 'host' in data) Object.assign(data, { host: secretary, hostTitle: '书记' });
  }
  return { date: dayjs().format('YYYY-MM-DD'), status: 'final', data };
}

/** `hold`: a planned activity (a draft) being held: the form starts at 定稿, for the meeting now on record. */
export function RecordForm({ id, type, hold = false }: { id: number | null; type: string; hold?: boolean }) {
  const { message } = AntApp.useApp();
  const { branch } = useLedger();
  const [form] = Form.useForm<Values>();
  const [loadedType, setLoadedType] = useState<string | null>(id === null ? type : null);
  const [saving, setSaving] = useState(false);
  const [people] = useApiData(() => call('people.list'), []);
  const def = loadedType ? recordType(loadedType) : null;
  const attendance = (Form.useWatch(['data', 'attendance'], form) ?? []) as Attendee[];
  const motions = (Form.useWatch(['data', 'motions'], form) ?? []) as Partial<Motion>[];
  const groupId = Form.useWatch(['data', 'groupId'], form) as number | null | undefined;

  // Editing: load the record once.
  useEffect(() => {
    if (id === null) return;
    call('records.get', { id })
      .then((r) => {
        setLoadedType(r.type);
        form.setFieldsValue({ date: r.date, status: hold && r.status === 'draft' ? 'final' : r.status, data: r.data });
      })
      .catch((e) => showError(e, message.error));
  }, [id, hold, form, message]);

  const loadExpected = async () => {
    if (!def?.attendees) return;
    if (def.attendees === 'group' && !groupId) return form.setFieldValue(['data', 'attendance'], []);
    try {
      form.setFieldValue(['data', 'attendance'], await call('records.expected', { type: def.id, groupId: groupId ?? null }));
    } catch (e) {
      showError(e, message.error);
    }
  };
  // A new meeting, or a planned one (a draft with nobody listed yet) being held:
  // who must attend follows the type (and the 党小组).
  useEffect(() => {
    const plan = def && (hold || form.getFieldValue('status') === 'draft') && !form.getFieldValue(['data', 'attendance'])?.length;
    if (id === null || plan) void loadExpected();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, def?.id, groupId]);

  if (!def) return <Spin />;

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    const input = { type: def.id, date: v.date ?? '', status: v.status, data: v.data } as RecordInput;
    const parsed = recordInput.safeParse(input);
    const issues = parsed.success ? checkRecord(def, parsed.data.data) : fieldIssues(parsed.error);
    if (issues.length) {
      markFields(form, issues, '');
      message.error(validationMessage(issues));
      return;
    }
    setSaving(true);
    try {
      const clean = parsed.data as RecordInput;
      const saved = id === null ? await call('records.create', clean) : await call('records.update', { id, record: clean });
      message.success(saved.status === 'draft' ? '草稿已保存' : '记录已保存');
      go(`/records/${saved.id}`);
    } catch (e) {
      // Boundary errors of an update sit under `record.`; the service's own under `data.`.
      showError(e, message.error, form, id === null ? '' : 'record.');
    } finally {
      setSaving(false);
    }
  };

  const ctx: PickerContext = { names: (people ?? []).map((p) => p.name) };
  const secretary = branch.committee.find((c) => c.role === '书记')?.name;
  const field = (f: FieldDef) => {
    if (f.kind === 'attendance') {
      return (
        <Col span={24} key={f.key}>
          <Card title="出席情况" size="small" style={{ marginBottom: 16 }} extra={<Button onClick={loadExpected}>按当前名册重新生成应到人员</Button>}>
            <Form.Item name={['data', 'attendance']} noStyle>
              <AttendanceInput />
            </Form.Item>
          </Card>
        </Col>
      );
    }
    if (f.kind === 'motions') {
      return (
        <Col span={24} key={f.key}>
          <Form.Item label={f.label}>
            <MotionsInput attendance={attendance} motions={motions} />
          </Form.Item>
        </Col>
      );
    }
    return (
      <Col {...(SHORT.has(f.kind) ? (f.kind === 'text' && (f.max ?? 200) > 60 ? HALF : QUARTER) : { span: 24 })} key={f.key}>
        <FieldInput f={f} ctx={ctx} />
      </Col>
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={id === null ? initialValues(def, secretary) : undefined}>
      <div className="page-toolbar">
        <h2>{id === null ? `新建${printTitle(def)}` : `编辑${printTitle(def)}`}</h2>
        <Button onClick={() => (id === null ? go(`/records?type=${def.id}`) : go(`/records/${id}`))}>取消</Button>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </div>
      <Card size="small">
        <Row gutter={16}>
          <Col {...QUARTER}>
            <Form.Item name="date" label={def.dateLabel} required>
              <DateInput />
            </Form.Item>
          </Col>
          <Col {...QUARTER}>
            <Form.Item name="status" label="状态" extra="定稿后每次修改都会保留历史版本">
              <Radio.Group
                optionType="button"
                options={(Object.keys(STATUS_LABELS) as RecordStatus[]).map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
              />
            </Form.Item>
          </Col>
          {def.cadence && (
            <Col {...HALF} className="muted" style={{ paddingTop: 30 }}>
              制度要求：{def.cadence}
            </Col>
          )}
          {def.fields.map(field)}
        </Row>
      </Card>
      <Button type="primary" htmlType="submit" loading={saving} size="large" style={{ marginTop: 16 }}>
        保存
      </Button>
    </Form>
  );
}
