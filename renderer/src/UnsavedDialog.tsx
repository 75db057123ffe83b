/**
 * The question unsaved.ts asks (保存 / 放弃修改 / 继续编辑), the refusal to reload
 * or close the window while a form is changed, and Ctrl+S for the form on top.
 * Mounted once, inside antd's App.
 */
import { useEffect, useState } from 'react';
import { Button, Modal, Space } from 'antd';
import { anyUnsaved, setLeaveQuestion, topSavable, type LeaveChoice, type UnsavedForm } from './unsaved';

interface Asking {
  form: UnsavedForm;
  answer(c: LeaveChoice): void;
}

/** Whatever the focused box holds is committed (a date typed and not yet left) before a shortcut acts. */
export function commitFocused() {
  const el = document.activeElement;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.blur();
    el.focus();
  }
}

export function UnsavedDialog() {
  const [asking, setAsking] = useState<Asking | null>(null);

  useEffect(() => {
    setLeaveQuestion((form) => new Promise<LeaveChoice>((answer) => setAsking({ form, answer })));
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!anyUnsaved()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const keys = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        const form = topSavable();
        if (!form) return;
        commitFocused();
        void form.save!();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    window.addEventListener('keydown', keys);
    return () => {
      setLeaveQuestion(null);
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('keydown', keys);
    };
  }, []);

  const answer = (c: LeaveChoice) => {
    asking?.answer(c);
    setAsking(null);
  };
  return (
    <Modal
      open={asking !== null}
      title="有未保存的修改"
      onCancel={() => answer('stay')}
      mask={{ closable: false }}
      zIndex={1500}
      footer={
        <Space>
          <Button onClick={() => answer('stay')}>继续编辑</Button>
          <Button danger onClick={() => answer('discard')}>
            放弃修改
          </Button>
          {asking?.form.save && (
            <Button type="primary" autoFocus onClick={() => answer('save')}>
              保存
            </Button>
          )}
        </Space>
      }
    >
      {asking ? `“${asking.form.title}”有未保存的修改。是否保存？` : null}
    </Modal>
  );
}
