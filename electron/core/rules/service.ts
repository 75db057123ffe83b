/**
 * The regulation texts (制度) printed at the front of each part of the 四本一档
 * (DOMAIN.md §1). The app ships one Markdown file per text id named in
 * BOOK_TREE's `rules` arrays (resources/texts/<id>.md: a `# 标题` line, then the
 * body); table `rule_texts` holds only the branch's own edits of the body.
 *
 * When adding a text: name its id in shared/books/tree.ts and add the file;
 * test/db/rules.test.ts checks that the two agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RuleText } from '../../../shared/methods/rules.js';
import { BOOK_TREE } from '../../../shared/books/tree.js';
import { AppError } from '../errors.js';
import { all, first, now, q, run, type Db } from '../db/sql.js';

export interface ShippedText {
  title: string;
  body: string;
}

/** Every text id the tree names, in the order it first appears. */
export const RULE_IDS: readonly string[] = [...new Set(BOOK_TREE.flatMap((b) => b.parts.flatMap((p) => p.rules)))];

const cache = new Map<string, Map<string, ShippedText>>();

/** Parse one shipped file: the title from the first `# ` line, the body is everything after it, trimmed. */
export function parseShippedText(id: string, source: string): ShippedText {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const at = lines.findIndex((l) => /^#\s+\S/.test(l));
  if (at < 0) return { title: id, body: source.trim() };
  return { title: lines[at]!.replace(/^#\s+/, '').trim(), body: lines.slice(at + 1).join('\n').trim() };
}

/** The shipped texts in `dir` by id (file name without `.md`); read once per dir. A missing dir gives none. */
export function loadShippedTexts(dir: string): Map<string, ShippedText> {
  const key = path.resolve(dir);
  const cached = cache.get(key);
  if (cached) return cached;
  const texts = new Map<string, ShippedText>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(key).filter((n) => n.endsWith('.md')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  for (const name of names) {
    const id = name.slice(0, -'.md'.length);
    texts.set(id, parseShippedText(id, fs.readFileSync(path.join(key, name), 'utf8')));
  }
  cache.set(key, texts);
  return texts;
}

function assertKnown(id: string): void {
  if (!RULE_IDS.includes(id)) throw new AppError('NOT_FOUND', `制度“${id}”不存在`);
}

function merge(id: string, shipped: ShippedText | undefined, override: string | undefined): RuleText {
  return {
    id,
    title: shipped?.title ?? id,
    body: override ?? shipped?.body ?? '',
    edited: override !== undefined,
  };
}

/** All texts in tree order, each with the branch's edit if it has one. */
export function listRules(db: Db, dir: string): RuleText[] {
  const shipped = loadShippedTexts(dir);
  const overrides = new Map(all(db, q.selectFrom('rule_texts').select(['id', 'body'])).map((r) => [r.id, r.body]));
  return RULE_IDS.map((id) => merge(id, shipped.get(id), overrides.get(id)));
}

/** One text as the branch has it (for printing at the front of a part). */
export function ruleText(db: Db, dir: string, id: string): RuleText {
  assertKnown(id);
  const row = first(db, q.selectFrom('rule_texts').select('body').where('id', '=', id));
  return merge(id, loadShippedTexts(dir).get(id), row?.body);
}

/** Store the branch's own wording of a text (replacing an earlier edit). */
export function updateRule(db: Db, dir: string, id: string, body: string): RuleText {
  assertKnown(id);
  const t = now();
  run(
    db,
    q
      .insertInto('rule_texts')
      .values({ id, body, updated_at: t })
      .onConflict((oc) => oc.column('id').doUpdateSet({ body, updated_at: t })),
  );
  return ruleText(db, dir, id);
}

/** Go back to the shipped text. */
export function resetRule(db: Db, dir: string, id: string): RuleText {
  assertKnown(id);
  run(db, q.deleteFrom('rule_texts').where('id', '=', id));
  return ruleText(db, dir, id);
}
