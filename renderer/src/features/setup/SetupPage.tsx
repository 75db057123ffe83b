import { App as AntApp, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import type { BranchSetupInput } from '../../../../shared/methods/branch';
import { COMMITTEE_ROLES, GENDERS } from '../../../../shared/books/vocab';
import { call } from '../../api';
import { markFields, showError } from '../../errors';
import { options } from '../../options';
import { lengthLimit } from '../../components/fields/limit';

interface Values {
  name: string;
  parentOrg: string;
  fondsNo?: string;
  groups: string[];
  committee: { name: string; gender: (typeof GENDERS)[number]; role: (typeof COMMITTEE_ROLES)[number] }[];
}

/** First run: the branch itself, its 党小组 and 支委. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();

  const submit = async (v: Values) => {
    const input: BranchSetupInput = {
      name: v.name,
      parentOrg: v.parentOrg,
      fondsNo: v.fondsNo ?? '',
      groups: v.groups ?? [],
      committee: v.committee ?? [],
    };
    try {
      await call('branch.setup', input);
      onDone();
    } catch (e) {
      showError(e, message.error, (f) => markFields(form, f));
    }
  };

  return (
    <div style={{ maxWidth: 760, margin: '40px auto' }}>
      <Card>
        <Typography.Title level={3}>欢迎使用“支部四本一档”</Typography.Title>
        <Typography.Paragraph type="secondary">
          先建立支部的基本信息。所有数据只保存在这台电脑上，不需要联网。以下内容以后都可以在“支部设置”中修改。
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ groups: ['第一党小组'], committee: [{ name: '', gender: '男', role: '书记' }] }}
        >
          <Form.Item name="name" label="支部名称" rules={[{ required: true, whitespace: true, message: '请填写支部名称' }]}>
            <Input placeholder="如：中共××钻井队党支部" {...lengthLimit(80)} />
          </Form.Item>
          <Form.Item name="parentOrg" label="上级党委" rules={[{ required: true, whitespace: true, message: '请填写上级党委' }]}>
            <Input placeholder="如：中共××钻探公司委员会" {...lengthLimit(80)} />
          </Form.Item>
          <Form.Item name="fondsNo" label="全宗号（可选，归档时使用）">
            <Input {...lengthLimit(20)} style={{ width: 200 }} />
          </Form.Item>

          <Typography.Title level={5}>党小组</Typography.Title>
          <Form.List name="groups">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={f.name} rules={[{ required: true, whitespace: true, message: '请填写党小组名称' }]}>
                      <Input aria-label={`党小组${i + 1}名称`} placeholder="党小组名称" {...lengthLimit(30)} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Form.Item>
                  <Button onClick={() => add('')}>添加党小组</Button>
                </Form.Item>
              </>
            )}
          </Form.List>

          <Typography.Title level={5}>支部委员</Typography.Title>
          <Form.List name="committee">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择职务' }]}>
                      <Select aria-label={`支委${i + 1}职务`} style={{ width: 120 }} options={options(COMMITTEE_ROLES)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                      <Input aria-label={`支委${i + 1}姓名`} placeholder="姓名" {...lengthLimit(40)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'gender']}>
                      <Select aria-label={`支委${i + 1}性别`} style={{ width: 80 }} options={options(GENDERS)} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>删除</Button>
                  </Space>
                ))}
                <Form.Item>
                  <Button onClick={() => add({ name: '', gender: '男', role: '委员' })}>添加支委</Button>
                </Form.Item>
              </>
            )}
          </Form.List>

          <Button type="primary" htmlType="submit" size="large">
            建立支部
          </Button>
        </Form>
      </Card>
    </div>
  );
}
