/**
 * The input for one field of a record definition, by kind. Values are exactly
 * what the record stores, so the form's values are the record's data.
 */
import { Button, Form, Input, InputNumber, Radio, Select, Space, Table } from 'antd';
import type { FieldDef, ScalarField } from '../../../../shared/books/types';
import { emptyValue, LINE_MAX, textMax } from '../../../../shared/books/schema';
import { useLedger } from '../../context';
import { useIssueAt } from '../../formIssues';
import { DateInput, MonthInput, TimeInput } from './pickers';
import { lengthLimit } from './limit';
import { PeoplePicker, PersonPicker, type PickerContext } from './PersonPicker';
import { options } from '../../options';

type Name = (string | number)[];

/** The roster people of the person pickers (PersonPicker.tsx). */
export type { PickerContext };

/** A scalar input (also used inside sub-table cells and object members). */
export function ScalarInput({ f, ctx, ...rest }: { f: ScalarField; ctx: PickerContext; 'aria-label'?: string; value?: unknown; onChange?: (v: unknown) => void; id?: string }) {
  const p = rest as Record<string, unknown>;
  switch (f.kind) {
    case 'textarea':
      return <Input.TextArea {...p} autoSize={{ minRows: 3 }} {...lengthLimit(textMax(f))} />;
    case 'date':
      return <DateInput {...(p as object)} />;
    case 'month':
      return <MonthInput {...(p as object)} />;
    case 'time':
      return <TimeInput {...(p as object)} />;
    case 'number':
      return <InputNumber {...p} min={f.min ?? 0} max={f.max} precision={f.decimals ?? 0} suffix={f.unit} style={{ width: '100%' }} />;
    case 'money':
      return <InputNumber {...p} min={f.min ?? 0} max={f.max} precision={2} suffix="元" style={{ width: '100%' }} />;
    case 'select':
      return <Select {...p} allowClear={!f.required} options={options(f.options ?? [])} placeholder="请选择" />;
    case 'boolean':
      return <Radio.Group {...p} options={[{ value: true, label: '是' }, { value: false, label: '否' }]} />;
    case 'person':
      return <PersonPicker {...(p as object)} ctx={ctx} />;
    case 'text':
      return <Input {...p} {...lengthLimit(textMax(f))} />;
    default:
      return unknownKind(f.kind);
  }
}

/** Every kind has its case above: a kind added to FieldKind without its input does not compile. */
function unknownKind(kind: never): never {
  throw new Error(`未知的字段类型：${String(kind)}`);
}

function LinesInput({ f, name }: { f: FieldDef; name: Name }) {
  const at = useIssueAt();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((x, i) => (
            <Space key={x.key} align="baseline" style={{ display: 'flex' }}>
              <span className="muted">{i + 1}.</span>
              <Form.Item name={x.name} style={{ width: 640, marginBottom: 8 }} {...at(`${name.join('.')}.${x.name}`)}>
                <Input aria-label={`${f.label}${i + 1}`} {...lengthLimit(LINE_MAX)} />
              </Form.Item>
              <Button onClick={() => remove(x.name)}>删除</Button>
            </Space>
          ))}
          <Button onClick={() => add('')}>添加{f.label}</Button>
        </>
      )}
    </Form.List>
  );
}

function TableInput({ f, name, ctx }: { f: FieldDef; name: Name; ctx: PickerContext }) {
  const at = useIssueAt();
  const cols = f.columns ?? [];
  return (
    <Form.List name={name}>
      {(rows, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            locale={{ emptyText: `还没有${f.label}` }}
            columns={[
              ...cols.map((c) => ({
                title: c.label,
                render: (_: unknown, row: { name: number }) => (
                  <Form.Item name={[row.name, c.key]} style={{ marginBottom: 0 }} {...at(`${name.join('.')}.${row.name}.${c.key}`)}>
                    <ScalarInput f={c} ctx={ctx} aria-label={`${f.label}${row.name + 1}${c.label}`} />
                  </Form.Item>
                ),
              })),
              { title: '', width: 70, render: (_: unknown, row: { name: number }) => <Button onClick={() => remove(row.name)}>删除</Button> },
            ]}
          />
          <Button style={{ marginTop: 8 }} onClick={() => add(Object.fromEntries(cols.map((c) => [c.key, emptyValue(c)])))}>
            添加一行
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** One field of the record form, with its label; attendance and motions are laid out by the form itself. */
export function FieldInput({ f, ctx, draft }: { f: FieldDef; ctx: PickerContext; draft: boolean }) {
  const { branch } = useLedger();
  const at = useIssueAt();
  const name: Name = ['data', f.key];
  const label = f.label;
  // A draft asks for nothing; a 定稿 marks what it needs.
  const common = { label, required: f.required && !draft, extra: f.help, ...at(name.join('.')) };
  switch (f.kind) {
    case 'lines':
      return (
        <Form.Item {...common} label={label}>
          <LinesInput f={f} name={name} />
        </Form.Item>
      );
    case 'table':
      return (
        <Form.Item {...common}>
          <TableInput f={f} name={name} ctx={ctx} />
        </Form.Item>
      );
    case 'object':
      return (
        <Space wrap align="start" size="large">
          {f.columns!.map((c) => (
            <Form.Item
              key={c.key}
              name={[...name, c.key]}
              label={c.label}
              required={c.required && !draft}
              style={{ minWidth: c.kind === 'text' ? 360 : 160 }}
              {...at([...name, c.key].join('.'))}
            >
              <ScalarInput f={c} ctx={ctx} />
            </Form.Item>
          ))}
        </Space>
      );
    case 'multiselect':
      return (
        <Form.Item {...common} name={name}>
          <Select mode="multiple" options={options(f.options ?? [])} placeholder="可多选" />
        </Form.Item>
      );
    case 'person':
      return (
        <Form.Item {...common} name={name}>
          <PersonPicker ctx={ctx} titlePath={f.titleField === undefined ? undefined : ['data', f.titleField]} />
        </Form.Item>
      );
    case 'people':
      return (
        <Form.Item {...common} name={name}>
          <PeoplePicker ctx={ctx} />
        </Form.Item>
      );
    case 'group':
      return (
        <Form.Item {...common} name={name}>
          <Select placeholder="选择党小组" options={branch.groups.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
      );
    // the scalar kinds (FieldDef is no union the switch could narrow, hence the cast below)
    case 'text':
    case 'textarea':
    case 'date':
    case 'month':
    case 'time':
    case 'number':
    case 'money':
    case 'select':
    case 'boolean':
      return (
        <Form.Item {...common} name={name}>
          <ScalarInput f={f as ScalarField} ctx={ctx} />
        </Form.Item>
      );
    // laid out by the record form itself, beside the counts and the vote (RecordForm.tsx)
    case 'attendance':
    case 'motions':
      throw new Error(`${f.label}：${f.kind} 由记录表单自己排布`);
    default:
      return unknownKind(f.kind);
  }
}
