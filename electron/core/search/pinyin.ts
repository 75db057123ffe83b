/**
 * Pinyin of people's names for the search index and the person pickers:
 * "zhangsan" and "zs" find 张三.
 *
 * A name is spelled several ways (surname readings such as 曾 zeng and 单 shan
 * come from pinyin-pro's surname mode, the everyday readings from its default
 * mode, and ü also as v: lv for 吕). Each spelling is kept as a list of
 * syllables, one per character of the name, so that a match on the pinyin can
 * be shown as a mark on the name's characters.
 */
import { pinyin } from 'pinyin-pro';
import { tokenList } from './fold.js';

/** One spelling of a name: per character of the name, the folded letters standing for it. */
export type Spelling = string[];

function syllables(name: string, opts: { surname: boolean; first: boolean; v: boolean }): Spelling | undefined {
  const chars = [...name];
  const out = pinyin(name, {
    toneType: 'none',
    type: 'array',
    pattern: opts.first ? 'first' : 'pinyin',
    surname: opts.surname ? 'head' : 'off',
    v: opts.v,
  });
  // pinyin-pro returns one item per character; anything else and we cannot map marks back
  if (out.length !== chars.length) return undefined;
  return out.map((s) => tokenList(s).join(''));
}

const cache = new Map<string, Spelling[]>();
const CACHE_SIZE = 5000;

/** The distinct spellings of a name: full pinyin and initials, surname and default readings, ü as u and as v. */
export function spellings(name: string): Spelling[] {
  let hit = cache.get(name);
  if (!hit) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    hit = computeSpellings(name);
    cache.set(name, hit);
  }
  return hit;
}

function computeSpellings(name: string): Spelling[] {
  const seen = new Map<string, Spelling>();
  for (const surname of [true, false]) {
    for (const first of [false, true]) {
      for (const v of first ? [false] : [false, true]) {
        const s = syllables(name, { surname, first, v });
        if (!s) continue;
        const key = s.join('');
        // a spelling that is just the name itself (no Chinese in it) adds nothing
        if (key === '' || key === tokenList(name).join('') || seen.has(key)) continue;
        seen.set(key, s);
      }
    }
  }
  return [...seen.values()];
}

/**
 * A token that never comes out of `tokens()` (which emits single characters),
 * put between the name and each spelling so that a phrase cannot run from one
 * into the next ("zs" must not match the end of "...zhang" + the start of "san...").
 */
export const SEPARATOR = 'qq0qq';

/** What a name is found by: its own characters, folded, and each spelling in full (张三 → 张三, zhangsan, zs). */
export function nameKeys(name: string): string[] {
  return [tokenList(name).join(''), ...spellings(name).map((s) => s.join(''))].filter(Boolean);
}

/** Title column of a person: the name's keys, one token per character, separated. */
export function personTitleTokens(name: string): string {
  return nameKeys(name)
    .map((k) => [...k].join(' '))
    .join(` ${SEPARATOR} `);
}

/** The name's keys back from its title column (the inverse of personTitleTokens). */
export function titleKeys(title: string): string[] {
  return title.split(` ${SEPARATOR} `).map((k) => k.replaceAll(' ', ''));
}

/**
 * How well a query (its terms joined) finds a name that matched it, from the
 * name's keys: 0 the name or a spelling exactly, 1 one that begins with it,
 * 2 otherwise (张 → 张三 1, 小张 2; zs → 张三 0; zhangs → 张三 1).
 */
export function nameRank(keys: readonly string[], query: string): 0 | 1 | 2 {
  if (keys.includes(query)) return 0;
  return keys.some((k) => k.startsWith(query)) ? 1 : 2;
}

/**
 * Spans [start, end) of the name's characters matched by `term` through one of
 * its spellings (e.g. "zs" or "zhangs" → 张三, "san" → 三). Used to mark the
 * name in a person's snippet when the query was pinyin.
 */
export function pinyinMarks(name: string, term: string): [number, number][] {
  const chars = [...name];
  // UTF-16 offset of each character of the name
  const offsets: number[] = [];
  let o = 0;
  for (const c of chars) {
    offsets.push(o);
    o += c.length;
  }
  offsets.push(o);
  const out: [number, number][] = [];
  for (const s of spellings(name)) {
    const joined = s.join('');
    // which character each letter of the spelling belongs to
    const owner: number[] = [];
    s.forEach((syl, i) => {
      for (let k = 0; k < syl.length; k++) owner.push(i);
    });
    for (let at = joined.indexOf(term); at >= 0 && term.length > 0; at = joined.indexOf(term, at + 1)) {
      const a = owner[at]!;
      const b = owner[at + term.length - 1]!;
      out.push([offsets[a]!, offsets[b + 1]!]);
    }
  }
  return out;
}

/** Whether the query (terms joined) is the name, or one of its spellings in full. */
export function isExactName(name: string, query: string): boolean {
  return nameRank(nameKeys(name), query) === 0;
}
