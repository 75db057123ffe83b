/** 党龄 (full years from 转正日期) and the roster's normalisers. */
import { describe, expect, it } from 'vitest';
import { fullYears, memberCategory, partyYears, statusSince } from '../../shared/rules/membership.js';
import {
  cleanName,
  guessField,
  parseEthnicity,
  parseGender,
  parseMobile,
  parseStatus,
  personIssues,
} from '../../shared/members/roster.js';
import { parseLooseDate } from '../../shared/dates.js';

describe('党龄', () => {
  it.each([
    ['2019-07-01', '2019-07-01', 0],
    ['2019-07-01', '2020-06-30', 0],
    ['2019-07-01', '2020-07-01', 1],
    ['2019-07-01', '2026-07-01', 7],
    ['2019-07-01', '2026-06-30', 6],
    ['2019-12-31', '2020-01-01', 0],
    ['2019-12-31', '2020-12-31', 1],
    // 29 February: the anniversary falls on 1 March in common years, on 29 February in leap years
    ['2020-02-29', '2021-02-28', 0],
    ['2020-02-29', '2021-03-01', 1],
    ['2020-02-29', '2024-02-28', 3],
    ['2020-02-29', '2024-02-29', 4],
    // a 转正 on 28 February is a year old on the next 28 February, leap year or not
    ['2023-02-28', '2024-02-28', 1],
    ['2023-02-28', '2024-02-27', 0],
  ])('转正 %s, on %s: %i', (full, today, years) => {
    expect(partyYears(full, today)).toBe(years);
  });

  it('is null without a 转正日期, with an invalid one, or one after today', () => {
    expect(partyYears('', '2026-01-01')).toBeNull();
    expect(partyYears('2019-02-30', '2026-01-01')).toBeNull();
    expect(partyYears('2027-01-01', '2026-01-01')).toBeNull();
    expect(fullYears('1980-05-20', '2026-05-19')).toBe(45);
  });

  it('knows 正式 and 预备, and from which date each status runs', () => {
    expect(memberCategory('中共党员')).toBe('正式');
    expect(memberCategory('中共预备党员')).toBe('预备');
    expect(memberCategory('群众')).toBe('');
    expect(statusSince('中共预备党员', { joinDate: '2024-07-01', fullDate: '' })).toBe('2024-07-01');
    expect(statusSince('中共党员', { joinDate: '2024-07-01', fullDate: '2025-07-01' })).toBe('2025-07-01');
    expect(statusSince('群众', { joinDate: '2024-07-01' })).toBe('');
  });
});

describe('dates as rosters write them', () => {
  const serial = (iso: string) => Math.round((Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000);
  it.each<[string, unknown, string]>([
    ['ISO', '2019-07-01', '2019-07-01'],
    ['dots', '2019.07.01', '2019-07-01'],
    ['dots, no padding', '2019.7.1', '2019-07-01'],
    ['slashes', '2019/07/01', '2019-07-01'],
    ['dashes, no padding', '2019-7-1', '2019-07-01'],
    ['年月日', '2019年7月1日', '2019-07-01'],
    ['年月日 with spaces', ' 2019 年 7 月 1 日 ', '2019-07-01'],
    ['full-width digits', '１９８０年１月２日', '1980-01-02'],
    ['full-width dots', '１９８０．０１．０２', '1980-01-02'],
    ['8 digits', '20190701', '2019-07-01'],
    ['6 digits: the first of the month', '201907', '2019-07-01'],
    ['year.month: the first of the month', '2019.07', '2019-07-01'],
    ['year.month, one digit', '2019.7', '2019-07-01'],
    ['text 2019.1 is January', '2019.1', '2019-01-01'],
    ['text 2019.10 is October', '2019.10', '2019-10-01'],
    ['年月', '2019年7月', '2019-07-01'],
    ['with a time', '2019-07-01 00:00:00', '2019-07-01'],
    ['an Excel serial number', serial('2019-07-01'), '2019-07-01'],
    ['an Excel serial with a time', serial('1980-03-01') + 0.5, '1980-03-01'],
    ['a JS Date at UTC midnight', new Date(Date.UTC(2019, 6, 1)), '2019-07-01'],
    ['a JS Date shifted by a +8 time zone', new Date(Date.UTC(2019, 5, 30, 16)), '2019-07-01'],
    ['a JS Date shifted by a −5 time zone', new Date(Date.UTC(2019, 6, 1, 5)), '2019-07-01'],
    ['a number 20190701', 20190701, '2019-07-01'],
    ['a number 201907', 201907, '2019-07-01'],
    ['a number 2019.07', 2019.07, '2019-07-01'],
    ['a number 2019.12', 2019.12, '2019-12-01'],
    ['a number 2019.2', 2019.2, '2019-02-01'],
    ['empty', '', ''],
    ['blank', '   ', ''],
  ])('%s', (_label, input, expected) => {
    expect(parseLooseDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown, RegExp]>([
    ['30 February', '2019-02-30', /不存在/],
    ['month 13', '2019.13', /月份无效/],
    ['a year alone', '2019', /只有年份/],
    ['a year alone as a number', 2019, /只有年份/],
    ['a two-digit year', '19.07.01', /年份应写4位/],
    ['the number 2019.1 (January or October?)', 2019.1, /分不清是1月还是10月/],
    ['words', '不详', /无法识别/],
  ])('refuses %s', (_label, input, message) => {
    const r = parseLooseDate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('vocabularies', () => {
  it.each([
    ['男', '男'],
    ['男性', '男'],
    [' 女 ', '女'],
    ['女性', '女'],
    ['Ｍ', '男'],
    ['female', '女'],
  ])('性别 %j → %s', (raw, value) => expect(parseGender(raw)).toEqual({ ok: true, value }));

  it('refuses a 性别 it cannot read', () => {
    expect(parseGender('X')).toEqual({ ok: false, message: '性别“X”无法识别，应为男或女' });
    expect(parseGender('未知').ok).toBe(false);
  });

  it.each([
    ['正式党员', '中共党员'],
    ['中共党员', '中共党员'],
    ['正式', '中共党员'],
    ['预备党员', '中共预备党员'],
    ['中共预备党员', '中共预备党员'],
    ['预 备', '中共预备党员'],
    ['团员', '共青团员'],
    ['群众', '群众'],
  ])('政治面貌 %j → %s', (raw, value) => expect(parseStatus(raw)).toEqual({ ok: true, value }));

  it('refuses an unknown 政治面貌 and names it', () => {
    const r = parseStatus('民主党派');
    expect(r.ok).toBe(false);
    expect(r.ok || r.message).toContain('政治面貌“民主党派”');
  });

  it('writes 民族 with 族 and refuses what is not one', () => {
    expect(parseEthnicity('汉')).toEqual({ ok: true, value: '汉族' });
    expect(parseEthnicity('蒙古族')).toEqual({ ok: true, value: '蒙古族' });
    expect(parseEthnicity('维吾尔')).toEqual({ ok: true, value: '维吾尔族' });
    expect(parseEthnicity('火星族').ok).toBe(false);
  });

  it('reads 流动党员 as a flag or a place', () => {
    expect(parseMobile('')).toBe('');
    expect(parseMobile('否')).toBe('');
    expect(parseMobile('是')).toBe('是');
    expect(parseMobile('√')).toBe('是');
    expect(parseMobile(' 广东深圳 ')).toBe('广东深圳');
  });

  it('takes the padding out of names', () => {
    expect(cleanName(' 王 芳 ')).toBe('王芳');
    expect(cleanName('王\u3000芳')).toBe('王芳');
    expect(cleanName('欧阳 明明')).toBe('欧阳明明');
    expect(cleanName('买买提.艾力')).toBe('买买提·艾力');
    expect(cleanName('John  Smith')).toBe('John Smith');
  });
});

describe('header guesses', () => {
  it.each([
    ['姓名', 'name'],
    ['*姓名', 'name'],
    ['出生年月', 'birthDate'],
    ['出生日期（年月日）', 'birthDate'],
    ['公民身份号码', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['参加工作时间', 'workStartDate'],
    ['入党时间', 'joinDate'],
    ['转正日期', 'fullDate'],
    ['所在党小组', 'group'],
    ['所在党小组名称', 'group'],
    ['岗位/职务', 'position'],
    ['职务', 'position'],
    ['手机', 'phone'],
    ['联系电话', 'phone'],
    ['住址', 'address'],
    ['家庭住址', 'address'],
    ['人员类别', 'politicalStatus'],
    ['党员类别', 'politicalStatus'],
    ['外出流向', 'mobileWhere'],
    ['流动党员', 'mobileWhere'],
    ['备注', 'notes'],
    ['序号', null],
    ['党龄', null],
    ['入党介绍人', null],
    ['', null],
    ['XX支部党员花名册', null],
  ])('%j → %s', (header, field) => expect(guessField(header)).toBe(field));
});

describe('a person’s own rules', () => {
  const base = { idNumber: '', birthDate: '1980-01-01', gender: '男', joinDate: '2005-07-01', fullDate: '2006-07-01', politicalStatus: '中共党员' };
  it('names the field of each problem', () => {
    expect(personIssues(base)).toEqual([]);
    expect(personIssues({ ...base, fullDate: '2005-06-30' })).toEqual([{ path: 'fullDate', message: '转正日期不能早于入党日期' }]);
    expect(personIssues({ ...base, joinDate: '1979-01-01', fullDate: '' })).toEqual([{ path: 'joinDate', message: '入党日期应晚于出生日期' }]);
    expect(personIssues({ ...base, politicalStatus: '中共预备党员' })).toEqual([{ path: 'fullDate', message: '预备党员尚未转正，转正日期应为空' }]);
    expect(personIssues({ ...base, idNumber: '110105198001011234' })[0]).toMatchObject({ path: 'idNumber' });
  });
});
