import { useEffect, useRef, useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Input, Select, Space } from 'antd';
import type { AppInfo } from '../../../../shared/methods/app';
import type { BranchUpdateInput } from '../../../../shared/methods/branch';
import type { Person } from '../../../../shared/methods/people';
import { branchShortName } from '../../../../shared/archive/model';
import { COMMITTEE_ROLES } from '../../../../shared/books/vocab';
import { call } from '../../api';
import { useLedger } from '../../context';
import { markFields, showError } from '../../errors';
import { enterNeverSubmits, sameValues, useUnsavedChanges } from '../../unsaved';
import { options } from '../../options';
import { CadenceSettings } from './CadenceSettings';
import { PasswordCard } from './PasswordCard';
import { lengthLimit } from '../../components/fields/limit';

type Values = BranchUpdateInput;

export function SettingsPage() {
  const { message } = AntApp.useApp();
  const { branch, reloadBranch } = useLedger();
  const [form] = Form.useForm<Values>();
  const [people, setPeople] = useState<Person[]>([]);
  const [info, setInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    void Promise.all([call('people.list'), call('app.info')])
      .then(([p, i]) => {
        setPeople(p);
        setInfo(i);
      })
      .catch((e) => showError(e, message.error));
  }, [message]);

  const initial = useRef<Values>({
    name: branch.name,
    parentOrg: branch.parentOrg,
    fondsNo: branch.fondsNo,
    shortName: branch.shortName,
    groups: branch.groups,
    committee: branch.committee.map((c) => ({ personId: c.personId, role: c.role })),
  });

  /** Save the settings; false when they could not be (the fields say why). */
  const save = async (): Promise<boolean> => {
    let v: Values;
    try {
      await form.validateFields();
      v = form.getFieldsValue(true) as Values;
    } catch {
      message.error('支部设置有误，请按提示修改后再保存');
      return false;
    }
    try {
      await call('branch.update', {
        name: v.name,
        parentOrg: v.parentOrg,
        fondsNo: v.fondsNo ?? '',
        shortName: v.shortName ?? '',
        groups: (v.groups ?? []).map((g) => (g.id ? { id: g.id, name: g.name } : { name: g.name })),
        committee: v.committee ?? [],
      });
      initial.current = v;
      await reloadBranch();
      message.success('支部设置已保存');
      return true;
    } catch (e) {
      showError(e, message.error, (f) => markFields(form, f));
      return false;
    }
  };
  useUnsavedChanges({ title: '支部设置', dirty: () => !sameValues(form.getFieldsValue(true), initial.current), save });

  const members = people.filter((p) => p.politicalStatus === '中共党员');
  return (
    <>
      <div className="page-toolbar">
        <h2>支部设置</h2>
      </div>
      <Card style={{ maxWidth: 760 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={() => void save()}
          initialValues={initial.current}
          onKeyDown={enterNeverSubmits}
        >
          <Form.Item name="name" label="支部名称" rules={[{ required: true, whitespace: true, message: '请填写支部名称' }]}>
            <Input {...lengthLimit(80)} />
          </Form.Item>
          <Form.Item name="parentOrg" label="上级党委" rules={[{ required: true, whitespace: true, message: '请填写上级党委' }]}>
            <Input {...lengthLimit(80)} />
          </Form.Item>
          <Form.Item name="fondsNo" label="全宗号">
            <Input {...lengthLimit(20)} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.name !== b.name}>
            {() => (
              <Form.Item
                name="shortName"
                label="支部简称"
                extra={`年度归档卷内文件目录的“责任者”一栏用简称；不填则用“${branchShortName(form.getFieldValue('name') ?? branch.name)}”`}
              >
                <Input {...lengthLimit(30)} style={{ width: 320 }} placeholder={branchShortName(form.getFieldValue('name') ?? branch.name)} />
              </Form.Item>
            )}
          </Form.Item>
          <h4>党小组</h4>
          <Form.List name="groups">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写党小组名称' }]}>
                      <Input {...lengthLimit(30)} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Form.Item>
                  <Button onClick={() => add({ name: '' })}>添加党小组</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <h4>支部委员（从人员名册中的正式党员选择）</h4>
          <Form.List name="committee">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择职务' }]}>
                      <Select style={{ width: 120 }} options={options(COMMITTEE_ROLES)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'personId']} rules={[{ required: true, message: '请选择人员' }]}>
                      <Select
                        style={{ width: 200 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={members.map((p) => ({ value: p.id, label: p.name }))}
                      />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Form.Item>
                  <Button onClick={() => add({ role: '委员' })}>添加支委</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit">
            保存设置
          </Button>
        </Form>
      </Card>
      <CadenceSettings />
      <PasswordCard />
      {info && (
        <Card style={{ maxWidth: 760, marginTop: 16 }} title="关于本机数据">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="程序版本">{info.version}</Descriptions.Item>
            <Descriptions.Item label="数据版本">{info.schemaVersion}</Descriptions.Item>
            <Descriptions.Item label="数据目录">{info.dataDir}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </>
  );
}
