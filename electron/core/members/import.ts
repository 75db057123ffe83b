/**
 * Reading a 党员花名册 from a worksheet: pure functions over the sheet's cells
 * (a matrix of string | number | boolean | Date | null, as xlsx.ts reads it),
 * so every rule is tested as a table without a database.
 *
 * - The header row is the row among the first 30 that names the most known
 *   columns (at least two, one of them 姓名); merged title rows such as
 *   “XX支部党员花名册” and blank rows above it are passed over.
 * - Each column's field is guessed from its header (shared/members/roster.ts);
 *   the user may change the mapping.
 * - Each data row is normalised (names lose their padding spaces, full-width
 *   digits, dates in the usual shapes, 男性 → 男, 正式党员 → 中共党员) and
 *   checked; blank rows and repeated header rows are left out.
 * - Duplicates: the same 身份证号 as someone on the roster or an earlier valid
 *   row; without a number on one side, the same 姓名 and 出生日期.
 */
import type { PersonInput } from '../../../shared/methods/people.js';
import type { ImportColumn, ImportRow } from '../../../shared/methods/members.js';
import {
  DATE_FIELDS,
  ROSTER_LABELS,
  cleanName,
  guessField,
  parseEthnicity,
  parseGender,
  parseMobile,
  parsePhone,
  parseStatus,
  personIssues,
  type RosterField,
} from '../../../shared/members/roster.js';
import { readLooseDate } from '../../../shared/dates.js';
import { cleanText, dropInvisible, halfWidth, scrubText } from '../../../shared/text.js';
import { checkIdNumber, maskIdNumber, normaliseIdNumber } from '../../../shared/rules/idcard.js';

export type Cell = string | number | boolean | Date | null;

export interface Sheet {
  name: string;
  /** rows[r - 1][c - 1] is the cell of Excel row r, column c */
  rows: Cell[][];
}

/** Column number → field. */
export type Mapping = Map<number, RosterField>;

export interface RosterContext {
  groups: readonly { id: number; name: string }[];
  /** the active people on the roster */
  existing: readonly { name: string; birthDate: string; idNumber: string }[];
  /** YYYY-MM-DD: dates after it are refused */
  today: string;
}

export interface ParsedRow extends ImportRow {
  /** what to store when the row has no errors */
  person: PersonInput | null;
}

const HEADER_SCAN = 30;

/** A cell as text: dates as YYYY-MM-DD, numbers as written, without the invisible controls no text keeps (shared/text.ts). */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  return dropInvisible(String(c));
}

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

export function isBlankRow(cells: readonly Cell[]): boolean {
  return cells.every(isBlank);
}

/** The distinct fields a row's cells name as headers. */
function headerFields(cells: readonly Cell[]): Set<RosterField> {
  const out = new Set<RosterField>();
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    const f = guessField(c);
    if (f) out.add(f);
  }
  return out;
}

/** The Excel row number of the header row, or 0 when no row looks like one. */
export function findHeaderRow(rows: readonly Cell[][]): number {
  let best = 0;
  let bestCount = 1;
  rows.slice(0, HEADER_SCAN).forEach((cells, i) => {
    const fields = headerFields(cells);
    if (fields.has('name') && fields.size > bestCount) {
      best = i + 1;
      bestCount = fields.size;
    }
  });
  return best;
}

/** The header row's columns with their guessed fields; a field goes to the first column that names it. */
export function guessColumns(rows: readonly Cell[][], headerRow: number): ImportColumn[] {
  const header = rows[headerRow - 1] ?? [];
  const width = Math.max(0, ...rows.map((r) => r.length));
  const taken = new Set<RosterField>();
  const columns: ImportColumn[] = [];
  let previous = '';
  for (let c = 1; c <= width; c++) {
    const text = cleanText(cellText(header[c - 1] ?? null));
    // A header merged across columns repeats in each; only the first holds the field.
    const guess = text && text !== previous ? guessField(text) : null;
    previous = text;
    const field = guess && !taken.has(guess) ? guess : null;
    if (field) taken.add(field);
    columns.push({ index: c, header: text, field });
  }
  return columns;
}

export function mappingOf(columns: readonly ImportColumn[]): Mapping {
  return new Map(columns.filter((c) => c.field).map((c) => [c.index, c.field!]));
}

/** Problems with a mapping as a whole (no 姓名 column, a field twice, a column beyond the sheet). */
export function mappingProblems(mapping: Mapping, width: number): string[] {
  const out: string[] = [];
  const seen = new Map<RosterField, number>();
  for (const [col, field] of mapping) {
    if (col < 1 || col > width) out.push(`第${col}列不在表格中`);
    const other = seen.get(field);
    if (other !== undefined) out.push(`“${ROSTER_LABELS[field]}”对应了两列（第${other}列和第${col}列）`);
    seen.set(field, col);
  }
  if (!seen.has('name')) out.push('请指定“姓名”所在的列');
  return out;
}

const LIMITS: Partial<Record<RosterField, number>> = {
  nativePlace: 60,
  education: 30,
  degree: 30,
  position: 60,
  address: 120,
  mobileWhere: 60,
  notes: 500,
};

/** The 身份证号 of a cell, or why it cannot be read. */
export function readIdCell(c: Cell): { value: string } | { error: string } {
  if (typeof c === 'number') {
    // Excel keeps 15 significant digits: an 18-digit number has already lost its last ones.
    if (Number.isInteger(c) && c < 1e15) return { value: String(c) };
    const shown = c.toExponential(5).replace('e+', 'E+');
    return {
      error: `身份证号单元格是数值格式（Excel显示为 ${shown}），数值只能保存15位，末尾几位已经丢失，无法读取；请把该列设为“文本”格式后重新录入`,
    };
  }
  return { value: normaliseIdNumber(cellText(c)) };
}

/**
 * One data row: its values (normalised) and errors, before any duplicate
 * checks. `groups` resolve 党小组 names.
 */
export function parseRow(
  cells: readonly Cell[],
  mapping: Mapping,
  ctx: Pick<RosterContext, 'groups' | 'today'>,
): { values: Partial<Record<RosterField, string>>; person: PersonInput | null; errors: string[]; idNumber: string } {
  const errors: string[] = [];
  const raw = (f: RosterField): Cell => {
    for (const [col, field] of mapping) if (field === f) return cells[col - 1] ?? null;
    return null;
  };
  // A cell with a character no text keeps (NUL, a lone surrogate, a noncharacter) is refused as a typed one is.
  for (const f of new Set(mapping.values())) {
    const c = raw(f);
    const r = typeof c === 'string' ? scrubText(c) : null;
    if (r && !r.ok) errors.push(`${ROSTER_LABELS[f]}${r.message}`);
  }
  const text = (f: RosterField) => cleanText(cellText(raw(f)));
  const v = {} as Record<RosterField, string>;
  const got = (f: RosterField) => !isBlank(raw(f));

  // 姓名
  const name = cleanName(cellText(raw('name')));
  v.name = name;
  if (!name) errors.push('缺少姓名');
  else if (name.length > 40) errors.push('姓名不能超过40个字');
  else if (/[0-9:：]/.test(halfWidth(name))) errors.push(`姓名“${name}”不像人名`);

  // plain texts
  for (const f of ['nativePlace', 'education', 'degree', 'position', 'address', 'notes'] as const) {
    v[f] = text(f);
    if (v[f].length > LIMITS[f]!) errors.push(`${ROSTER_LABELS[f]}不能超过${LIMITS[f]}个字`);
  }
  v.mobileWhere = parseMobile(cellText(raw('mobileWhere')));
  if (v.mobileWhere.length > LIMITS.mobileWhere!) errors.push(`流动党员去向不能超过${LIMITS.mobileWhere}个字`);

  // vocabularies
  let gender = '';
  if (got('gender')) {
    const g = parseGender(cellText(raw('gender')));
    if (g.ok) gender = g.value;
    else errors.push(g.message);
  }
  let status = '';
  if (got('politicalStatus')) {
    const s = parseStatus(cellText(raw('politicalStatus')));
    if (s.ok) status = s.value;
    else errors.push(s.message);
  }
  v.ethnicity = '';
  if (got('ethnicity')) {
    const e = parseEthnicity(cellText(raw('ethnicity')));
    if (e.ok) v.ethnicity = e.value;
    else errors.push(e.message);
  }
  if (got('phone')) {
    const p = parsePhone(cellText(raw('phone')));
    if (p.ok) v.phone = p.value;
    else errors.push(p.message);
  }

  // 党小组
  let groupId: number | null = null;
  v.group = '';
  if (got('group')) {
    const key = (s: string) => halfWidth(s).replace(/\s/g, '');
    const wanted = key(cellText(raw('group')));
    const g = ctx.groups.find((x) => key(x.name) === wanted);
    if (g) {
      groupId = g.id;
      v.group = g.name;
    } else {
      const known = ctx.groups.map((x) => x.name).join('、') || '（尚未设立党小组）';
      errors.push(`党小组“${text('group')}”不存在（本支部的党小组：${known}）`);
    }
  }

  // dates
  const dates: Record<(typeof DATE_FIELDS)[number], string> = { birthDate: '', workStartDate: '', joinDate: '', fullDate: '' };
  let birthMonthOnly = false;
  for (const f of DATE_FIELDS) {
    if (!got(f)) continue;
    const d = readLooseDate(raw(f));
    if (!d.ok) errors.push(`${ROSTER_LABELS[f]}：${d.message}`);
    else if (d.value.date > ctx.today) errors.push(`${ROSTER_LABELS[f]}（${d.value.date}）晚于今天`);
    else {
      dates[f] = d.value.date;
      if (f === 'birthDate') birthMonthOnly = d.value.monthOnly;
    }
  }

  // 身份证号: 出生日期 and 性别 come from it when the sheet leaves them out.
  let idNumber = '';
  let idBad = false;
  if (got('idNumber')) {
    const id = readIdCell(raw('idNumber'));
    if ('error' in id) {
      errors.push(id.error);
      idBad = true;
      v.idNumber = '（无法读取）';
    } else {
      idNumber = id.value;
      v.idNumber = maskIdNumber(idNumber);
      const c = checkIdNumber(idNumber, {}, ctx.today);
      if (c.ok) {
        // 出生年月 (a month) takes its day from the number when the month agrees.
        const sameMonth = birthMonthOnly && dates.birthDate.slice(0, 7) === c.birthDate.slice(0, 7);
        if ((!dates.birthDate && !got('birthDate')) || sameMonth) dates.birthDate = c.birthDate;
        if (!gender && !got('gender')) gender = c.gender;
      }
    }
  }
  if (!gender && !got('gender') && !idBad) errors.push('缺少性别');

  // 政治面貌 from the dates when the sheet has no such column
  if (!status && !got('politicalStatus')) {
    if (dates.fullDate) status = '中共党员';
    else if (dates.joinDate) status = '中共预备党员';
    else errors.push('缺少政治面貌（人员类别），也没有入党、转正日期可以推断');
  }
  v.politicalStatus = status;
  Object.assign(v, dates);

  const record = {
    idNumber,
    birthDate: dates.birthDate,
    gender,
    joinDate: dates.joinDate,
    fullDate: dates.fullDate,
    politicalStatus: status,
  };
  if (status && gender) for (const issue of personIssues(record, ctx.today)) errors.push(issue.message);
  else if (idNumber) {
    const c = checkIdNumber(idNumber, { birthDate: dates.birthDate }, ctx.today);
    if (!c.ok) errors.push(c.message);
  }

  v.gender = gender;
  for (const f of Object.keys(v) as RosterField[]) if (!v[f]) delete v[f];
  if (errors.length) return { values: v, person: null, errors, idNumber };
  return {
    values: v,
    errors,
    idNumber,
    person: {
      name,
      gender: gender as PersonInput['gender'],
      birthDate: dates.birthDate,
      politicalStatus: status as PersonInput['politicalStatus'],
      groupId,
      position: v.position ?? '',
      phone: v.phone ?? '',
      ethnicity: v.ethnicity ?? '',
      nativePlace: v.nativePlace ?? '',
      idNumber,
      education: v.education ?? '',
      degree: v.degree ?? '',
      workStartDate: dates.workStartDate,
      joinDate: dates.joinDate,
      fullDate: dates.fullDate,
      address: v.address ?? '',
      mobileWhere: v.mobileWhere ?? '',
      notes: v.notes ?? '',
    },
  };
}

/** A row that repeats the header (multi-page rosters do) or names three fields. */
function looksLikeHeader(cells: readonly Cell[], header: readonly Cell[]): boolean {
  const texts = cells.map((c) => cleanText(cellText(c)));
  const same = texts.filter((t, i) => t && t === cleanText(cellText(header[i] ?? null))).length;
  return same >= 2 || headerFields(cells).size >= 3;
}

/** A note merged across the row (填表说明：…): every cell reads the same text. */
function isMergedNote(cells: readonly Cell[]): boolean {
  const texts = cells.filter((c) => !isBlank(c)).map((c) => cellText(c));
  return texts.length >= 3 && texts.every((t) => t === texts[0]);
}

/**
 * Every data row below the header: parsed, checked, and checked for
 * duplicates against the roster and the valid rows above it.
 */
export function parseRoster(sheet: Sheet, headerRow: number, mapping: Mapping, ctx: RosterContext): ParsedRow[] {
  const header = sheet.rows[headerRow - 1] ?? [];
  const byId = new Map<string, string>();
  const byNameBirth = new Map<string, { who: string; idNumber: string }>();
  for (const p of ctx.existing) {
    const who = `名册中的“${p.name}”`;
    if (p.idNumber) byId.set(p.idNumber, who);
    byNameBirth.set(`${p.name}|${p.birthDate}`, { who, idNumber: p.idNumber });
  }

  const out: ParsedRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rows.length; r++) {
    const cells = sheet.rows[r - 1] ?? [];
    // Blank rows, repeated headers, and notes under the table (制表人：…) in columns that are not imported.
    if (isBlankRow(cells) || looksLikeHeader(cells, header) || isMergedNote(cells) || [...mapping.keys()].every((c) => isBlank(cells[c - 1] ?? null))) continue;
    const parsed = parseRow(cells, mapping, ctx);
    const errors = [...parsed.errors];
    const id = parsed.idNumber;
    const name = parsed.values.name ?? '';
    const birth = parsed.values.birthDate ?? '';
    const idDup = id ? byId.get(id) : undefined;
    if (idDup) errors.push(`身份证号与${idDup}相同`);
    const nb = name ? byNameBirth.get(`${name}|${birth}`) : undefined;
    if (!idDup && nb && (!id || !nb.idNumber)) errors.push(`姓名和出生日期与${nb.who}相同，疑为重复登记`);
    if (!errors.length && parsed.person) {
      const who = `第${r}行（${name}）`;
      if (id) byId.set(id, who);
      byNameBirth.set(`${name}|${birth}`, { who, idNumber: id });
    }
    out.push({ row: r, name, values: parsed.values, errors, person: errors.length ? null : parsed.person });
  }
  return out;
}
