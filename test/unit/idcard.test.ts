/** 公民身份号码 (GB 11643-1999): the check character, the birth date, 性别, masking. */
import { describe, expect, it } from 'vitest';
import { checkIdNumber, idCheckChar, isMaskedIdNumber, maskIdNumber, normaliseIdNumber } from '../../shared/rules/idcard.js';

/** The check character computed here, independently of the code under test (ISO 7064 MOD 11-2: Wi = 2^(17-i) mod 11). */
function check(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
}
/** A real-shaped number: address code, birth date, sequence (odd = 男), and its check character. */
function id(area: string, birth: string, seq: string): string {
  const body = `${area}${birth}${seq}`;
  return body + check(body);
}

const TODAY = '2026-05-01';
const MAN = id('110105', '19800101', '123'); // 17th digit 3: 男
const WOMAN = id('440305', '19920229', '084'); // 17th digit 4: 女, born on a 29 February
const WITH_X = (() => {
  // find a sequence whose check character is X
  for (let s = 100; s < 1000; s++) {
    const v = id('320102', '19751010', String(s));
    if (v.endsWith('X')) return v;
  }
  throw new Error('no X found');
})();

describe('the check character', () => {
  it('agrees with the examples printed in GB 11643-1999', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it.each([MAN, WOMAN, WITH_X])('agrees with an independent computation for %s', (v) => {
    expect(idCheckChar(v.slice(0, 17))).toBe(v[17]);
  });
});

describe('checkIdNumber', () => {
  const wrongCheck = (v: string) => v.slice(0, 17) + (v[17] === '0' ? '1' : '0');
  const cases: [string, string, { birthDate?: string; gender?: string }, RegExp | null][] = [
    ['a man', MAN, {}, null],
    ['a woman born on 29 February', WOMAN, {}, null],
    ['a check character X', WITH_X, {}, null],
    ['lower-case x', WITH_X.toLowerCase(), {}, null],
    ['full-width digits', MAN.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))), {}, null],
    ['spaces inside', `${MAN.slice(0, 6)} ${MAN.slice(6, 14)} ${MAN.slice(14)}`, {}, null],
    ['the GB 11643 example', '11010519491231002X', { birthDate: '1949-12-31', gender: '女' }, null],
    ['matching 出生日期 and 性别', MAN, { birthDate: '1980-01-01', gender: '男' }, null],
    ['a wrong check character', wrongCheck(MAN), {}, /校验位不正确/],
    ['two digits swapped', MAN.slice(0, 14) + MAN[15] + MAN[14] + MAN.slice(16), {}, /校验位不正确/],
    ['an impossible birth date (19810229)', id('110105', '19810229', '123'), {}, /出生日期（19810229）无效/],
    ['month 13', id('110105', '19801301', '123'), {}, /出生日期（19801301）无效/],
    ['a birth date in the future', id('110105', '20300101', '123'), {}, /出生日期（20300101）无效/],
    ['a 15-digit old number', '110105800101123', {}, /15位的旧号码.*18位/],
    ['17 digits', MAN.slice(0, 17), {}, /应为18位，现在是17位/],
    ['19 digits', `${MAN}1`, {}, /应为18位，现在是19位/],
    ['letters', 'ABCDEF198001011234', {}, /只能由数字和末位的X组成/],
    ['X in the middle', `${MAN.slice(0, 10)}X${MAN.slice(11)}`, {}, /只有最后一位可以是X/],
    ['an address code starting with 0', id('010105', '19800101', '123'), {}, /地址码/],
    ['出生日期 disagrees', MAN, { birthDate: '1980-01-02' }, /身份证号中的出生日期（1980-01-01）与出生日期（1980-01-02）不一致/],
    ['性别 disagrees (odd 17th digit)', MAN, { gender: '女' }, /第17位表示性别为男，与性别“女”不一致/],
    ['性别 disagrees (even 17th digit)', WOMAN, { gender: '男' }, /性别为女，与性别“男”不一致/],
    ['empty', '', {}, /请填写身份证号/],
  ];

  it.each(cases)('%s', (_label, value, person, error) => {
    const r = checkIdNumber(value, person, TODAY);
    if (error === null) {
      expect(r.ok, JSON.stringify(r)).toBe(true);
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toMatch(error);
        expect(r.message).toContain('身份证号');
      }
    }
  });

  it('reads the birth date and 性别 from the number and normalises it', () => {
    expect(checkIdNumber(MAN, {}, TODAY)).toEqual({ ok: true, value: MAN, birthDate: '1980-01-01', gender: '男' });
    expect(checkIdNumber(WOMAN, {}, TODAY)).toMatchObject({ birthDate: '1992-02-29', gender: '女' });
    expect(checkIdNumber(` ${WITH_X.toLowerCase()} `, {}, TODAY)).toMatchObject({ ok: true, value: WITH_X });
  });
});

describe('masking', () => {
  it('keeps the first 6 and the last 4 characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(MAN)).toBe(`${MAN.slice(0, 6)}********${MAN.slice(14)}`);
    expect(maskIdNumber('')).toBe('');
    expect(isMaskedIdNumber(maskIdNumber(MAN))).toBe(true);
    expect(isMaskedIdNumber(MAN)).toBe(false);
  });

  it('normalises full-width digits, lower-case x and spaces', () => {
    expect(normaliseIdNumber('１１０１０５ １９４９１２３１００２ｘ')).toBe('11010519491231002X');
  });
});
