import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Input, type InputRef } from 'antd';
import type { AuthStatus } from '../../../../shared/methods/auth';
import { call } from '../../api';

/**
 * 输入密码解锁: centered over everything (the app underneath stays as it was,
 * inert and covered, so an unsaved form survives an idle lock).
 */
export function LockScreen({ branchName, onUnlocked }: { branchName: string | null; onUnlocked: (s: AuthStatus) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<InputRef>(null);

  useEffect(() => {
    // Dialogs and menus the app had open live outside #root: make them inert too.
    const others = [...document.body.children].filter((el) => el.id !== 'root' && !el.hasAttribute('inert'));
    for (const el of others) el.setAttribute('inert', '');
    input.current?.focus();
    return () => {
      for (const el of others) el.removeAttribute('inert');
    };
  }, []);

  const unlock = async () => {
    if (!password) {
      setError('请输入开启密码');
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      onUnlocked(await call('auth.unlock', { password }));
    } catch (e) {
      setError((e as Error).message);
      setPassword('');
      setBusy(false);
      setTimeout(() => input.current?.focus());
    }
  };

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form
        className="lock-card"
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <div className="lock-app">支部四本一档</div>
        <h1 id="lock-title" className="lock-branch">
          {branchName ?? '本机账本'}
        </h1>
        <p className="lock-state">已锁定，请输入开启密码解锁</p>
        <Input.Password
          ref={input}
          size="large"
          aria-label="开启密码"
          placeholder="开启密码"
          autoComplete="current-password"
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setError(null);
          }}
        />
        {error && <Alert type="error" showIcon title={error} role="alert" />}
        <Button type="primary" size="large" htmlType="submit" block loading={busy}>
          解锁
        </Button>
        <p className="lock-hint">忘记密码无法找回。数据本身没有加密，仍保存在本机的数据目录中。</p>
      </form>
    </div>
  );
}
