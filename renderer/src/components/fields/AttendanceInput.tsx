import { Alert, AutoComplete, Button, Checkbox, Select, Table, Tag } from 'antd';
import type { Attendee } from '../../../../shared/books/schema';
import { ABSENCE_REASONS } from '../../../../shared/books/vocab';
import { attendeeOf, countAttendance } from '../../../../shared/rules/attendance';
import { call } from '../../api';
import { useIssueAt } from '../../formIssues';
import { useApiData } from '../../useApiData';

interface Props {
  value?: Attendee[];
  onChange?: (v: Attendee[]) => void;
}

/**
 * Who was expected, who came, and why the others did not; 应到/实到 are counted
 * from this list. The list starts from the type's rule and can be adjusted
 * (e.g. the 团支委 of a 团支部委员会, or someone transferred in).
 */
export function AttendanceInput({ value = [], onChange }: Props) {
  const [people] = useApiData(() => call('people.list'), []);
  const at = useIssueAt();
  const listIssue = [at('data.attendance'), ...value.map((_, i) => at(`data.attendance.${i}`))].find((s) => s.help);
  const c = countAttendance(value);
  const patch = (i: number, p: Partial<Attendee>) => onChange?.(value.map((a, j) => (j === i ? { ...a, ...p } : a)));
  const listed = new Set(value.map((a) => a.personId));
  const others = (people ?? []).filter((p) => !listed.has(p.id));
  return (
    <>
      <div className="attendance-counts" data-testid="attendance-counts">
        应到<b>{c.expected}</b>人，实到<b>{c.present}</b>人
        <span className="muted">
          （有表决权：应到 {c.entitled} 人，实到 {c.presentVoting} 人；预备党员没有表决权）
        </span>
      </div>
      {listIssue && <Alert type={listIssue.validateStatus === 'warning' ? 'warning' : 'error'} showIcon title={listIssue.help} style={{ marginBottom: 8 }} />}
      <Table<Attendee>
        size="small"
        rowKey="personId"
        pagination={false}
        dataSource={value}
        locale={{ emptyText: '没有应到人员：请先在“人员名册”中录入人员，并在“支部设置”中设好支委与党小组' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '身份',
            dataIndex: 'membership',
            width: 100,
            render: (m: Attendee['membership']) =>
              m === '其他' ? <Tag>非党员</Tag> : <Tag color={m === '正式' ? 'red' : 'orange'}>{m}党员</Tag>,
          },
          { title: '职务', dataIndex: 'title' },
          {
            title: '出席',
            width: 80,
            render: (_, a, i) => (
              <Checkbox aria-label={`${a.name}出席`} checked={a.present} onChange={(e) => patch(i, { present: e.target.checked })} />
            ),
          },
          {
            title: '缺席原因',
            render: (_, a, i) => {
              if (a.present) return null;
              const s = at(`data.attendance.${i}.absenceReason`);
              return (
                <>
                  <AutoComplete
                    aria-label={`${a.name}缺席原因`}
                    style={{ width: 200 }}
                    value={a.absenceReason}
                    status={s.validateStatus}
                    options={ABSENCE_REASONS.map((r) => ({ value: r }))}
                    onChange={(v: string) => patch(i, { absenceReason: v })}
                    placeholder="请填写或选择"
                  />
                  {s.help && <div className={s.validateStatus === 'warning' ? 'field-warning' : 'field-error'}>{s.help}</div>}
                </>
              );
            },
          },
          {
            title: '',
            width: 80,
            render: (_, a) => (
              <Button size="small" type="link" onClick={() => onChange?.(value.filter((x) => x.personId !== a.personId))}>
                移出应到
              </Button>
            ),
          },
        ]}
      />
      <Select
        aria-label="添加应到人员"
        style={{ width: 260, marginTop: 8 }}
        placeholder="从名册添加应到人员"
        value={null}
        showSearch={{ optionFilterProp: 'label' }}
        options={others.map((p) => ({ value: p.id, label: `${p.name}（${p.politicalStatus}）` }))}
        onChange={(id: number) => {
          const p = others.find((x) => x.id === id);
          if (p) onChange?.([...value, attendeeOf(p)]);
        }}
      />
    </>
  );
}
