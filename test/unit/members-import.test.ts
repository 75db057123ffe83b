/** The roster import's pure functions (electron/core/members/import.ts) over plain cell matrices. */
import { describe, expect, it } from 'vitest';
import { findHeaderRow, guessColumns, mappingOf, mappingProblems, parseRoster, parseRow, readIdCell, type Cell, type Mapping } from '../../electron/core/members/import.js';
import { excelSerial, idNumber } from '../fixtures/roster.js';

const TODAY = '2026-05-01';
const GROUPS = [
  { id: 1, name: '第一党小组' },
  { id: 2, name: '第二党小组' },
];
const ctx = { groups: GROUPS, today: TODAY, existing: [] };
const HEADER = ['姓名', '性别', '出生年月', '身份证号', '入党时间', '转正时间', '党小组', '人员类别'];
const MAPPING: Mapping = new Map([
  [1, 'name'],
  [2, 'gender'],
  [3, 'birthDate'],
  [4, 'idNumber'],
  [5, 'joinDate'],
  [6, 'fullDate'],
  [7, 'group'],
  [8, 'politicalStatus'],
]);
const MAN = idNumber('110105', '19800315', '011');
const WOMAN = idNumber('110105', '19900102', '024');

describe('finding the header row', () => {
  it.each<[string, Cell[][], number]>([
    ['the first row', [HEADER], 1],
    ['under a merged title and a blank row', [Array(8).fill('一支部党员花名册'), [], HEADER], 3],
    ['under a 填报 line', [['XX支部党员花名册'], ['填报单位：某某', null, '填报日期：2026年'], HEADER], 3],
    ['the fuller of two header rows (姓名 merged down)', [['序号', '姓名', '基本情况', '基本情况'], ['序号', '姓名', '性别', '民族', '出生日期']], 2],
    ['none: no 姓名', [['序号', '性别', '民族']], 0],
    ['none: a single known header', [['姓名', '甲', '乙']], 0],
  ])('%s', (_label, rows, expected) => expect(findHeaderRow(rows)).toBe(expected));

  it('guesses each column once; a header merged across two columns names only the first', () => {
    const cols = guessColumns([['序号', '姓名', '出生日期', '出生日期', '手机', '联系电话', '入党介绍人']], 1);
    expect(cols.map((c) => c.field)).toEqual([null, 'name', 'birthDate', null, 'phone', null, null]);
    expect(mappingProblems(mappingOf(cols), 7)).toEqual([]);
    expect(mappingProblems(new Map([[2, 'gender']]), 7)).toEqual(['请指定“姓名”所在的列']);
  });
});

describe('one row', () => {
  const row = (cells: Cell[]) => parseRow(cells, MAPPING, ctx);
  const base: Cell[] = ['张三', '男', '1980.03', MAN, '2005.07.01', '2006.07.01', '第一党小组', '正式党员'];
  const withCell = (i: number, v: Cell) => base.map((c, j) => (j === i ? v : c));

  it('reads a complete row', () => {
    const r = row(base);
    expect(r.errors).toEqual([]);
    expect(r.person).toMatchObject({
      name: '张三',
      gender: '男',
      birthDate: '1980-03-15', // 1980.03 takes its day from the number
      idNumber: MAN,
      joinDate: '2005-07-01',
      fullDate: '2006-07-01',
      groupId: 1,
      politicalStatus: '中共党员',
    });
  });

  it.each<[string, number, Cell, Record<string, unknown>]>([
    ['padded name', 0, ' 张 三 ', { name: '张三' }],
    ['男性', 1, '男性', { gender: '男' }],
    ['an Excel serial birth date', 2, excelSerial('1980-03-15'), { birthDate: '1980-03-15' }],
    ['a JS Date', 4, new Date(Date.UTC(2005, 6, 1)), { joinDate: '2005-07-01' }],
    ['full-width digits in the number', 3, MAN.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), { idNumber: MAN }],
    ['a padded 党小组', 6, ' 第二党小组 ', { groupId: 2 }],
    ['a name that reads backwards (an override dropped)', 0, '\u202e三张', { name: '三张' }],
    ['invisible controls in a name', 0, '\ufeff张\u0007三\u200f', { name: '张三' }],
    ['预备党员 (no 转正日期)', 7, '预备党员', {}],
  ])('normalises %s', (label, i, v, expected) => {
    const cells = withCell(i, v);
    if (label.startsWith('预备')) cells[5] = null;
    const r = row(cells);
    expect(r.errors).toEqual([]);
    expect(r.person).toMatchObject(expected);
  });

  it.each<[string, Cell[], string[]]>([
    ['性别 X', withCell(1, 'X'), ['性别“X”无法识别，应为男或女']],
    ['a 性别 the number contradicts', withCell(1, '女'), ['身份证号第17位表示性别为男，与性别“女”不一致']],
    ['a 出生年月 in another month', withCell(2, '1980.04'), ['身份证号中的出生日期（1980-03-15）与出生日期（1980-04-01）不一致']],
    ['an unknown 党小组', withCell(6, '机关党小组'), ['党小组“机关党小组”不存在（本支部的党小组：第一党小组、第二党小组）']],
    ['an unknown 政治面貌', withCell(7, '积极分子'), ['政治面貌“积极分子”无法识别，应为正式党员、预备党员、共青团员或群众']],
    ['a date after today', withCell(5, '2027.01.01'), ['转正日期（2027-01-01）晚于今天']],
    ['转正 before 入党', withCell(5, '2004.07.01'), ['转正日期不能早于入党日期']],
    ['a year alone', withCell(4, '2005'), ['入党日期：日期“2005”只有年份，请至少写到月份，如 2005.07']],
    ['no name', withCell(0, '  '), ['缺少姓名']],
    ['a numeric 18-digit ID', withCell(3, 110105198003150110), [expect.stringMatching(/^身份证号单元格是数值格式（Excel显示为 1\.10105E\+17）/) as unknown as string]],
    ['a 预备党员 with a 转正日期', withCell(7, '预备党员'), ['预备党员尚未转正，转正日期应为空']],
    ['a NUL in the name', withCell(0, '张\u0000三'), ['姓名含有不能保存的字符（第2个字：空字符 U+0000），请删除后再保存']],
    ['half an emoji in the name', withCell(0, '张三\ud83d'), ['姓名含有不能保存的字符（第3个字：不完整的字符 U+D83D，可能是复制时截断的表情或生僻字），请删除后再保存']],
    ['a noncharacter in the 党小组', withCell(6, '第一党小组\uffff'), [
      '党小组含有不能保存的字符（第6个字：非文字字符 U+FFFF），请删除后再保存',
      '党小组“第一党小组\uffff”不存在（本支部的党小组：第一党小组、第二党小组）',
    ]],
  ])('reports %s', (_label, cells, errors) => {
    const r = row(cells);
    expect(r.person).toBeNull();
    expect(r.errors).toEqual(errors);
  });

  it('takes 性别 and 出生日期 from the number when the sheet has no such columns', () => {
    const m: Mapping = new Map([
      [1, 'name'],
      [2, 'idNumber'],
      [3, 'joinDate'],
    ]);
    const r = parseRow(['李四', WOMAN, '2015-07-01'], m, ctx);
    expect(r.errors).toEqual([]);
    // no 政治面貌 column: a 入党日期 without 转正 makes a 预备党员
    expect(r.person).toMatchObject({ gender: '女', birthDate: '1990-01-02', politicalStatus: '中共预备党员' });
    expect(parseRow(['李四', '', ''], m, ctx).errors).toEqual(['缺少性别', '缺少政治面貌（人员类别），也没有入党、转正日期可以推断']);
  });

  it('reads ID cells', () => {
    expect(readIdCell(` ${MAN.toLowerCase()} `)).toEqual({ value: MAN });
    expect(readIdCell(110105800101123)).toEqual({ value: '110105800101123' });
    expect(readIdCell(110105198003150110)).toHaveProperty('error');
    expect(readIdCell(null)).toEqual({ value: '' });
  });
});

describe('the whole sheet', () => {
  it('leaves out blank rows, repeated headers and notes, and finds duplicates', () => {
    const rows: Cell[][] = [
      ['党员花名册'],
      HEADER,
      ['张三', '男', '1980.03', MAN, '2005.07.01', '2006.07.01', '第一党小组', '正式党员'],
      [],
      [null, '  ', null],
      HEADER,
      ['张三', '男', '1980.03', MAN, '2005.07.01', '2006.07.01', '第一党小组', '正式党员'],
      ['李四', '女', '1990.01.02', '', '2015.07.01', '', '', '预备党员'],
      ['李四', '女', '1990.01.02', '', '2015.07.01', '', '', '预备党员'],
      ['王五', '男', '1970.01.01', '', '1995.07.01', '1996.07.01', '', '正式党员'],
      Array(8).fill('制表人：赵组织'),
    ];
    const parsed = parseRoster({ name: 'Sheet1', rows }, 2, MAPPING, {
      ...ctx,
      existing: [{ name: '王五', birthDate: '1970-01-01', idNumber: '' }],
    });
    expect(parsed.map((r) => [r.row, r.name, r.errors])).toEqual([
      [3, '张三', []],
      [7, '张三', ['身份证号与第3行（张三）相同']],
      [8, '李四', []],
      [9, '李四', ['姓名和出生日期与第8行（李四）相同，疑为重复登记']],
      [10, '王五', ['姓名和出生日期与名册中的“王五”相同，疑为重复登记']],
    ]);
  });

  it('does not count a namesake with a different number as a duplicate', () => {
    const other = idNumber('110105', '19800315', '031');
    const rows: Cell[][] = [HEADER, ['张三', '男', '1980.03.15', MAN, '', '', '', '群众'], ['张三', '男', '1980.03.15', other, '', '', '', '群众']];
    expect(parseRoster({ name: 'S', rows }, 1, MAPPING, ctx).map((r) => r.errors)).toEqual([[], []]);
  });
});
