/**
 * The 党员花名册: Excel import (preview writes nothing; commit imports every
 * valid row in one transaction through the people service) and export.
 */
import type { ExportedFile } from '../../../shared/methods/method.js';
import type { Person } from '../../../shared/methods/people.js';
import type { ImportPreview, ImportResult } from '../../../shared/methods/members.js';
import { ROSTER_FIELD_KEYS, type RosterField } from '../../../shared/members/roster.js';
import { memberCategory, MEMBER_STATUSES } from '../../../shared/rules/membership.js';
import { localToday } from '../../../shared/dates.js';
import { all, first, q, tx, type Db } from '../db/sql.js';
import { AppError } from '../errors.js';
import { NO_BRANCH } from '../branch/service.js';
import { insertPerson, listPeople, personIdNumber } from '../people/service.js';
import { findHeaderRow, guessColumns, mappingOf, mappingProblems, parseRoster, type Mapping, type RosterContext, type Sheet } from './import.js';
import { XLSX_MIME } from '../export/xlsx/style.js';
import type { WorkbookReader } from './reader.js';
import { readWorkbook, writeRosterWorkbook } from './xlsx.js';

export const PREVIEW_ROWS = 200;

function decode(base64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new AppError('VALIDATION', '文件内容无效', [{ path: 'base64', message: '文件内容不是有效的 base64' }]);
  }
  return Buffer.from(base64, 'base64');
}

function rosterContext(db: Db): RosterContext {
  return {
    groups: all(db, q.selectFrom('party_groups').select(['id', 'name']).where('removed_at', 'is', null).orderBy('sort')),
    existing: all(
      db,
      q.selectFrom('people').select(['name', 'birth_date as birthDate', 'id_number as idNumber']).where('removed_at', 'is', null),
    ),
    today: localToday(),
  };
}

function pickSheet(sheets: Sheet[], name: string | undefined): Sheet {
  if (!sheets.length) throw new AppError('VALIDATION', '这个Excel文件里没有工作表', [{ path: 'base64', message: '没有工作表' }]);
  if (name === undefined) return sheets[0]!;
  const s = sheets.find((x) => x.name === name);
  if (!s) throw new AppError('VALIDATION', `工作表“${name}”不存在`, [{ path: 'sheet', message: `工作表“${name}”不存在` }]);
  return s;
}

function toMapping(m: Partial<Record<string, RosterField | null>>): Mapping {
  const out: Mapping = new Map();
  for (const [col, field] of Object.entries(m)) if (field && (ROSTER_FIELD_KEYS as readonly string[]).includes(field)) out.set(Number(col), field);
  return out;
}

function checkMapping(sheet: Sheet, headerRow: number, mapping: Mapping) {
  if (headerRow > sheet.rows.length) {
    throw new AppError('VALIDATION', `表头行（第${headerRow}行）超出了工作表的范围`, [{ path: 'headerRow', message: '表头行超出了工作表的范围' }]);
  }
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
  const problems = mappingProblems(mapping, width);
  if (problems.length) throw new AppError('VALIDATION', `列的对应关系有误：${problems.join('；')}`, [{ path: 'mapping', message: problems[0]! }]);
}

export interface PreviewInput {
  base64: string;
  sheet?: string;
  headerRow?: number;
  mapping?: Partial<Record<string, RosterField | null>>;
}

/** What an import would do; reads the database, writes nothing. */
export async function importPreview(db: Db, input: PreviewInput, read: WorkbookReader = readWorkbook): Promise<ImportPreview> {
  const sheets = await read(decode(input.base64));
  const sheet = pickSheet(sheets, input.sheet);
  const headerRow = input.headerRow ?? findHeaderRow(sheet.rows);
  const base = { sheets: sheets.map((s) => s.name), sheet: sheet.name };
  if (!headerRow) return { ...base, headerRow: 0, columns: [], rows: [], total: 0, valid: 0 };
  const columns = guessColumns(sheet.rows, headerRow);
  if (input.mapping) {
    const m = toMapping(input.mapping);
    for (const c of columns) c.field = m.get(c.index) ?? null;
  }
  const mapping = mappingOf(columns);
  const parsed = mapping.size ? parseRoster(sheet, headerRow, mapping, rosterContext(db)) : [];
  return {
    ...base,
    headerRow,
    columns,
    rows: parsed.slice(0, PREVIEW_ROWS).map(({ person: _p, ...r }) => r),
    total: parsed.length,
    valid: parsed.filter((r) => r.person).length,
  };
}

/** Import every valid row in one transaction; report the others by Excel row number. */
export async function importCommit(
  db: Db,
  input: { base64: string; sheet: string; headerRow: number; mapping: Partial<Record<string, RosterField | null>> },
  read: WorkbookReader = readWorkbook,
): Promise<ImportResult> {
  const sheets = await read(decode(input.base64));
  const sheet = pickSheet(sheets, input.sheet);
  const mapping = toMapping(input.mapping);
  checkMapping(sheet, input.headerRow, mapping);
  // Synchronous from here: the checks against the roster and the writes share one transaction.
  return tx(db, () => {
    const rows = parseRoster(sheet, input.headerRow, mapping, rosterContext(db));
    let imported = 0;
    for (const r of rows) {
      if (!r.person) continue;
      insertPerson(db, r.person, { note: '导入' });
      imported++;
    }
    return { imported, skipped: rows.filter((r) => !r.person).map((r) => ({ row: r.row, name: r.name, reasons: r.errors })) };
  });
}

export function revealId(db: Db, id: number): string {
  return personIdNumber(db, id);
}

/**
 * The roster's columns, in import shape (the import reads them back); the
 * year's 党员花名册 register (electron/core/registers) prints the same.
 */
export const ROSTER_COLUMNS = [
  ['序号', 6],
  ['姓名', 10],
  ['性别', 6],
  ['民族', 8],
  ['籍贯', 12],
  ['出生日期', 12],
  ['身份证号', 21],
  ['学历', 10],
  ['学位', 8],
  ['参加工作日期', 13],
  ['入党日期', 12],
  ['转正日期', 12],
  ['党龄', 6],
  ['党小组', 12],
  ['岗位/职务', 14],
  ['联系电话', 14],
  ['家庭住址', 24],
  ['党员类别', 9],
  ['流动党员', 12],
  ['备注', 16],
] as const;
export const EXPORT_HEADERS = ROSTER_COLUMNS.map(([h]) => h);

/** One member's row under ROSTER_COLUMNS; `idNumber` as it is to appear (masked or in full). */
export function rosterRow(p: Person, seq: number, idNumber: string): string[] {
  return [
    String(seq),
    p.name,
    p.gender,
    p.ethnicity,
    p.nativePlace,
    p.birthDate,
    idNumber,
    p.education,
    p.degree,
    p.workStartDate,
    p.joinDate,
    p.fullDate,
    p.partyYears === null ? '' : String(p.partyYears),
    p.groupName ?? '',
    p.position,
    p.phone,
    p.address,
    memberCategory(p.politicalStatus),
    p.mobileWhere,
    p.notes,
  ];
}

export async function exportRoster(db: Db, opts: { fullId?: boolean } = {}): Promise<ExportedFile> {
  const branch = first(db, q.selectFrom('branch').select('name'));
  if (!branch) throw new AppError('CONFLICT', NO_BRANCH);
  const today = localToday();
  const groupOrder = new Map(all(db, q.selectFrom('party_groups').select(['id', 'sort'])).map((g) => [g.id, g.sort]));
  const members = listPeople(db)
    .filter((p) => (MEMBER_STATUSES as readonly string[]).includes(p.politicalStatus))
    .sort((a, b) => (groupOrder.get(a.groupId ?? -1) ?? 1e9) - (groupOrder.get(b.groupId ?? -1) ?? 1e9) || a.id - b.id);
  const full = opts.fullId ? new Map(members.map((p) => [p.id, personIdNumber(db, p.id)])) : null;
  const rows = members.map((p, i) => rosterRow(p, i + 1, full ? full.get(p.id)! : p.idNumber));
  const regular = members.filter((p) => p.politicalStatus === '中共党员').length;
  const buf = await writeRosterWorkbook({
    title: `${branch.name}党员花名册`,
    subtitle: `截至${today}　共${members.length}人（正式党员${regular}人，预备党员${members.length - regular}人）${full ? '　含完整身份证号，注意保密' : ''}`,
    columns: ROSTER_COLUMNS.map(([header, width]) => ({ header, width })),
    rows,
  });
  return { fileName: `党员花名册_${today}${full ? '_完整身份证号' : ''}.xlsx`, mimeType: XLSX_MIME, base64: buf.toString('base64') };
}
