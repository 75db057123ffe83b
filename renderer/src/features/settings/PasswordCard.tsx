/** 支部设置 · 开启密码: set, change or remove the app password, and the idle minutes before the app locks. */
import { App as AntApp, Alert, Button, Card, Form, Input, InputNumber, Popconfirm, Space } from 'antd';
import { MAX_IDLE_MINUTES, MIN_PASSWORD_LENGTH, type AuthStatus } from '../../../../shared/methods/auth';
import { ApiCallError, call } from '../../api';
import { markFields, showError } from '../../errors';
import { useAuth } from '../lock/auth';

interface Values {
  current?: string;
  password?: string;
  confirm?: string;
  idleMinutes: number;
}

function describe(s: AuthStatus): string {
  if (!s.passwordSet) return '未设置开启密码：打开程序不需要密码。';
  if (s.idleMinutes === 0) return '已设置开启密码：每次打开程序时和点“立即锁定”时需要输入密码，不自动锁定。';
  return `已设置开启密码：每次打开程序时、点“立即锁定”时，以及鼠标和键盘${s.idleMinutes}分钟无操作后锁定。`;
}

export function PasswordCard() {
  const { message } = AntApp.useApp();
  const { status, setStatus, lock } = useAuth();
  const [form] = Form.useForm<Values>();
  const set = status.passwordSet;

  const save = async (password: string | null, done: string) => {
    const v = form.getFieldsValue();
    try {
      const next = await call('auth.set', { current: v.current ?? '', password, idleMinutes: v.idleMinutes });
      setStatus(next);
      form.setFieldsValue({ current: '', password: '', confirm: '', idleMinutes: next.idleMinutes });
      message.success(done);
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'WRONG_PASSWORD') form.setFields([{ name: 'current', errors: [e.message] }]);
      else showError(e, message.error, (f) => markFields(form, f));
    }
  };
  const submit = ({ password }: Values) => {
    if (!set) void save(password ?? '', '已设置开启密码。请牢记密码，忘记后无法找回。');
    else void save(password || null, password ? '开启密码已修改' : '已保存');
  };
  const remove = async () => {
    await form.validateFields(['current']);
    await save('', '已取消开启密码，打开程序不再需要密码');
  };

  return (
    <Card style={{ maxWidth: 760, marginTop: 16 }} title="开启密码与自动锁定">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="密码忘记后无法找回"
        description={
          <>
            <p style={{ margin: '4px 0' }}>本程序不联网，也没有找回或重置密码的办法：忘记密码，就不能再在本程序中打开这些记录。请把密码记在稳妥的地方。</p>
            <p style={{ margin: 0 }}>
              开启密码只防止他人在这台电脑上翻看，数据本身没有加密，仍完整保存在本机的数据目录中（见下方“关于本机数据”）。万一忘记密码，数据并不会丢失：请保管好数据目录，找熟悉电脑的同志协助取出。
            </p>
          </>
        }
      />
      <p>{describe(status)}</p>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        initialValues={{ current: '', password: '', confirm: '', idleMinutes: status.idleMinutes }}
        onFinish={submit}
      >
        {set && (
          <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]} extra="修改或取消密码、更改锁定时间，都要先输入当前密码。">
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item
          name="password"
          label={set ? '新密码（不修改请留空）' : '开启密码'}
          rules={[
            { required: !set, message: '请输入开启密码' },
            { min: MIN_PASSWORD_LENGTH, message: `密码至少${MIN_PASSWORD_LENGTH}个字符` },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={set ? '再次输入新密码' : '再次输入开启密码'}
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                (v ?? '') === (getFieldValue('password') ?? '') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="idleMinutes"
          label="空闲锁定分钟数"
          rules={[{ required: true, message: '请填写空闲锁定分钟数' }]}
          extra="鼠标和键盘这么多分钟无操作后自动锁定；填 0 则不自动锁定。"
        >
          <InputNumber aria-label="空闲锁定分钟数" min={0} max={MAX_IDLE_MINUTES} precision={0} suffix="分钟" style={{ width: 160 }} />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit">
            {set ? '保存修改' : '设置开启密码'}
          </Button>
          {set && <Button onClick={() => void lock()}>立即锁定</Button>}
          {set && (
            <Popconfirm title="取消开启密码？" description="取消后，打开程序不再需要密码。" okText="取消密码" cancelText="不取消" onConfirm={() => remove().catch(() => undefined)}>
              <Button danger>取消开启密码</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </Card>
  );
}
