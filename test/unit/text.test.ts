/**
 * Text hygiene at the boundary (issue 13 point 5): every class of code point through
 * scrubText, scrubInput on the shapes inputs take, and every string field of every
 * method's valid input with each character put in it, through the schema and the dispatch.
 */
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../electron/core/dispatch.js';
import type { Handlers } from '../../electron/core/context.js';
import { contract, METHOD_NAMES } from '../../shared/contract.js';
import { scrubText } from '../../shared/text.js';
import { parseInput, scrubInput } from '../../shared/validation.js';
import { paths, VALID, valueAt, withChange } from '../fixtures/contract-inputs.js';
import { CODE_POINT_CLASSES, ownObject } from '../fixtures/fuzz.js';

const hex = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('scrubText, for every class of code point', () => {
  for (const c of CODE_POINT_CLASSES) {
    it(`${c.label}: ${c.handling}`, () => {
      for (const ch of c.chars) {
        const r = scrubText(`甲${ch}乙`);
        if (c.handling === 'kept') expect(r, hex(ch)).toEqual({ ok: true, value: `甲${ch}乙` });
        else if (c.handling === 'dropped') expect(r, hex(ch)).toEqual({ ok: true, value: '甲乙' });
        else expect(r, hex(ch)).toEqual({ ok: false, message: expect.stringMatching(/^含有不能保存的字符（第2个字：.+ U\+[0-9A-F]{4,6}.*），请删除后再保存$/) });
      }
    });
  }

  it.each<[string, string, RegExp | string]>([
    ['a NUL', '张\u0000三', '含有不能保存的字符（第2个字：空字符 U+0000），请删除后再保存'],
    ['half an emoji', '会议😀\ud83d', '含有不能保存的字符（第4个字：不完整的字符 U+D83D，可能是复制时截断的表情或生僻字），请删除后再保存'],
    ['a byte-swapped byte-order mark', '\ufffe会议', '含有不能保存的字符（第1个字：非文字字符 U+FFFE），请删除后再保存'],
    ['a noncharacter beyond the BMP', '𠀀𠀀\u{10ffff}', '含有不能保存的字符（第3个字：非文字字符 U+10FFFF），请删除后再保存'],
    // the place is counted in characters as the user sees them: the dropped controls before it do not count
    ['after dropped controls', '\u202a\u202a张\u000b三\uffff', '含有不能保存的字符（第3个字：非文字字符 U+FFFF），请删除后再保存'],
  ])('names the place and the character: %s', (_label, text, message) => {
    expect(scrubText(text)).toEqual({ ok: false, message });
  });

  it.each<[string, string, string]>([
    ['a path copied from Windows file properties', '\u202aC:\\备份\\2025', 'C:\\备份\\2025'],
    ['a phone number copied on Android', '\u202a138 0000 0000\u202c', '138 0000 0000'],
    ['Word line and page breaks', '第一行\u000b第二行\u000c', '第一行第二行'],
    ['a file name that reads backwards', '签到表\u202egpj.exe', '签到表gpj.exe'],
    ['text that starts with a byte-order mark', '\ufeff会议纪要', '会议纪要'],
    ['a textarea keeps its lines and tabs', '一、\t学习\r\n二、讨论\n', '一、\t学习\r\n二、讨论\n'],
  ])('drops what arrives with pasted text: %s', (_label, text, kept) => {
    expect(scrubText(text)).toEqual({ ok: true, value: kept });
  });
});

describe('scrubInput', () => {
  it('drops in a copy at any depth, leaves the input alone, and reports each bad string at its path', () => {
    const input = { name: '\u202e张三', data: { rows: [{ a: 'x\u0007' }, { a: 'ok' }], list: ['\ufffe', '乙'] }, n: 1, b: true, z: null };
    const frozen = structuredClone(input);
    const r = scrubInput(input);
    expect(input).toEqual(frozen);
    expect(r.value).toEqual({ name: '张三', data: { rows: [{ a: 'x' }, { a: 'ok' }], list: ['\ufffe', '乙'] }, n: 1, b: true, z: null });
    expect(r.issues).toEqual([{ path: 'data.list.0', message: expect.stringContaining('第1个字：非文字字符 U+FFFE') }]);
    // what did not change is the same object
    expect((r.value as typeof input).data.rows[1]).toBe(input.data.rows[1]);
    expect(scrubInput(frozen).value).not.toBe(frozen);
    const clean = { a: ['b', { c: 'd' }] };
    expect(scrubInput(clean).value).toBe(clean);
  });

  it('keeps own keys own (a __proto__ key stays for the schema to refuse), and other objects as they are', () => {
    const hostile = ownObject([
      ['__proto__', { polluted: '\u202e' }],
      ['name', 'a\u0001'],
    ]);
    const r = scrubInput(hostile).value as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(r)).toEqual(['__proto__', 'name']);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(r.name).toBe('a');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const date = new Date(0);
    const map = new Map([['k', '\u0000']]);
    expect(scrubInput({ date, map }).value).toEqual({ date, map });
  });

  it('survives a cycle, 100 000 levels of nesting and a 27 MB string', () => {
    const cyclic: Record<string, unknown> = { name: '\u202e甲' };
    cyclic.self = cyclic;
    const r = scrubInput(cyclic).value as Record<string, unknown>;
    expect(r.name).toBe('甲');
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(scrubInput(deep).issues).toEqual([]); // the schema refuses the shape long before
    const started = performance.now();
    expect(scrubInput({ base64: 'A'.repeat(27 * 1024 * 1024) }).issues).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

/** Every string field of every method's valid input, by path. */
const STRING_FIELDS = METHOD_NAMES.flatMap((method) =>
  paths(VALID[method])
    .filter((at) => typeof valueAt(VALID[method], at) === 'string')
    .map((at) => ({ method, at, value: valueAt(VALID[method], at) as string })),
);

describe('every string field of every method', () => {
  it('tries the fields of the methods that store text', () => {
    const methods = new Set(STRING_FIELDS.map((f) => f.method));
    for (const m of ['branch.setup', 'people.create', 'records.create', 'records.update', 'attachments.add', 'development.saveStep', 'development.addReview', 'dues.pay', 'rules.update', 'seal.unseal', 'archive.start', 'members.importCommit', 'auth.set'] as const) {
      expect(methods.has(m), m).toBe(true);
    }
    expect(STRING_FIELDS.length).toBeGreaterThan(100);
  });

  const REFUSED = CODE_POINT_CLASSES.filter((c) => c.handling === 'refused').flatMap((c) => c.chars);
  const DROPPED = CODE_POINT_CLASSES.filter((c) => c.handling === 'dropped').flatMap((c) => c.chars);

  it(`refuses each of the ${REFUSED.length} refused characters at the field, before any handler runs`, async () => {
    let ran = 0;
    const handlers = new Proxy({}, { get: () => () => ran++ }) as Handlers;
    const dispatch = createDispatch(handlers);
    for (const { method, at, value } of STRING_FIELDS) {
      for (const ch of REFUSED) {
        const r = await dispatch(method, withChange(VALID[method], at, (p, k) => (p[k] = `${value}${ch}`)));
        const where = `${method} ${at.join('.')} ${hex(ch)}`;
        expect(r.ok, where).toBe(false);
        if (r.ok) continue;
        expect(r.error.code, where).toBe('VALIDATION');
        expect(r.error.fields, where).toEqual([{ path: at.join('.'), message: expect.stringContaining(`（第${Array.from(value).length + 1}个字：`) }]);
        expect(r.error.message, where).toMatch(/^输入有误：(.+：)?含有不能保存的字符/);
      }
    }
    expect(ran).toBe(0);
  });

  it(`parses the same with or without each of the ${DROPPED.length} dropped characters`, () => {
    for (const { method, at, value } of STRING_FIELDS) {
      const schema = contract[method].input;
      const without = parseInput(schema, VALID[method]);
      expect(without.success, method).toBe(true);
      for (const ch of DROPPED) {
        const mid = Math.floor(value.length / 2);
        const input = withChange(VALID[method], at, (p, k) => (p[k] = `${ch}${value.slice(0, mid)}${ch}${value.slice(mid)}${ch}`));
        expect(parseInput(schema, input), `${method} ${at.join('.')} ${hex(ch)}`).toEqual(without);
      }
    }
  });

  it('names a record field by its label in the message', async () => {
    const dispatch = createDispatch({} as Handlers);
    const input = withChange(VALID['records.create'], ['data', 'location'], (p, k) => (p[k] = '二楼\uffff'));
    expect(await dispatch('records.create', input)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '输入有误：地点：含有不能保存的字符（第3个字：非文字字符 U+FFFF），请删除后再保存' },
    });
  });
});
