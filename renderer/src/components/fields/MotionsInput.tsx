import { Button, Form, Input, InputNumber, Tag } from 'antd';
import type { Attendee, Motion } from '../../../../shared/books/schema';
import { judgeMotion } from '../../../../shared/rules/attendance';
import { useIssueAt } from '../../formIssues';
import { lengthLimit } from './limit';

/** Motions with 赞成/反对/弃权 and, as they are typed, the outcome by the vote rule. */
export function MotionsInput({ attendance, motions }: { attendance: Attendee[]; motions: Partial<Motion>[] }) {
  const at = useIssueAt();
  return (
    <Form.List name={['data', 'motions']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => {
            const m = motions[i];
            const outcome = m ? judgeMotion(attendance, { title: m.title ?? '', for: m.for ?? 0, against: m.against ?? 0, abstain: m.abstain ?? 0 }) : null;
            return (
              <div key={f.key} style={{ marginBottom: 8 }}>
                <div className="motion-row">
                  <Form.Item name={[f.name, 'title']} className="motion-title" {...at(`data.motions.${f.name}.title`)}>
                    <Input aria-label={`表决事项${i + 1}`} placeholder="表决事项" {...lengthLimit(200)} />
                  </Form.Item>
                  {(['for', 'against', 'abstain'] as const).map((k) => {
                    const l = { for: '赞成', against: '反对', abstain: '弃权' }[k];
                    return (
                      <Form.Item key={k} name={[f.name, k]} {...at(`data.motions.${f.name}.${k}`)}>
                        <InputNumber aria-label={`表决事项${i + 1}${l}`} prefix={l} suffix="票" min={0} precision={0} style={{ width: 130 }} />
                      </Form.Item>
                    );
                  })}
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </div>
                {outcome && (
                  <div data-testid={`motion-outcome-${i}`}>
                    <Tag color={outcome.passed ? 'green' : 'red'}>{outcome.passed ? '通过' : '未通过'}</Tag>
                    <span className="muted">{outcome.summary}</span>
                  </div>
                )}
              </div>
            );
          })}
          <Button onClick={() => add({ title: '', for: 0, against: 0, abstain: 0 })}>添加表决事项</Button>
        </>
      )}
    </Form.List>
  );
}
