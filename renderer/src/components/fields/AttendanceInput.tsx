import { AutoComplete, Checkbox, Table, Tag } from 'antd';
import type { Attendee } from '../../../../shared/books/schema';
import { ABSENCE_REASONS } from '../../../../shared/books/vocab';
import { countAttendance } from '../../../../shared/rules/attendance';

interface Props {
  value?: Attendee[];
  onChange?: (v: Attendee[]) => void;
}

/** Who was expected, who came, and why the others did not; 应到/实到 are counted from this list. */
export function AttendanceInput({ value = [], onChange }: Props) {
  const c = countAttendance(value);
  const patch = (i: number, p: Partial<Attendee>) => onChange?.(value.map((a, j) => (j === i ? { ...a, ...p } : a)));
  return (
    <>
      <div className="attendance-counts" data-testid="attendance-counts">
        应到<b>{c.expected}</b>人，实到<b>{c.present}</b>人
        <span className="muted">
          （有表决权：应到 {c.entitled} 人，实到 {c.presentVoting} 人；预备党员没有表决权）
        </span>
      </div>
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
            render: (_, a, i) =>
              a.present ? null : (
                <AutoComplete
                  aria-label={`${a.name}缺席原因`}
                  style={{ width: 200 }}
                  value={a.absenceReason}
                  options={ABSENCE_REASONS.map((r) => ({ value: r }))}
                  onChange={(v: string) => patch(i, { absenceReason: v })}
                  placeholder="请填写或选择"
                />
              ),
          },
        ]}
      />
    </>
  );
}
