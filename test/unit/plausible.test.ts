/** What the forms question without refusing (shared/rules/plausible.ts), and where they say it. */
import { describe, expect, it } from 'vitest';
import { birthDateWarning, futureFinalWarning, joinDateWarning, phoneWarning } from '../../shared/rules/plausible.js';
import { recordWarnings } from '../../shared/books/check.js';
import { recordType } from '../../shared/books/index.js';
import { emptyData } from '../../shared/books/schema.js';
import { personWarnings } from '../../shared/members/roster.js';

const TODAY = '2026-12-02';

describe('phone numbers', () => {
  it.each(['13800000000', '138 0000 0000', '138-0000-0000', '+86 13800000000', '8613800000000', '0546-8501234', '(0546)8501234', '（0546）8501234转801', '010-12345678', '01012345678', '4008001234', '１３８００００００００', ''])(
    'takes %j',
    (phone) => expect(phoneWarning(phone)).toBeNull(),
  );
  it.each<[string, RegExp]>([
    ['123456', /手机号应为11位（现为6位）/],
    ['1380000000', /现为10位/],
    ['138000000001', /现为12位/],
    ['8501234', /带区号的固定电话/],
    ['12345678901', /带区号的固定电话/],
  ])('questions %j', (phone, reason) => expect(phoneWarning(phone)).toMatch(reason));
});

describe('birth dates', () => {
  it.each([
    ['2010-12-02', null],
    ['2010-12-03', /现年15岁，不满16周岁/],
    ['2015-01-01', /现年11岁/],
    ['1926-12-02', null],
    ['1926-12-01', null],
    ['1925-12-01', /现年101岁/],
    ['2030-01-01', null], // after today: refused at the boundary (shared/dates.ts DATE_RANGES), not questioned
    ['', null],
    ['2010.6.1', null],
  ] as [string, RegExp | null, boolean?][])('%s', (birth, reason, warned = reason !== null) => {
    const w = birthDateWarning(birth, TODAY);
    if (!warned) expect(w).toBeNull();
    else expect(w).toMatch(reason!);
  });
});

it('asks a 中共党员 or 预备党员 for 入党日期, nobody else', () => {
  expect(joinDateWarning('中共党员', '')).toMatch(/应填写入党日期/);
  expect(joinDateWarning('中共预备党员', '')).toMatch(/预备期和党费从这一天算起/);
  expect(joinDateWarning('中共党员', '2010-06-01')).toBeNull();
  expect(joinDateWarning('群众', '')).toBeNull();
  expect(joinDateWarning('共青团员', '')).toBeNull();
});

it('questions a 定稿 dated after today, not a draft and not today', () => {
  const o = { dateLabel: '会议日期', meeting: true };
  expect(futureFinalWarning({ ...o, date: '2027-01-08', final: true }, TODAY)).toMatch(/^会议日期在今天之后：定稿记录的是已开展的活动，计划中的活动请保存为草稿$/);
  expect(futureFinalWarning({ ...o, date: '2027-01-08', final: false }, TODAY)).toBeNull();
  expect(futureFinalWarning({ ...o, date: TODAY, final: true }, TODAY)).toBeNull();
  expect(futureFinalWarning({ dateLabel: '填表日期', meeting: false, date: '2027-01-08', final: true }, TODAY)).toBe('填表日期在今天之后，请核对');
});

describe('in a record', () => {
  it('says it at the field: the date, a marked phone, a phone in a sub-table row', () => {
    const def = recordType('staff-profile');
    const data = { ...emptyData(def), phone: '12345', birthDate: '2020-01-01', family: [{ relation: '妻子', name: '甲', workplace: '', phone: '13800000000' }, { relation: '儿子', name: '乙', workplace: '', phone: '55' }] };
    const w = recordWarnings(def, { date: '2027-01-01', status: 'final', data }, TODAY);
    expect(w.map((i) => i.path)).toEqual(['date', 'data.birthDate', 'data.phone', 'data.family.1.phone']);
  });
  it('has nothing to say of a plausible record', () => {
    const def = recordType('staff-profile');
    const data = { ...emptyData(def), phone: '13800000000', birthDate: '1980-01-01' };
    expect(recordWarnings(def, { date: TODAY, status: 'final', data }, TODAY)).toEqual([]);
  });
});

it('says it of a person at the field', () => {
  expect(personWarnings({ birthDate: '2015-01-01', phone: '123456', politicalStatus: '中共党员', joinDate: '' }, TODAY).map((i) => i.path)).toEqual(['birthDate', 'phone', 'joinDate']);
  expect(personWarnings({ birthDate: '1980-01-01', phone: '13800000000', politicalStatus: '中共党员', joinDate: '2001-07-01' }, TODAY)).toEqual([]);
});
