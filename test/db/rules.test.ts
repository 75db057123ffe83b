/** The regulation texts (制度): the shipped files agree with BOOK_TREE, and the branch's edits are kept in SQLite. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOOK_TREE } from '../../shared/books/tree.js';
import { AppError } from '../../electron/core/errors.js';
import { listRules, loadShippedTexts, parseShippedText, resetRule, ruleText, updateRule } from '../../electron/core/rules/service.js';
import { openTestCore, rows, useCore } from '../fixtures/core.js';
import { REPO_ROOT, removeDir, useTempDir } from '../fixtures/tmp.js';

const TEXTS = path.join(REPO_ROOT, 'resources', 'texts');
/** Every text id in the order it first appears in the tree. */
const TREE_IDS = [...new Set(BOOK_TREE.flatMap((b) => b.parts.flatMap((p) => p.rules)))];
const hanCount = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;

function expectNotFound(fn: () => unknown) {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('NOT_FOUND');
  expect((caught as AppError).message).toMatch(/制度/);
}

describe('shipped texts', () => {
  const shipped = loadShippedTexts(TEXTS);

  it('the tree names some texts, each once per part', () => {
    expect(TREE_IDS.length).toBeGreaterThan(10);
    for (const part of BOOK_TREE.flatMap((b) => b.parts)) expect(new Set(part.rules).size).toBe(part.rules.length);
  });

  it.each(TREE_IDS)('%s has a file with a title and a body of at least 200 characters', (id) => {
    const file = path.join(TEXTS, `${id}.md`);
    expect(fs.existsSync(file), `${file} is missing`).toBe(true);
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^# \S/);
    const text = shipped.get(id)!;
    expect(text.title.length).toBeGreaterThan(1);
    expect(text.title).not.toBe(id);
    expect(text.body.length).toBeGreaterThanOrEqual(200);
    expect(hanCount(text.body)).toBeGreaterThanOrEqual(300);
    expect(hanCount(text.body)).toBeLessThanOrEqual(1200);
    // numbered articles: 一、 or 第一条
    expect(text.body).toMatch(/^(一、|第一条)/m);
    expect(text.body).not.toMatch(/^# /m);
  });

  it('every file is referenced by the tree', () => {
    const files = fs.readdirSync(TEXTS).filter((n) => n.endsWith('.md')).map((n) => n.slice(0, -3));
    expect(files.filter((id) => !TREE_IDS.includes(id))).toEqual([]);
    expect([...shipped.keys()].sort()).toEqual([...TREE_IDS].sort());
  });

  it('titles are distinct', () => {
    const titles = TREE_IDS.map((id) => shipped.get(id)!.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('no text mentions 打卡 or 积分 (restricted by the 2023 directive against 指尖上的形式主义)', () => {
    for (const [id, t] of shipped) {
      expect(`${t.title}\n${t.body}`, id).not.toMatch(/打卡|积分/);
    }
  });
});

describe('loadShippedTexts', () => {
  const tmp = useTempDir('texts');

  it('takes the title from the first "# " line and trims the rest as the body', () => {
    fs.writeFileSync(path.join(tmp(), 'a.md'), '\uFEFF# 甲制度\r\n\r\n一、第一条。\r\n\r\n二、第二条。\r\n\r\n');
    fs.writeFileSync(path.join(tmp(), 'b.md'), '一、没有标题。\n');
    fs.writeFileSync(path.join(tmp(), 'note.txt'), '# 不是制度');
    const texts = loadShippedTexts(tmp());
    expect([...texts.keys()]).toEqual(['a', 'b']);
    expect(texts.get('a')).toEqual({ title: '甲制度', body: '一、第一条。\n\n二、第二条。' });
    expect(texts.get('b')).toEqual({ title: 'b', body: '一、没有标题。' });
    expect(parseShippedText('x', '#  乙制度  \n正文')).toEqual({ title: '乙制度', body: '正文' });
  });

  it('a missing directory gives no texts', () => {
    expect(loadShippedTexts(path.join(tmp(), 'absent')).size).toBe(0);
  });
});

describe('rules service', () => {
  const h = useCore();
  const db = () => h.core.db;
  const shipped = loadShippedTexts(TEXTS);

  it('lists every text in tree order, unedited', () => {
    const list = listRules(db(), TEXTS);
    expect(list.map((r) => r.id)).toEqual(TREE_IDS);
    for (const r of list) {
      expect(r).toEqual({ id: r.id, title: shipped.get(r.id)!.title, body: shipped.get(r.id)!.body, edited: false });
    }
    expect(list.find((r) => r.id === 'sanhui-yike')!.title).toBe('“三会一课”制度');
  });

  it('an edit replaces the body and is marked edited; a second edit replaces the first', () => {
    const body = '一、本支部党课每月安排1次。\n\n二、其余按上级规定执行。';
    const updated = updateRule(db(), TEXTS, 'lecture-plan', body);
    expect(updated).toEqual({ id: 'lecture-plan', title: shipped.get('lecture-plan')!.title, body, edited: true });

    const list = listRules(db(), TEXTS);
    expect(list.map((r) => r.id)).toEqual(TREE_IDS);
    expect(list.find((r) => r.id === 'lecture-plan')).toEqual(updated);
    expect(list.filter((r) => r.edited).map((r) => r.id)).toEqual(['lecture-plan']);

    updateRule(db(), TEXTS, 'lecture-plan', '一、第二次修改。');
    const stored = rows<{ id: string; body: string; updated_at: string }>(db(), 'SELECT * FROM rule_texts');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: 'lecture-plan', body: '一、第二次修改。' });
    expect(new Date(stored[0]!.updated_at).toISOString()).toBe(stored[0]!.updated_at);
    expect(ruleText(db(), TEXTS, 'lecture-plan').body).toBe('一、第二次修改。');
  });

  it('reset brings back the shipped text', () => {
    updateRule(db(), TEXTS, 'talk-rules', '一、临时修改。');
    const reset = resetRule(db(), TEXTS, 'talk-rules');
    expect(reset).toEqual({ id: 'talk-rules', title: shipped.get('talk-rules')!.title, body: shipped.get('talk-rules')!.body, edited: false });
    expect(rows(db(), 'SELECT * FROM rule_texts')).toEqual([]);
    expect(listRules(db(), TEXTS).every((r) => !r.edited)).toBe(true);
    // resetting an unedited text is harmless
    expect(resetRule(db(), TEXTS, 'talk-rules')).toEqual(reset);
  });

  it('ruleText gives one text as the branch has it', () => {
    expect(ruleText(db(), TEXTS, 'development-procedure')).toMatchObject({ title: '发展党员工作程序', edited: false });
    updateRule(db(), TEXTS, 'development-procedure', '一、本支部的版本。');
    expect(ruleText(db(), TEXTS, 'development-procedure')).toMatchObject({ body: '一、本支部的版本。', edited: true });
  });

  it('an unknown id is NOT_FOUND and writes nothing', () => {
    expectNotFound(() => updateRule(db(), TEXTS, 'no-such-rule', '一、内容。'));
    expectNotFound(() => resetRule(db(), TEXTS, 'no-such-rule'));
    expectNotFound(() => ruleText(db(), TEXTS, 'no-such-rule'));
    // a record-book part id is not a text id
    expectNotFound(() => updateRule(db(), TEXTS, 'sanhui', '一、内容。'));
    expect(rows(db(), 'SELECT * FROM rule_texts')).toEqual([]);
  });
});

describe('rules across restarts', () => {
  const tmp = useTempDir('rules-reopen');

  it('an edit survives closing and reopening the core', () => {
    const dataDir = path.join(tmp(), 'data');
    const body = '一、本支部主题党日固定在每月5日。';
    const first = openTestCore(dataDir);
    try {
      updateRule(first.db, TEXTS, 'theme-day-rules', body);
    } finally {
      first.close();
    }
    const second = openTestCore(dataDir);
    try {
      const list = listRules(second.db, TEXTS);
      expect(list.find((r) => r.id === 'theme-day-rules')).toMatchObject({ body, edited: true });
      expect(list.filter((r) => r.edited)).toHaveLength(1);
      resetRule(second.db, TEXTS, 'theme-day-rules');
    } finally {
      second.close();
    }
    const third = openTestCore(dataDir);
    try {
      expect(ruleText(third.db, TEXTS, 'theme-day-rules')).toMatchObject({ body: loadShippedTexts(TEXTS).get('theme-day-rules')!.body, edited: false });
    } finally {
      third.close();
      removeDir(dataDir);
    }
  });
});
