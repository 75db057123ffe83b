/** Dates typed into the forms: read by the roster import's parser, refused with a reason, never emptied. */
import { describe, expect, it } from 'vitest';
import { isoDateProblem, readDateInput, readMonthInput, readTimeInput } from '../../shared/dates.js';
import { dataSchema } from '../../shared/books/schema.js';
import { recordType } from '../../shared/books/index.js';
import { personInput } from '../../shared/contract.js';

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
