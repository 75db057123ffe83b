/**
 * Every record-type definition is well formed: it sits in a real book and part,
 * its keys and vocabularies hang together, and the zod schema built from it
 * accepts a minimal record and rejects each missing required field by name.
 */
import { describe, expect, it } from 'vitest';
import { BOOK_TREE, RECORD_TYPES, printTitle, recordType, type FieldDef, type FieldKind, type RecordTypeDef } from '../../shared/books/index.js';
import { maskPersonalIds } from '../../shared/books/privacy.js';
import { recordPathLabel } from '../../shared/books/paths.js';
import { validationMessage } from '../../shared/validation.js';
import { dataSchema, emptyData, emptyValue } from '../../shared/books/schema.js';
import { sampleMembers, sampleRecord, sampleValue } from '../fixtures/records.js';

const SCALAR_KINDS: readonly FieldKind[] = ['text', 'textarea', 'date', 'month', 'time', 'number', 'money', 'select', 'boolean', 'person'];
/** Kinds that make no sense as a list cell. */
const NOT_LIST_KINDS: readonly FieldKind[] = ['textarea', 'table', 'object', 'motions'];
/** The 2023 directive against “指尖上的形式主义” (DOMAIN §3). */
const FORBIDDEN = /打卡|积分|排名/;

const cases = RECORD_TYPES.map((d) => [d.id, d] as const);

/** Every field and every table/object column, with where it sits. */
function allFields(def: RecordTypeDef): FieldDef[] {
  return def.fields.flatMap((f) => [f, ...(f.columns ?? [])]);
}

/** A minimal valid record of this type (group id 1 stands for any existing 党小组). */
function minimalData(def: RecordTypeDef): Record<string, unknown> {
  return sampleRecord(def, { groupId: 1 }).data;
}

/** The value a user leaves behind by clearing the field. */
function cleared(f: FieldDef): unknown {
  switch (f.kind) {
    case 'multiselect':
    case 'people':
    case 'lines':
    case 'table':
    case 'attendance':
    case 'motions':
      return [];
    case 'number':
    case 'money':
    case 'group':
    case 'boolean':
      return null;
    case 'object':
      return emptyValue(f);
    default:
      return '';
  }
}

describe('record type registry', () => {
  it('has unique ids and labels', () => {
    const ids = RECORD_TYPES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const labels = RECORD_TYPES.map((d) => d.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('gives every part of every book at least one type', () => {
    for (const book of BOOK_TREE) {
      for (const part of book.parts) {
        expect(RECORD_TYPES.some((d) => d.book === book.id && d.part === part.id), `${book.label} / ${part.label}`).toBe(true);
      }
    }
  });
});

describe.each(cases)('%s', (_id, def) => {
  const keys = def.fields.map((f) => f.key);
  const field = (key: string) => def.fields.find((f) => f.key === key);

  it('has a kebab-case id and sits in a book and part of BOOK_TREE', () => {
    expect(def.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    const book = BOOK_TREE.find((b) => b.id === def.book);
    expect(book).toBeDefined();
    expect(book!.parts.map((p) => p.id)).toContain(def.part);
    expect(def.label.trim()).not.toBe('');
    expect(def.dateLabel.trim()).not.toBe('');
    expect(printTitle(def)).not.toMatch(/记录记录$/);
  });

  it('has unique camelCase field keys, table and object columns included', () => {
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of def.fields) {
      expect(f.key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(f.label.trim()).not.toBe('');
      if (f.columns) {
        const cols = f.columns.map((c) => c.key);
        expect(new Set(cols).size, f.label).toBe(cols.length);
        for (const c of cols) expect(c).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      }
    }
  });

  it('names existing fields in listColumns and titleKey', () => {
    expect(def.listColumns.length).toBeGreaterThan(0);
    expect(def.listColumns.length).toBeLessThanOrEqual(4);
    expect(new Set(def.listColumns).size).toBe(def.listColumns.length);
    for (const key of def.listColumns) {
      expect(keys, key).toContain(key);
      expect(NOT_LIST_KINDS, key).not.toContain(field(key)!.kind);
    }
    expect(keys).toContain(def.titleKey);
    const title = field(def.titleKey)!;
    expect(title.required, 'titleKey names a required field').toBe(true);
    expect(['table', 'attendance', 'motions', 'textarea']).not.toContain(title.kind);
  });

  it('names a text field of its own in printWith and titleField, and a title field only beside a person', () => {
    for (const f of def.fields) {
      for (const key of [f.printWith, f.titleField]) if (key !== undefined) expect(field(key)?.kind, `${f.label} → ${key}`).toBe('text');
      if (f.titleField !== undefined) expect(f.kind, f.label).toBe('person');
    }
    for (const f of def.fields.flatMap((x) => x.columns ?? [])) expect(f.titleField, f.label).toBeUndefined();
  });

  it('gives select and multiselect non-empty unique options, tables and objects scalar columns', () => {
    for (const f of allFields(def)) {
      if (f.kind === 'select' || f.kind === 'multiselect') {
        expect(f.options?.length, f.label).toBeGreaterThan(0);
        expect(new Set(f.options).size, f.label).toBe(f.options!.length);
        for (const o of f.options!) expect(o.trim(), f.label).not.toBe('');
      } else expect(f.options, f.label).toBeUndefined();
      if (f.kind === 'table' || f.kind === 'object') {
        expect(f.columns?.length, f.label).toBeGreaterThan(0);
        for (const c of f.columns!) expect(SCALAR_KINDS, `${f.label}.${c.label}`).toContain(c.kind);
      } else expect(f.columns, f.label).toBeUndefined();
    }
  });

  it('matches attendance and 党小组 fields to its kind and attendees', () => {
    const kinds = def.fields.map((f) => f.kind);
    expect(kinds.includes('group')).toBe(def.attendees === 'group');
    if (def.kind === 'meeting') {
      expect(def.attendees).toBeDefined();
      expect(kinds).toContain('attendance');
      expect(keys).toEqual(expect.arrayContaining(['startTime', 'endTime', 'host', 'recorder', 'topics']));
    } else {
      expect(def.attendees).toBeUndefined();
      expect(kinds).not.toContain('attendance');
      expect(kinds).not.toContain('motions');
    }
  });

  it('mentions no 打卡, 积分 or 排名', () => {
    const words = [def.label, def.printTitle ?? '', def.cadence ?? '', ...allFields(def).flatMap((f) => [f.label, f.help ?? '', ...(f.options ?? [])])];
    for (const w of words) expect(w).not.toMatch(FORBIDDEN);
  });

  it('gives each field of its form a label of its own, none that the form itself uses', () => {
    // the form's own fields: the record's date and 记录状态; an object's members sit beside the others
    const labels = [def.dateLabel, '记录状态', ...def.fields.flatMap((f) => (f.kind === 'object' ? f.columns!.map((c) => c.label) : [f.label]))];
    expect(labels.filter((l, i) => labels.indexOf(l) !== i)).toEqual([]);
    for (const f of def.fields.filter((x) => x.kind === 'table')) {
      const cols = f.columns!.map((c) => c.label);
      expect(cols.filter((l, i) => cols.indexOf(l) !== i), f.label).toEqual([]);
    }
  });

  const listed = def.fields.filter((f) => f.kind === 'lines' || f.kind === 'table');
  it.each(listed.map((f) => [f.label, f] as const))('keeps empty %s rows in a draft and drops them from a 定稿', (_label, f) => {
    const blankRow = f.kind === 'lines' ? '' : emptyData({ ...def, fields: f.columns! });
    const filledRow = f.kind === 'lines' ? '第一项' : Object.fromEntries(f.columns!.map((c) => [c.key, sampleValue(c)]));
    const data = { ...minimalData(def), [f.key]: [blankRow, filledRow, blankRow] };
    const draft = dataSchema(def, { draft: true }).safeParse(data);
    expect(draft.success, draft.error?.issues.map((i) => i.message).join('; ')).toBe(true);
    expect((draft.data as Record<string, unknown[]>)[f.key]).toHaveLength(3);
    const final = dataSchema(def).safeParse(data);
    expect(final.success, final.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toBe(true);
    expect((final.data as Record<string, unknown[]>)[f.key]).toHaveLength(1);
  });

  it('builds a data schema that accepts a minimal record', () => {
    const schema = dataSchema(def);
    const r = schema.safeParse(minimalData(def));
    expect(r.success, r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')).toBe(true);
  });

  const required = def.fields.filter((f) => f.required);
  it.each(required.map((f) => [f.label, f] as const))('rejects a record without %s', (_label, f) => {
    const schema = dataSchema(def);
    const targets: [FieldDef, Record<string, unknown>][] =
      f.kind === 'object'
        ? // An object is missing when a required member is: clear each in turn.
          f.columns!.filter((c) => c.required).map((c) => [c, { ...minimalData(def), [f.key]: { ...sampleMembers(f.columns!), [c.key]: cleared(c) } }])
        : [[f, { ...minimalData(def), [f.key]: cleared(f) }]];
    for (const [target, data] of targets) {
      const r = schema.safeParse(data);
      expect(r.success, target.label).toBe(false);
      const issue = r.error!.issues.find((i) => i.path[0] === f.key);
      expect(issue, target.label).toBeDefined();
      expect(issue!.message).toContain(target.label);
    }
  });

  it.each(def.fields.filter((f) => f.kind === 'table' && f.columns!.some((c) => c.required)).map((f) => [f.label, f] as const))(
    'rejects a %s row without a required column',
    (_label, f) => {
      const schema = dataSchema(def);
      for (const c of f.columns!.filter((x) => x.required)) {
        // every column filled but this one: a row left wholly blank is dropped instead (below)
        const filled = Object.fromEntries(f.columns!.map((x) => [x.key, sampleValue(x)]));
        const r = schema.safeParse({ ...minimalData(def), [f.key]: [{ ...filled, [c.key]: cleared(c) }] });
        expect(r.success, c.label).toBe(false);
        const issue = r.error!.issues.find((i) => i.path[0] === f.key && i.path[2] === c.key);
        expect(issue, c.label).toBeDefined();
        expect(issue!.message).toContain(c.label);
      }
    },
  );
});

describe('身份证号 in the definitions', () => {
  it('marks every 身份证号 field personalId, so exports mask it', () => {
    const all = RECORD_TYPES.flatMap((t) => t.fields.flatMap((f) => [f, ...(f.columns ?? [])]));
    const ids = all.filter((f) => f.label.includes('身份证'));
    expect(ids.length).toBeGreaterThan(0);
    for (const f of ids) expect(f.personalId, f.key).toBe(true);
  });

  it('masks them in data, in sub-tables too, and leaves the rest', () => {
    const def = recordType('staff-profile');
    const data = { ...emptyData(def), name: '张三', idNumber: '11010519491231002X' };
    expect(maskPersonalIds(def, data)).toMatchObject({ name: '张三', idNumber: '110105********002X' });
    expect(data.idNumber).toBe('11010519491231002X');
  });
});

describe('where in a record a problem is, in the words of its form', () => {
  it.each([
    ['branch-assembly', 'date', '会议日期'],
    ['branch-assembly', 'status', '记录状态'],
    ['branch-assembly', 'data.location', '地点'],
    ['branch-assembly', 'data.topics.1', '第2项议题'],
    ['branch-assembly', 'data.motions.1.for', '第2项表决的赞成票'],
    ['branch-assembly', 'data.motions.0.title', '第1项表决的表决事项'],
    ['branch-assembly', 'data.attendance.3.absenceReason', '应到人员第4人的缺席原因'],
    ['staff-profile', 'data.family.0.name', '家庭成员第1行的姓名'],
    ['party-lecture', 'data.lecture.speaker', '主讲人'],
    ['branch-assembly', 'data.nothing', null],
  ])('%s %s → %s', (type, path, words) => {
    expect(recordPathLabel(recordType(type), path)).toBe(words);
  });
  it('names the field in the message of a failed save, and never a code path', () => {
    expect(validationMessage([{ path: 'data.motions.1.for', message: '票数应为整数' }], (p) => recordPathLabel(recordType('branch-assembly'), p))).toBe('输入有误：第2项表决的赞成票：票数应为整数');
    expect(validationMessage([{ path: 'data.location', message: '请填写地点' }, { path: 'data.host', message: '请填写主持人' }], (p) => recordPathLabel(recordType('branch-assembly'), p))).toBe('输入有误：请填写地点（另有1处）');
  });
});
