/** A 身份证号 shown masked (110105********123X) until the user asks for it: members.revealId. */
import { useState } from 'react';
import { App as AntApp, Button } from 'antd';
import { call } from '../../api';
import { showError } from '../../errors';

export function IdNumberCell({ personId, name, masked }: { personId: number; name: string; masked: string }) {
  const { message } = AntApp.useApp();
  const [full, setFull] = useState<string | null>(null);
  if (!masked) return <span className="muted">—</span>;
  const toggle = async () => {
    if (full !== null) return setFull(null);
    try {
      setFull(await call('members.revealId', { id: personId }));
    } catch (e) {
      showError(e, message.error);
    }
  };
  return (
    <span className="id-number">
      <span data-testid="id-number">{full ?? masked}</span>
      <Button type="link" size="small" onClick={toggle} aria-label={`${full === null ? '显示' : '隐藏'}${name}的身份证号`}>
        {full === null ? '显示' : '隐藏'}
      </Button>
    </span>
  );
}
