/**
 * The shape of a record-type definition. Every record the app keeps is described
 * once, as data, with these types; the form, the boundary validation, the list,
 * the search text, the print view and the Word export all read the definition.
 *
 * Adding a province's variant form is adding a definition, not code.
 */

export type FieldKind =
  /** one line of text */
  | 'text'
  /** paragraphs; one per line */
  | 'textarea'
  /** YYYY-MM-DD */
  | 'date'
  /** YYYY-MM */
  | 'month'
  /** HH:mm */
  | 'time'
  /** a number within min..max, with an optional unit (学时, 人, 分) */
  | 'number'
  /** an amount in 元 with two decimals */
  | 'money'
  /** one of a vocabulary */
  | 'select'
  /** several of a vocabulary */
  | 'multiselect'
  /** 是 / 否 */
  | 'boolean'
  /** a name, typed or picked from the roster (stored as the name) */
  | 'person'
  /** several names */
  | 'people'
  /** a list of short lines (议题, 列席人员) */
  | 'lines'
  /** a sub-table: rows of `columns` */
  | 'table'
  /** a group of sub-fields shown together (党课: 主讲人, 题目, 学时) */
  | 'object'
  /** one of the branch's 党小组 (stored as its id) */
  | 'group'
  /** who was expected at a meeting, present or absent with a reason */
  | 'attendance'
  /** motions with 赞成/反对/弃权, judged by the vote rule */
  | 'motions';

/** The kinds a sub-table column or object member may have. */
export type ScalarKind = Extract<FieldKind, 'text' | 'textarea' | 'date' | 'month' | 'time' | 'number' | 'money' | 'select' | 'boolean' | 'person'>;

/** A field of a scalar kind: a sub-table's column, an object's member, a 发展党员 step's detail. */
export type ScalarField = FieldDef & { kind: ScalarKind };

export interface FieldDef {
  /** Key in the record's data; stable, since it is stored. */
  key: string;
  /** Label as printed. */
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** select / multiselect: the allowed values, in display order. */
  options?: readonly string[];
  /** A hint shown under the field. */
  help?: string;
  /** text: max length (default by kind); number/money: max value. */
  max?: number;
  /** number/money: min value (default 0). */
  min?: number;
  /** number: decimals allowed (default 0). */
  decimals?: number;
  /** number: printed after the value (学时, 人, 分). */
  unit?: string;
  /** table / object: the columns or members (scalar kinds only: the compiler sees to it). */
  columns?: readonly ScalarField[];
  /** Where it prints: the header table (short values) or a body section. Default by kind. */
  print?: 'header' | 'body' | 'none';
  /** Print this field's value followed by another field's in （）, e.g. 主持人 张三（书记）. */
  printWith?: string;
  /**
   * person: the text field of the same record that takes the 职务 of the roster
   * person chosen here (their 支委 seat, else 岗位/职务), e.g. 主持人 → 主持人职务.
   * The form fills it while it is empty or still holds the previous person's 职务.
   */
  titleField?: string;
  /** A 身份证号: exports (volumes, registers) mask it unless the user asks for it in full. */
  personalId?: boolean;
  /** A value the form questions when it looks wrong, saying why (shared/rules/plausible.ts); it is still saved. */
  plausible?: 'phone' | 'birthDate';
}

export type Retention = '永久' | '定期30年' | '定期10年';

export type AttendeeRule =
  /** every 正式党员 and 预备党员 of the branch */
  | 'members'
  /** the 支部委员会 */
  | 'committee'
  /** the members of one 党小组 */
  | 'group'
  /** everyone on the roster (职工大会, 班组 meetings) */
  | 'everyone'
  /** the 共青团员 on the roster */
  | 'league';

export interface RecordTypeDef {
  /** Stable id, stored with every record. */
  id: string;
  /** Name as printed, e.g. 组织生活会 (the print title adds 记录 where `printTitle` says so). */
  label: string;
  book: BookId;
  /** Part id within the book (see BOOK_TREE). */
  part: string;
  /** meeting: attendance and 第N次; register: one entry per person or item; document: a text or file. */
  kind: 'meeting' | 'register' | 'document';
  /** Label of the record's own date (会议日期, 谈话日期, 填表日期, 成文日期). */
  dateLabel: string;
  fields: readonly FieldDef[];
  /** Field keys shown as list columns, after the date. */
  listColumns: readonly string[];
  /** Field key whose value names the record in lists and search (first line for `lines`). */
  titleKey: string;
  /** Default 保管期限 when the year is archived. */
  retention: Retention;
  /** Signature lines printed at the end. */
  signatures: readonly string[];
  /** Title on the printed page; default `${label}记录`. */
  printTitle?: string;
  /** meetings: who must attend (drives 应到) */
  attendees?: AttendeeRule;
  /** How often the rules expect one, as shown in help text. */
  cadence?: string;
}

export type BookId = 'branch-general' | 'discipline' | 'union-league' | 'team' | 'archive';

export interface PartDef {
  id: string;
  label: string;
  /** Ids of the regulation texts printed at the front of this part (resources/texts). */
  rules: readonly string[];
}

export interface BookDef {
  id: BookId;
  label: string;
  /** 机构（问题）code of the book in the 档号 of its 件 (DA/T 22-2015), e.g. ZB. */
  code: string;
  parts: readonly PartDef[];
}
