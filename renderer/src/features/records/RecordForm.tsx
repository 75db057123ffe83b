/**
 * The one form for every record type, laid out from its definition. Values are
 * `{ date, status, data }` with data exactly as stored; the same zod schema and
 * cross-field checks as the API run on every change, so each field shows its
 * problem as it is typed and loses it once it is right, with the plausibility
 * warnings beside them. Leaving with unsaved changes asks first (unsaved.ts);
 * Enter never saves; Ctrl+S saves and stays in the form.
 */
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Card, Col, Form, Radio, Row, Spin } from 'antd';
import dayjs from 'dayjs';
import { recordInput, type RecordDto, type RecordInput } from '../../../../shared/methods/records';
import { printTitle, recordType, STATUS_LABELS, type FieldDef, type RecordStatus, type RecordTypeDef } from '../../../../shared/books/index';
import { emptyData, type Attendee, type Motion } from '../../../../shared/books/schema';
import { checkRecord, recordWarnings } from '../../../../shared/books/check';
import { recordPathLabel } from '../../../../shared/books/paths';
import { localToday } from '../../../../shared/dates';
import { parseInput, validationMessage } from '../../../../shared/validation';
import { ApiCallError, call } from '../../api';
import { useLedger } from '../../context';
import { asErrors, asWarnings, IssuesProvider, scrollToIssue, useFormIssues, type Issue } from '../../formIssues';
import { go, replace } from '../../router';
import { enterNeverSubmits, sameValues, useUnsavedChanges } from '../../unsaved';
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
/** One message at a time for a save: a success replaces the failure before it, and the other way round. */
const SAVE_MESSAGE = 'record-save';
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

/** Every problem of the values as the core would find it, and what it would question. */
function issuesOf(def: RecordTypeDef, v: Values): Issue[] {
  const input = { type: def.id, date: v.date ?? '', status: v.status, data: v.data ?? {} };
  const parsed = parseInput(recordInput, input);
  const errors = parsed.success ? checkRecord(def, (parsed.data as RecordInput).data) : parsed.issues;
  return [...asErrors(errors), ...asWarnings(recordWarnings(def, input, localToday()))];
}

/** Edit the record `id` or, with id null, a new one of `type`. `hold`: a planned activity (a draft) being held: the form starts at 定稿. */
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
  const status = Form.useWatch('status', form) as RecordStatus | undefined;
  const issues = useFormIssues<Values>((v) => (def ? issuesOf(def, v) : []));
  /** The values as opened (or last saved): leaving asks only when the form differs from them. */
  const baseline = useRef<Values | null>(null);
  /** The form filled in by itself (opened, loaded, who must attend): not a change, and its warnings show. */
  const rebase = () => {
    baseline.current = structuredClone(form.getFieldsValue(true) as Values);
    issues.refresh(baseline.current);
  };

  // Editing: load the record once.
  useEffect(() => {
    if (id === null) return;
    call('records.get', { id })
      .then((r) => {
        setLoadedType(r.type);
        form.setFieldsValue({ date: r.date, status: hold && r.status === 'draft' ? 'final' : r.status, data: r.data });
        rebase();
      })
      .catch((e) => message.error(e instanceof Error ? e.message : String(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, hold, form, message]);

  const loadExpected = async (auto: boolean) => {
    if (!def?.attendees) return;
    const untouched = auto && baseline.current !== null && sameValues(form.getFieldsValue(true), baseline.current);
    try {
      const list = def.attendees === 'group' && !groupId ? [] : await call('records.expected', { type: def.id, groupId: groupId ?? null });
      form.setFieldValue(['data', 'attendance'], list);
      // Filling in who must attend is the form's own doing, not a change to ask about.
      if (untouched || baseline.current === null) rebase();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  // A new meeting, or a planned one (a draft with nobody listed yet) being held:
  // who must attend follows the type (and the 党小组).
  useEffect(() => {
    if (!def) return;
    if (id === null && baseline.current === null) rebase();
    const plan = (hold || form.getFieldValue('status') === 'draft') && !form.getFieldValue(['data', 'attendance'])?.length;
    if (id === null || plan) void loadExpected(true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, def?.id, groupId]);

  const title = def ? `${id === null ? '新建' : '编辑'}${printTitle(def)}` : '记录';
  /** Save where the form is; null when it could not be (the fields and the toast say why). */
  const persist = async (): Promise<RecordDto | null> => {
    if (!def) return null;
    const v = form.getFieldsValue(true) as Values;
    const errors = issues.trySave(v);
    const name = (path: string) => recordPathLabel(def, path);
    if (errors.length) {
      message.open({ key: SAVE_MESSAGE, type: 'error', content: validationMessage(errors, name) });
      scrollToIssue(form, errors[0]!.path);
      return null;
    }
    setSaving(true);
    try {
      const clean = recordInput.parse({ type: def.id, date: v.date, status: v.status, data: v.data }) as RecordInput;
      const saved = id === null ? await call('records.create', clean) : await call('records.update', { id, record: clean });
      baseline.current = structuredClone(v);
      message.open({ key: SAVE_MESSAGE, type: 'success', content: saved.status === 'draft' ? '草稿已保存' : '记录已保存' });
      return saved;
    } catch (e) {
      // Boundary errors of an update sit under `record.`; the service's own under `data.`.
      if (e instanceof ApiCallError) issues.setServer(e.fields.map((f) => ({ ...f, path: f.path.replace(/^record\./, '') })));
      message.open({ key: SAVE_MESSAGE, type: 'error', content: e instanceof Error ? e.message : String(e) });
      return null;
    } finally {
      setSaving(false);
    }
  };
  const guard = useUnsavedChanges({
    title,
    dirty: () => baseline.current !== null && !sameValues(form.getFieldsValue(true), baseline.current),
    // Ctrl+S, or 保存 when leaving: saved where it is; a new record carries on as that record.
    save: async () => {
      const saved = await persist();
      if (saved && id === null) replace(`/records/${saved.id}/edit`);
      return saved !== null;
    },
  });

  if (!def) return <Spin />;

  const submit = async () => {
    const saved = await persist();
    if (saved) go(`/records/${saved.id}`);
  };
  const cancel = async () => {
    if (await guard.leave()) {
      // Nothing to keep: leave without asking again.
      baseline.current = structuredClone(form.getFieldsValue(true) as Values);
      go(id === null ? `/records?type=${def.id}` : `/records/${id}`);
    }
  };

  const draft = status === 'draft';
  const ctx: PickerContext = { people: people ?? [] };
  const secretary = branch.committee.find((c) => c.role === '书记')?.name;
  const field = (f: FieldDef) => {
    if (f.kind === 'attendance') {
      return (
        <Col span={24} key={f.key}>
          <Card title="出席情况" size="small" style={{ marginBottom: 16 }} extra={<Button onClick={() => void loadExpected(false)}>按当前名册重新生成应到人员</Button>}>
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
          <Form.Item label={f.label} {...issues.at(`data.${f.key}`)}>
            <MotionsInput attendance={attendance} motions={motions} />
          </Form.Item>
        </Col>
      );
    }
    return (
      <Col {...(SHORT.has(f.kind) ? (f.kind === 'text' && (f.max ?? 200) > 60 ? HALF : QUARTER) : { span: 24 })} key={f.key}>
        <FieldInput f={f} ctx={ctx} draft={draft} />
      </Col>
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      onValuesChange={issues.onValuesChange}
      initialValues={id === null ? initialValues(def, secretary) : undefined}
      onKeyDown={enterNeverSubmits}
    >
      <IssuesProvider value={issues.at}>
        <div className="page-toolbar">
          <h2>{title}</h2>
          <span className="muted">Ctrl+S 保存</span>
          <Button onClick={() => void cancel()}>取消</Button>
          <Button type="primary" htmlType="submit" loading={saving}>
            保存
          </Button>
        </div>
        <Card size="small">
          <Row gutter={16}>
            <Col {...QUARTER}>
              <Form.Item name="date" label={def.dateLabel} required {...issues.at('date')}>
                <DateInput />
              </Form.Item>
            </Col>
            <Col {...QUARTER}>
              <Form.Item name="status" label="记录状态" extra="草稿可以不填完；定稿后每次修改都会保留历史版本" {...issues.at('status')}>
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
      </IssuesProvider>
    </Form>
  );
}
