import { useState } from 'react';
import { App as AntApp, Button, Card, Empty, Input, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import type { RuleText } from '../../../../shared/methods/rules';
import { BOOK_TREE } from '../../../../shared/books/index';
import { call } from '../../api';
import { showError } from '../../errors';
import { useUnsavedChanges } from '../../unsaved';
import { useApiData } from '../../useApiData';

function RuleCard({ rule, onSaved }: { rule: RuleText; onSaved: () => void }) {
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<string | null>(null);
  const save = async (): Promise<boolean> => {
    try {
      await call('rules.update', { id: rule.id, body: draft ?? '' });
      message.success('已保存本支部的修改');
      setDraft(null);
      onSaved();
      return true;
    } catch (e) {
      showError(e, message.error);
      return false;
    }
  };
  const guard = useUnsavedChanges({ title: rule.title, dirty: () => draft !== null && draft !== rule.body, save });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <>
          {rule.title} {rule.edited && <Tag color="blue">本支部已修改</Tag>}
        </>
      }
      extra={
        draft === null ? (
          <Space>
            <Button size="small" onClick={() => setDraft(rule.body)}>
              修改
            </Button>
            {rule.edited && (
              <Popconfirm
                title="恢复为软件附带的原文？"
                onConfirm={async () => {
                  await call('rules.reset', { id: rule.id });
                  onSaved();
                }}
              >
                <Button size="small">恢复原文</Button>
              </Popconfirm>
            )}
          </Space>
        ) : (
          <Space>
            <Button size="small" type="primary" onClick={() => void save()}>
              保存
            </Button>
            <Button size="small" onClick={async () => (await guard.leave()) && setDraft(null)}>
              取消
            </Button>
          </Space>
        )
      }
    >
      {draft === null ? (
        <Typography.Paragraph className="pre rule-body">{rule.body}</Typography.Paragraph>
      ) : (
        <Input.TextArea aria-label={`${rule.title}正文`} value={draft} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 12 }} />
      )}
    </Card>
  );
}

/** The regulation texts printed at the front of each part; the branch may edit its copy. */
export function RulesPage({ part }: { part: string | null }) {
  const [rules, reload] = useApiData(() => call('rules.list'), []);
  if (!rules) return <Spin />;
  const byId = new Map(rules.map((r) => [r.id, r]));
  const parts = BOOK_TREE.flatMap((b) => b.parts.map((p) => ({ book: b.label, ...p }))).filter((p) => p.rules.length && (!part || p.id === part));
  return (
    <>
      <div className="page-toolbar">
        <h2>制度文本</h2>
        <span className="muted">年度归档时印在各部分之前。可按本支部实际修改，随时可恢复原文。</span>
      </div>
      {parts.length === 0 && <Empty />}
      {parts.map((p) => (
        <section key={p.id}>
          <Typography.Title level={5}>
            {p.book} · {p.label}
          </Typography.Title>
          {p.rules.map((id) => {
            const r = byId.get(id);
            return r ? <RuleCard key={id} rule={r} onSaved={() => void reload()} /> : null;
          })}
        </section>
      ))}
    </>
  );
}
