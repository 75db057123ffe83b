/**
 * Adding or editing a person: 基本信息, 党员信息, 联系方式, and (for someone
 * already on the roster) how their political status changed over time. The
 * 身份证号 is checked as it is typed with the rule the core applies
 * (shared/rules/idcard.ts), against 出生日期 and 性别.
 */
import { useEffect, useState } from 'react';
import { App as AntApp, AutoComplete, Button, Checkbox, Col, Divider, Form, Input, Modal, Row, Select, Table } from 'antd';
import { PERSON_DETAIL_KEYS, type Person, type PersonInput } from '../../../../shared/contract';
import type { StatusEntry } from '../../../../shared/methods/members';
import { GENDERS, POLITICAL_STATUSES } from '../../../../shared/books/vocab';
import { ETHNICITIES } from '../../../../shared/members/roster';
import { checkIdNumber, isMaskedIdNumber } from '../../../../shared/rules/idcard';
import { isPartyMember, partyYears } from '../../../../shared/rules/membership';
import { call } from '../../api';
import { DateInput } from '../../components/fields/pickers';
import { useLedger } from '../../context';
import { showError } from '../../errors';
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

export function PersonModal({ person, onClose, onSaved }: { person: Person | 'new' | null; onClose(): void; onSaved(): void }) {
  const { message } = AntApp.useApp();
  const { branch } = useLedger();
  const [form] = Form.useForm<Values>();
  const [history, setHistory] = useState<StatusEntry[] | null>(null);
  /** The 身份证号 as the list gave it (masked), and the full one once revealed: both mean "unchanged". */
  const [known, setKnown] = useState<string[]>([]);
  const existing = person !== null && person !== 'new' ? person : null;

  useEffect(() => {
    if (person === null) return;
    setKnown(existing?.idNumber ? [existing.idNumber] : []);
    setHistory(null);
    if (existing) {
      call('members.statusHistory', { id: existing.id })
        .then(setHistory)
        .catch((e: unknown) => showError(e, message.error));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [person]);

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
    void form.validateFields(['idNumber']);
  };

  const save = async (v: Values) => {
    const { mobile: isMobile, mobileWhere, idNumber, ...rest } = v;
    const input: PersonInput = {
      ...rest,
      groupId: v.groupId ?? null,
      mobileWhere: isMobile && isPartyMember(v.politicalStatus) ? mobileWhere?.trim() || '是' : '',
      fullDate: v.politicalStatus === '中共预备党员' ? '' : v.fullDate,
    };
    for (const k of Object.keys(input) as (keyof PersonInput)[]) if ((input[k] as unknown) === undefined) (input as Record<string, unknown>)[k] = '';
    // The masked number (or the revealed one) unchanged is left out: the core keeps what it has.
    if (!known.includes(idNumber)) input.idNumber = idNumber;
    try {
      if (existing) await call('people.update', { ...input, id: existing.id });
      else await call('people.create', input);
      message.success('已保存');
      onSaved();
    } catch (e) {
      showError(e, message.error, form, '');
    }
  };

  const col = (node: React.ReactNode, span = 12) => <Col span={span}>{node}</Col>;

  return (
    <Modal
      title={existing ? `编辑人员：${existing.name}` : '添加人员'}
      open={person !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      width={820}
      destroyOnHidden
    >
      <Form
        key={existing?.id ?? 'new'}
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={existing ? valuesOf(existing) : EMPTY}
        className="person-form"
      >
        <Divider titlePlacement="start">基本信息</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input maxLength={40} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
              <Select options={options(GENDERS)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="ethnicity" label="民族">
              <AutoComplete options={options(ETHNICITIES.map((e) => `${e}族`))} filterOption={(input, o) => String(o?.value ?? '').includes(input)} maxLength={20} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="birthDate" label="出生日期">
              <DateInput />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="nativePlace" label="籍贯">
              <Input maxLength={60} placeholder="如 山东潍坊" />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="politicalStatus" label="政治面貌" rules={[{ required: true, message: '请选择政治面貌' }]}>
              <Select options={options(POLITICAL_STATUSES)} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item
              name="idNumber"
              label="身份证号"
              dependencies={['birthDate', 'gender']}
              extra={existing && isMaskedIdNumber(idValue) ? '为保护个人信息，身份证号只显示前6位和后4位。' : '18位公民身份号码，末位可以是X。'}
              rules={[
                ({ getFieldValue }) => ({
                  validator(_, value: string | undefined) {
                    if (!value || known.includes(value)) return Promise.resolve();
                    const r = checkIdNumber(value, { birthDate: getFieldValue('birthDate'), gender: getFieldValue('gender') });
                    return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
                  },
                }),
              ]}
            >
              <Input
                maxLength={30}
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
            <Form.Item name="position" label="岗位/职务">
              <Input maxLength={60} />
            </Form.Item>,
          )}
          {col(
            <Form.Item name="education" label="学历">
              <AutoComplete options={options(EDUCATION)} maxLength={30} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="degree" label="学位">
              <AutoComplete options={options(DEGREES)} maxLength={30} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="workStartDate" label="参加工作日期">
              <DateInput />
            </Form.Item>,
            8,
          )}
        </Row>

        <Divider titlePlacement="start">党员信息</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="joinDate" label="入党日期" extra="支部大会通过为预备党员之日">
              <DateInput />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item
              name="fullDate"
              label="转正日期"
              extra={status === '中共预备党员' ? '预备党员转正后填写' : years !== null ? `党龄 ${years} 年（从转正之日算起）` : '党龄从转正之日算起'}
            >
              <DateInput />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="groupId" label="党小组">
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
              <Form.Item name="mobileWhere" label="外出去向">
                <Input maxLength={60} placeholder="如 广东深圳" />
              </Form.Item>,
              16,
            )}
        </Row>

        <Divider titlePlacement="start">联系方式</Divider>
        <Row gutter={16}>
          {col(
            <Form.Item name="phone" label="电话">
              <Input maxLength={30} />
            </Form.Item>,
            8,
          )}
          {col(
            <Form.Item name="address" label="住址">
              <Input maxLength={120} />
            </Form.Item>,
            16,
          )}
          {col(
            <Form.Item name="notes" label="备注">
              <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
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
