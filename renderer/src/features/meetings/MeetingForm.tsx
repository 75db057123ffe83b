import { useEffect, useState } from 'react';
import { App as AntApp, AutoComplete, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Spin, Tag, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { recordInput, type Attendee, type MeetingRecord, type Motion, type RecordInput } from '../../../../shared/contract';
import { MEETING_TYPES, meetingType, type MeetingTypeId } from '../../../../shared/books/meetings';
import { judgeMotion } from '../../../../shared/rules/attendance';
import { fieldIssues, validationMessage } from '../../../../shared/validation';
import { call } from '../../api';
import { useLedger } from '../../context';
import { markFields, showError } from '../../errors';
import { go } from '../../router';
import { AttendanceEditor } from './AttendanceEditor';

interface Values {
  type: MeetingTypeId;
  date?: Dayjs;
  startTime?: Dayjs;
  endTime?: Dayjs;
  groupId?: number | null;
  location?: string;
  host?: string;
  hostTitle?: string;
  recorder?: string;
  attendance?: Attendee[];
  /** 列席人员, one per line */
  observers?: string;
  leaders?: string;
  topics?: string[];
  content?: string;
  motions?: Partial<Motion>[];
  resolution?: string;
  pending?: string;
  summary?: string;
  lecture?: { speaker?: string; title?: string; hours?: number };
}

const lines = (s = '') =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function toInput(v: Values): RecordInput {
  const def = meetingType(v.type);
  return {
    type: v.type,
    date: v.date ? v.date.format('YYYY-MM-DD') : '',
    data: {
      groupId: def.attendees === 'group' ? (v.groupId ?? null) : null,
      startTime: v.startTime ? v.startTime.format('HH:mm') : '',
      endTime: v.endTime ? v.endTime.format('HH:mm') : '',
      location: v.location ?? '',
      host: v.host ?? '',
      hostTitle: v.hostTitle ?? '',
      recorder: v.recorder ?? '',
      attendance: v.attendance ?? [],
      observers: lines(v.observers),
      leaders: v.leaders ?? '',
      topics: (v.topics ?? []).map((t) => t ?? ''),
      content: v.content ?? '',
      motions: def.votes
        ? (v.motions ?? []).map((m) => ({ title: m.title ?? '', for: m.for ?? 0, against: m.against ?? 0, abstain: m.abstain ?? 0 }))
        : [],
      resolution: v.resolution ?? '',
      pending: v.pending ?? '',
      summary: v.summary ?? '',
      lecture: def.lecture ? { speaker: v.lecture?.speaker ?? '', title: v.lecture?.title ?? '', hours: v.lecture?.hours ?? 0 } : null,
    },
  };
}

function toValues(r: MeetingRecord): Values {
  const d = r.data;
  return {
    ...d,
    type: r.type,
    date: dayjs(r.date),
    startTime: dayjs(`${r.date}T${d.startTime}`),
    endTime: dayjs(`${r.date}T${d.endTime}`),
    observers: d.observers.join('\n'),
    lecture: d.lecture ?? undefined,
  };
}

export function MeetingForm({ id, initialType }: { id: number | null; initialType: string | null }) {
  const { message } = AntApp.useApp();
  const { branch } = useLedger();
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState(id === null);
  const [saving, setSaving] = useState(false);
  const type = (Form.useWatch('type', form) ?? initialType ?? MEETING_TYPES[0].id) as MeetingTypeId;
  const groupId = Form.useWatch('groupId', form) as number | null | undefined;
  const attendance = (Form.useWatch('attendance', form) ?? []) as Attendee[];
  const motions = (Form.useWatch('motions', form) ?? []) as Partial<Motion>[];
  const def = meetingType(type);

  // Editing: load the record once.
  useEffect(() => {
    if (id === null) return;
    call('records.get', { id })
      .then((r) => {
        form.setFieldsValue(toValues(r));
        setLoaded(true);
      })
      .catch((e) => showError(e, message.error));
  }, [id, form, message]);

  const loadExpected = async () => {
    if (def.attendees === 'group' && !groupId) {
      form.setFieldValue('attendance', []);
      return;
    }
    try {
      const list = await call('records.expected', { type, groupId: def.attendees === 'group' ? (groupId ?? null) : null });
      form.setFieldValue('attendance', list);
    } catch (e) {
      showError(e, message.error);
    }
  };
  // New record: who must attend follows the type (and the 党小组).
  useEffect(() => {
    if (id === null) void loadExpected();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, type, groupId]);

  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    const input = toInput(v);
    const parsed = recordInput.safeParse(input);
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      markFields(form, issues);
      message.error(validationMessage(issues));
      return;
    }
    setSaving(true);
    try {
      const saved = id === null ? await call('records.create', input) : await call('records.update', { ...input, id });
      message.success('记录已保存');
      go(`/meetings/${saved.id}`);
    } catch (e) {
      showError(e, message.error, form);
    } finally {
      setSaving(false);
    }
  };

  if (!loaded) return <Spin />;
  const secretary = branch.committee.find((c) => c.role === '书记');
  const peopleOptions = attendance.map((a) => ({ value: a.name, label: a.title ? `${a.name}（${a.title}）` : a.name }));

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        type,
        date: dayjs(),
        startTime: dayjs().hour(9).minute(0),
        endTime: dayjs().hour(11).minute(0),
        groupId: null,
        host: def.attendees === 'group' ? '' : (secretary?.name ?? ''),
        hostTitle: def.attendees === 'group' ? '' : secretary ? '书记' : '',
        topics: [''],
        motions: [],
        attendance: [],
      }}
    >
      <div className="page-toolbar">
        <h2>{id === null ? `新建${def.label}记录` : `编辑${def.label}记录`}</h2>
        <Button onClick={() => (id === null ? go(`/meetings?type=${type}`) : go(`/meetings/${id}`))}>取消</Button>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </div>

      <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="type" label="会议类型" rules={[{ required: true }]}>
              <Select disabled={id !== null} options={MEETING_TYPES.map((t) => ({ value: t.id, label: t.label }))} />
            </Form.Item>
          </Col>
          {def.attendees === 'group' && (
            <Col span={6}>
              <Form.Item name="groupId" label="党小组" rules={[{ required: true, message: '请选择党小组' }]}>
                <Select placeholder="选择党小组" options={branch.groups.map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={6}>
            <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={3}>
            <Form.Item name="startTime" label="开始时间" rules={[{ required: true, message: '请填写开始时间' }]}>
              <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={3}>
            <Form.Item name="endTime" label="结束时间" rules={[{ required: true, message: '请填写结束时间' }]}>
              <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="location" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="host" label="主持人" rules={[{ required: true, whitespace: true, message: '请填写主持人' }]}>
              <AutoComplete
                options={peopleOptions}
                onSelect={(name: string) => form.setFieldValue('hostTitle', attendance.find((a) => a.name === name)?.title ?? '')}
              />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="hostTitle" label="主持人职务">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="recorder" label="记录人" rules={[{ required: true, whitespace: true, message: '请填写记录人' }]}>
              <AutoComplete options={peopleOptions} />
            </Form.Item>
          </Col>
        </Row>
        {def.lecture && (
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name={['lecture', 'title']} label="党课题目" rules={[{ required: true, whitespace: true, message: '请填写党课题目' }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['lecture', 'speaker']} label="主讲人" rules={[{ required: true, whitespace: true, message: '请填写主讲人' }]}>
                <AutoComplete options={peopleOptions} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['lecture', 'hours']} label="学时" rules={[{ required: true, message: '请填写学时' }]}>
                <InputNumber min={0.5} max={40} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Card>

      <Card
        title="出席情况"
        size="small"
        style={{ marginBottom: 16 }}
        extra={<Button onClick={loadExpected}>按当前名册重新生成应到人员</Button>}
      >
        <Form.Item name="attendance" noStyle>
          <AttendanceEditor />
        </Form.Item>
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col span={12}>
            <Form.Item name="observers" label="列席人员（每行一人，可注明单位职务）">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leaders" label="到会指导的上级领导">
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title="议题与内容" size="small" style={{ marginBottom: 16 }}>
        <Form.List name="topics">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <span>议题{i + 1}</span>
                  <Form.Item name={f.name} rules={[{ required: true, whitespace: true, message: '请填写议题' }]} style={{ width: 640 }}>
                    <Input aria-label={`议题${i + 1}`} maxLength={200} />
                  </Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>删除</Button>}
                </Space>
              ))}
              <Button onClick={() => add('')} style={{ marginBottom: 16 }}>
                添加议题
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="content" label="会议内容（发言摘要或全文，每段一行）">
          <Input.TextArea autoSize={{ minRows: 6 }} />
        </Form.Item>
      </Card>

      {def.votes && (
        <Card title="表决与决议" size="small" style={{ marginBottom: 16 }}>
          <Form.List name="motions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => {
                  const m = motions[i];
                  const outcome = m && m.title !== undefined ? judgeMotion(attendance, { title: m.title ?? '', for: m.for ?? 0, against: m.against ?? 0, abstain: m.abstain ?? 0 }) : null;
                  return (
                    <div key={f.key} style={{ marginBottom: 8 }}>
                      <Space align="baseline" wrap>
                        <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写表决事项' }]}>
                          <Input aria-label={`表决事项${i + 1}`} placeholder="表决事项" style={{ width: 360 }} maxLength={200} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'for']}>
                          <InputNumber aria-label={`表决事项${i + 1}赞成`} prefix="赞成" suffix="票" min={0} precision={0} style={{ width: 130 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'against']}>
                          <InputNumber aria-label={`表决事项${i + 1}反对`} prefix="反对" suffix="票" min={0} precision={0} style={{ width: 130 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'abstain']}>
                          <InputNumber aria-label={`表决事项${i + 1}弃权`} prefix="弃权" suffix="票" min={0} precision={0} style={{ width: 130 }} />
                        </Form.Item>
                        <Button onClick={() => remove(f.name)}>删除</Button>
                      </Space>
                      {outcome && (
                        <div data-testid={`motion-outcome-${i}`}>
                          <Tag color={outcome.passed ? 'green' : 'red'}>{outcome.passed ? '通过' : '未通过'}</Tag>
                          <span className="muted">{outcome.summary}</span>
                        </div>
                      )}
                    </div>
                  );
                })}
                <Button onClick={() => add({ title: '', for: 0, against: 0, abstain: 0 })} style={{ marginBottom: 16 }}>
                  添加表决事项
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="resolution" label="决议">
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Card>
      )}

      <Card title="其他" size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="pending" label="遗留问题">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="summary" label="会议小结">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Card>
      <Button type="primary" htmlType="submit" loading={saving} size="large">
        保存
      </Button>
    </Form>
  );
}
