/**
 * Adding or editing a person: 基本信息, 党员信息, 联系方式, and (for someone
 * already on the roster) how their political status changed over time.
 * Mounted for one person at a time (PeoplePage keys it), so it always opens
 * with exactly that person's data, or empty. Every field is checked as it is
 * typed with the rules the core applies (the contract's schema; the 身份证号
 * against 出生日期 and 性别, shared/rules/idcard.ts), with the plausibility
 * warnings beside them; closing it with changes asks first.
 */
import { useEffect, useRef, useState } from 'react';
import { App as AntApp, AutoComplete, Button, Checkbox, Col, Divider, Form, Input, Modal, Row, Select, Table } from 'antd';
import { PERSON_DETAIL_KEYS, personInput, type Person, type PersonInput } from '../../../../shared/methods/people';
import type { StatusEntry } from '../../../../shared/methods/members';
import { GENDERS, POLITICAL_STATUSES } from '../../../../shared/books/vocab';
import { ETHNICITIES, personIssues, personWarnings } from '../../../../shared/members/roster';
import { checkIdNumber, isMaskedIdNumber } from '../../../../shared/rules/idcard';
import { isPartyMember, partyYears } from '../../../../shared/rules/membership';
import { localToday } from '../../../../shared/dates';
import { parseInput, validationMessage } from '../../../../shared/validation';
import { call } from '../../api';
import { DateInput } from '../../components/fields/pickers';
import { lengthLimit } from '../../components/fields/limit';
import { useLedger } from '../../context';
import { showError } from '../../errors';
import { asErrors, asWarnings, scrollToIssue, useFormIssues, type Issue } from '../../formIssues';
import { enterNeverSubmits, sameValues, useUnsavedChanges } from '../../unsaved';
import { options } from '../../options';

type Values = Required<Omit<PersonInput, 'mobileWhere'>> & { mobile: boolean; mobileWhere: string };

const EDUCATION = ['研究生', '大学本科', '大学专科', '中专（中技）', '高中', '初中及以下'];
const DEGREES = ['博士', '硕士', '学士', '无'];

const EMPTY: Values = {
  name: '',
  gender: '男',
  birthDate: '',
  politicalStatus: '中共党员',
  groupId: null,
  position: '',
  phone: '',
  ...(Object.fromEntries(PERSON_DETAIL_KEYS.map((k) => [k, ''])) as Record<(typeof PERSON_DETAIL_KEYS)[number], string>),
  mobile: false,
};

function valuesOf(p: Person): Values {
  const { id: _id, partyYears: _y, groupName: _g, committeeRole: _c, mobileWhere, ...rest } = p;
  return { ...rest, mobile: mobileWhere !== '', mobileWhere: mobileWhere === '是' ? '' : mobileWhere };
}

/** The form's values as the core takes them; the 身份证号 shown as listed (masked, or revealed) is left out: unchanged. */
function inputOf(v: Values, known: readonly string[]): PersonInput {
  const { mobile: isMobile, mobileWhere, idNumber, ...rest } = v;
  const input: PersonInput = {
    ...rest,
    groupId: v.groupId ?? null,
    mobileWhere: isMobile && isPartyMember(v.politicalStatus) ? mobileWhere?.trim() || '是' : '',
    fullDate: v.politicalStatus === '中共预备党员' ? '' : v.fullDate,
  };
  for (const k of Object.keys(input) as (keyof PersonInput)[]) if ((input[k] as unknown) === undefined) (input as Record<string, unknown>)[k] = '';
  if (!known.includes(idNumber ?? '')) input.idNumber = idNumber ?? '';
  return input;
}

/** Every problem the core would find, and what it would question. */
function issuesOf(v: Values, known: readonly string[]): Issue[] {
  const input = inputOf(v, known);
  const parsed = parseInput(personInput, input);
  const p = { ...input, idNumber: input.idNumber ?? '', birthDate: input.birthDate, joinDate: input.joinDate ?? '', fullDate: input.fullDate ?? '' };
  const errors = [...(parsed.success ? [] : parsed.issues), ...personIssues(p)];
  return [...asErrors(errors), ...asWarnings(personWarnings(p, localToday()))];
}

const LABELS: Record<string, string> = {
  name: '姓名', gender: '性别', ethnicity: '民族', birthDate: '出生日期', nativePlace: '籍贯', politicalStatus: '政治面貌', idNumber: '身份证号',
  position: '岗位/职务', education: '学历', degree: '学位', workStartDate: '参加工作日期', joinDate: '入党日期', fullDate: '转正日期',
  groupId: '党小组', mobileWhere: '外出去向', phone: '电话', address: '住址', notes: '备注',
};

export function PersonModal({ person, onClose, onSaved }: { person: Person | 'new'; onClose(): void; onSaved(): void }) {
  const { message } = AntApp.useApp();
  const { branch } = useLedger();
  const [form] = Form.useForm<Values>();
  const [history, setHistory] = useState<StatusEntry[] | null>(null);
  const existing = person !== 'new' ? person : null;
  /** The 身份证号 as the list gave it (masked), and the full one once revealed: both mean "unchanged". */
  const [known, setKnown] = useState<string[]>(existing?.idNumber ? [existing.idNumber] : []);
  const issues = useFormIssues<Values>((v) => issuesOf(v, known));
  const initial = useRef<Values>(existing ? valuesOf(existing) : EMPTY);
  const [saving, setSaving] = useState(false);

  // The stored data's warnings (an age of 12, a 6-digit phone) show as it opens.
  const { refresh } = issues;
  useEffect(() => refresh(initial.current), [refresh]);
  useEffect(() => {
    if (!existing) return;
    call('members.statusHistory', { id: existing.id })
      .then(setHistory)
      .catch((e: unknown) => showError(e, message.error));
  }, [existing, message]);

  const status = Form.useWatch('politicalStatus', form);
  const fullDate = Form.useWatch('fullDate', form);
  const mobile = Form.useWatch('mobile', form);
  const idValue = Form.useWatch('idNumber', form) ?? '';
  const years = status === '中共党员' && fullDate ? partyYears(fullDate) : null;

  const reveal = async () => {
    if (!existing) return;
    try {
      const full = await call('members.revealId', { id: existing.id });
      setKnown((k) => [...k, full]);
      form.setFieldValue('idNumber', full);
      // Showing the full number is not a change.
      initial.current = { ...initial.current, idNumber: full };
    } catch (e) {
      showError(e, message.error);
    }
  };

  /** A valid number typed in fills 出生日期 when empty, and 性别 while the user has not chosen one. */
  const onIdChange = (value: string) => {
    const r = checkIdNumber(value);
    if (!r.ok) return;
    if (!form.getFieldValue('birthDate')) form.setFieldValue('birthDate', r.birthDate);
    if (!existing && !form.isFieldTouched('gender')) form.setFieldValue('gender', r.gender);
  };

  /** Save; false when it could not be (the fields and the toast say why). */
  const save = async (): Promise<boolean> => {
    const v = form.getFieldsValue(true) as Values;
    const errors = issues.trySave(v);
    if (errors.length) {
      message.error(validationMessage(errors, (path) => LABELS[path] ?? null));
      scrollToIssue(form, errors[0]!.path);
      return false;
    }
    setSaving(true);
    try {
      const input = inputOf(v, known);
      if (existing) await call('people.update', { ...input, id: existing.id });
      else await call('people.create', input);
      initial.current = v;
      message.success('已保存');
      onSaved();
      return true;
    } catch (e) {
      showError(e, message.error, issues.setServer);
      return false;
    } finally {
      setSaving(false);
    }
  };
  const title = existing ? `编辑人员：${existing.name}` : '添加人员';
  const guard = useUnsavedChanges({ title, dirty: () => !sameValues(form.getFieldsValue(true), initial.current), save });
  const close = async () => {
    if (await guard.leave()) onClose();
  };
  const at = issues.at;

  const col = (node: React.ReactNode, span = 12) => <Col span={span}>{node}</Col>;

  return (
    <Modal title={title} open onCancel={() => void close()} onOk={() => void save()} okText="保存" confirmLoading={saving} width={820}>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial.current}
        onValuesChange={issues.onValuesChange}
        className="person-form"
        onKeyDown={enterNeverSubmits}
      >
        <Divider titlePlacement="start">基本信息</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="name" label="姓名" required {...at('name')}>
              <Input {...lengthLimit(40)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="gender" label="性别" required {...at('gender')}>
              <Select options={options(GENDERS)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="ethnicity" label="民族" {...at('ethnicity')}>
              <AutoComplete options={options(ETHNICITIES.map((e) => `${e}族`))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="birthDate" label="出生日期" {...at('birthDate')}>
              <DateInput />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="nativePlace" label="籍贯" {...at('nativePlace')}>
              <Input {...lengthLimit(60)} placeholder="如 山东潍坊" />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="politicalStatus" label="政治面貌" required {...at('politicalStatus')}>
              <Select options={options(POLITICAL_STATUSES)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item
              name="idNumber"
              label="身份证号"
              extra={existing && isMaskedIdNumber(idValue) ? '为保护个人信息，身份证号只显示前6位和后4位。' : '18位公民身份号码，末位可以是X。'}
              {...at('idNumber')}
            >
              <Input
                {...lengthLimit(30)}
                onChange={(e) => onIdChange(e.target.value)}
                suffix={
                  existing && isMaskedIdNumber(idValue) ? (
                    <Button type="link" size="small" onClick={reveal} style={{ padding: 0, height: 'auto' }}>
                      显示
                    </Button>
                  ) : undefined
                }
              />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="position" label="岗位/职务" {...at('position')}>
              <Input {...lengthLimit(60)} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="education" label="学历" {...at('education')}>
              <AutoComplete options={options(EDUCATION)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="degree" label="学位" {...at('degree')}>
              <AutoComplete options={options(DEGREES)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="workStartDate" label="参加工作日期" {...at('workStartDate')}>
              <DateInput />
            </Form.Item>,
            8,
          )}
        </Row>

        <Divider titlePlacement="start">党员信息</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="joinDate" label="入党日期" extra="支部大会通过为预备党员之日" {...at('joinDate')}>
              <DateInput />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item
              name="fullDate"
              label="转正日期"
              extra={status === '中共预备党员' ? '预备党员转正后填写' : years !== null ? `党龄 ${years} 年（从转正之日算起）` : '党龄从转正之日算起'}
              {...at('fullDate')}
            >
              <DateInput />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="groupId" label="党小组" {...at('groupId')}>
              <Select allowClear options={[{ value: null, label: '（无）' }, ...branch.groups.map((g) => ({ value: g.id, label: g.name }))]} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="mobile" valuePropName="checked" label="流动党员" extra="外出务工、经商等，不能经常参加支部组织生活">
              <Checkbox disabled={!isPartyMember(status ?? '')}>是流动党员</Checkbox>
            </Form.Item>,
            8,
          )}
          {mobile &&
            col(
              <Form.Item name="mobileWhere" label="外出去向" {...at('mobileWhere')}>
                <Input {...lengthLimit(60)} placeholder="如 广东深圳" />
              </Form.Item>,
              16,
            )}
        </Row>

        <Divider titlePlacement="start">联系方式</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="phone" label="电话" {...at('phone')}>
              <Input {...lengthLimit(30)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="address" label="住址" {...at('address')}>
              <Input {...lengthLimit(120)} />
            </Form.Item>,
            16,
          )}
          {col(
            <Form.Item name="notes" label="备注" {...at('notes')}>
              <Input.TextArea {...lengthLimit(500)} autoSize={{ minRows: 1, maxRows: 4 }} />
            </Form.Item>,
            24,
          )}
        </Row>
      </Form>

      {existing && (
        <div className="person-form">
          <Divider titlePlacement="start">政治面貌变化</Divider>
          <Table<StatusEntry>
            size="small"
            rowKey="id"
            aria-label="政治面貌变化"
            loading={history === null}
            dataSource={history ?? []}
            pagination={false}
            locale={{ emptyText: '没有记录（登记时未填入党、转正日期）' }}
            columns={[
              { title: '自', dataIndex: 'since', width: 120 },
              { title: '政治面貌', dataIndex: 'status', width: 140 },
              { title: '依据', dataIndex: 'note' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
