/**
 * Dates typed into the forms: read by the roster import's parser, refused with a reason,
 * never emptied; and the days each kind of date may be (shared/dates.ts DATE_RANGES),
 * refused at the boundary with the field named.
 */
import { describe, expect, it } from 'vitest';
import { dateRangeProblem, isoDateProblem, latestDate, localToday, readDateInput, readMonthInput, readTimeInput, type DateKind } from '../../shared/dates.js';
import { dataSchema } from '../../shared/books/schema.js';
import { recordType } from '../../shared/books/index.js';
import { contract, type MethodName } from '../../shared/contract.js';
import { personInput } from '../../shared/methods/people.js';
import { parseInput } from '../../shared/validation.js';
import { VALID, withChange } from '../fixtures/contract-inputs.js';

describe('a date typed into a date field', () => {
  it.each([
    ['2019-07-01', '2019-07-01'],
    ['2019/7/1', '2019-07-01'],
    ['2019.7.1', '2019-07-01'],
    ['2010.6.1', '2010-06-01'],
    ['2019年7月1日', '2019-07-01'],
    ['2019年7月1号', '2019-07-01'],
    ['20190701', '2019-07-01'],
    ['２０１９．７．１', '2019-07-01'],
    ['２０１９年７月１日', '2019-07-01'],
    [' 2019-7-1 ', '2019-07-01'],
    ['2019.07.01.', '2019-07-01'],
    ['', ''],
    ['   ', ''],
  ])('reads %j as %j', (typed, iso) => {
    expect(readDateInput(typed)).toEqual({ ok: true, value: iso });
  });

  it.each<[string, RegExp]>([
    ['2019.7', /只写到月份，请写到日，如 2019-07-01/],
    ['2019年7月', /只写到月份/],
    ['2019.2.30', /不存在/],
    ['2019.13.1', /不存在/],
    ['2019', /只有年份/],
    ['19.7.1', /年份应写4位/],
    ['45000', /无法识别/],
    ['1850.1.1', /年份应在1900至2200之间/],
    ['昨天', /无法识别/],
  ])('refuses %j, saying why', (typed, reason) => {
    const r = readDateInput(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(reason);
  });

  it('reads months for month fields', () => {
    expect(readMonthInput('2019.7')).toEqual({ ok: true, value: '2019-07' });
    expect(readMonthInput('2019年7月')).toEqual({ ok: true, value: '2019-07' });
    expect(readMonthInput('201907')).toEqual({ ok: true, value: '2019-07' });
    expect(readMonthInput('2019-07-15')).toEqual({ ok: true, value: '2019-07' });
    expect(readMonthInput('2019.13').ok).toBe(false);
  });

  it('explains a stored value that is not a date the way the field does', () => {
    expect(isoDateProblem('2010.13.1')).toBe('日期“2010.13.1”不存在');
    expect(isoDateProblem('2010.6.1')).toBe('日期应写成 2010-06-01');
  });
});

describe('a time typed into a time field', () => {
  it.each([
    ['9:30', '09:30'],
    ['09:30', '09:30'],
    ['9.30', '09:30'],
    ['930', '09:30'],
    ['0930', '09:30'],
    ['14：05', '14:05'],
    ['9点30', '09:30'],
    ['9点30分', '09:30'],
    ['9点半', '09:30'],
    ['15点', '15:00'],
    ['８:００', '08:00'],
    ['', ''],
  ])('reads %j as %j', (typed, hhmm) => {
    expect(readTimeInput(typed)).toEqual({ ok: true, value: hhmm });
  });
  it.each([['25:00', /不存在/], ['9:75', /不存在/], ['上午', /无法识别/], ['12345', /无法识别/]])('refuses %j', (typed, reason) => {
    const r = readTimeInput(typed);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(reason);
  });
});

describe('a date field that is not a date is refused, never saved empty', () => {
  const def = recordType('talk');
  it.each(['2010.13.1', '明天', '2010.6'])('a record with %j in an optional date field', (typed) => {
    const f = def.fields.find((x) => x.kind === 'date' && !x.required);
    if (!f) return;
    const r = dataSchema(def, { draft: true }).safeParse({ [f.key]: typed });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([f.key]);
    expect(r.error!.issues[0]!.message).toMatch(/日期/);
  });

  it('a person with 入党日期 typed as 2010.13.1', () => {
    const r = personInput.safeParse({ name: '甲', gender: '男', birthDate: '', politicalStatus: '中共党员', groupId: null, position: '', phone: '', joinDate: '2010.13.1' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['joinDate'], message: '入党日期有误：日期“2010.13.1”不存在' });
  });
});

describe('the days each kind of date may be', () => {
  const TODAY = '2026-12-02';
  it.each<[DateKind, string, string | null]>([
    ['birth', '1900-01-01', null],
    ['birth', '1899-12-31', '出生日期（1899-12-31）早于1900年，请核对年份'],
    ['birth', TODAY, null],
    ['birth', '2026-12-03', '出生日期（2026-12-03）在今天之后，请核对'],
    ['birth', '2100-01-01', '出生日期（2100-01-01）在今天之后，请核对'],
    ['life', '1900-01-01', null],
    ['life', '2027-12-02', null],
    ['life', '2027-12-03', '出生日期（2027-12-03）在一年以后，请核对年份'],
    ['record', '1949-01-01', null],
    ['record', '1948-12-31', '出生日期（1948-12-31）早于1949年，请核对年份'],
    ['record', '2027-12-02', null],
    ['record', '2027-12-03', '出生日期（2027-12-03）在一年以后，请核对年份'],
    ['record', '2200-01-01', '出生日期（2200-01-01）在一年以后，请核对年份'],
  ])('%s %s', (kind, date, problem) => {
    expect(dateRangeProblem(date, kind, '出生日期', TODAY)).toBe(problem);
  });

  it('goes a year on from 29 February to 28 February', () => {
    expect(latestDate('record', '2028-02-29')).toBe('2029-02-28');
    expect(latestDate('record', '2027-03-01')).toBe('2028-03-01');
    expect(latestDate('birth', '2028-02-29')).toBe('2028-02-29');
  });

  /** A year and a day ahead of today, and the day before 1949 / 1900. */
  const ahead = (() => {
    const [y, m, d] = latestDate('record').split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  })();
  const tomorrow = (() => {
    const [y, m, d] = localToday().split('-').map(Number) as [number, number, number];
    return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  })();

  /** Every date field of every method that takes one, with a date out of its days and the message naming it. */
  it.each<[MethodName, (string | number)[], string, RegExp]>([
    ['people.create', ['birthDate'], '2100-01-01', /^出生日期（2100-01-01）在今天之后/],
    ['people.create', ['birthDate'], tomorrow, /^出生日期（.+）在今天之后/],
    ['people.create', ['birthDate'], '1899-12-31', /^出生日期（1899-12-31）早于1900年/],
    ['people.update', ['joinDate'], ahead, /^入党日期（.+）在一年以后/],
    ['people.update', ['fullDate'], '2200-01-01', /^转正日期（2200-01-01）在一年以后/],
    ['people.update', ['workStartDate'], '1899-06-30', /^参加工作日期（1899-06-30）早于1900年/],
    ['records.create', ['date'], '2200-01-01', /^会议日期（2200-01-01）在一年以后/],
    ['records.create', ['date'], ahead, /在一年以后/],
    ['records.create', ['date'], '1948-12-31', /^会议日期（1948-12-31）早于1949年/],
    ['records.update', ['record', 'date'], '1900-01-01', /^会议日期（1900-01-01）早于1949年/],
    ['development.saveStep', ['date'], '2200-01-01', /^会议日期（2200-01-01）在一年以后/],
    ['development.addReview', ['date'], '1948-01-01', /^日期（1948-01-01）早于1949年/],
    ['dues.pay', ['paidDate'], '2199-01-01', /^交纳日期（2199-01-01）在一年以后/],
    ['cadence.setStart', ['date'], '1900-01-01', /^记录起始日期（1900-01-01）早于1949年/],
  ])('%s %j = %s is refused', (method, at, date, message) => {
    const r = parseInput(contract[method].input, withChange(VALID[method], at, (p, k) => (p[k] = date)));
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toEqual([{ path: at.join('.'), message: expect.stringMatching(message) }]);
  });

  it('refuses a birth date after today and a record date out of its days in a record’s data', () => {
    const staff = recordType('staff-profile');
    const draft = dataSchema(staff, { draft: true });
    expect(draft.safeParse({ birthDate: '2100-01-01' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['birthDate'], message: '出生日期（2100-01-01）在今天之后，请核对' }),
    ]);
    // 参加工作日期 is a date the books record: not before 1949
    expect(draft.safeParse({ workStartDate: '1948-07-01' }).error?.issues[0]?.message).toBe('参加工作日期（1948-07-01）早于1949年，请核对年份');
    expect(draft.safeParse({ birthDate: '1960-05-01', workStartDate: '1980-07-01' }).success).toBe(true);
  });
});
