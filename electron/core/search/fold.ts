/**
 * Text folding and tokenising for the search index.
 *
 * `fold` maps text to the form both the index and the query are compared in:
 * traditional → simplified, lower case, full-width ASCII → half-width, accents
 * removed. It works one character at a time and only ever replaces a UTF-16
 * code unit sequence by one of the same length, so an offset into the folded
 * text is the same offset into the original (the snippet marks rely on this).
 *
 * Converting character by character, rather than with OpenCC's phrase tables,
 * is deliberate: the fold of a substring must be the substring of the fold, or
 * a short query would fold differently from the same characters inside a
 * longer word of the indexed text (乾 alone → 干, but 乾隆 → 乾隆 by phrase).
 * Linguistic accuracy does not matter here, consistency does: nobody sees the
 * folded text.
 *
 * `tokens` emits one token per letter or digit, separated by spaces, so that an
 * FTS5 phrase of the query's characters finds any substring of any length.
 */
import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;

let converters: Convert[] | undefined;

/** Hong Kong and Taiwan standards to mainland simplified: HK first, TW for the variants HK leaves alone (衞, 著). */
function openccConverters(): Convert[] {
  converters ??= [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
  return converters;
}

const DIACRITICS = /\p{M}/gu;
const TOKEN_CHAR = /^[\p{L}\p{N}\p{Co}]$/u;

/** folded form of one code point (same UTF-16 length), or '' when it is not a token character */
interface Folded {
  ch: string;
  token: boolean;
}

const cache = new Map<string, Folded>();

function sameLength(candidate: string, original: string): string {
  return candidate.length === original.length ? candidate : original;
}

function foldCodePoint(ch: string): Folded {
  const hit = cache.get(ch);
  if (hit) return hit;
  let out = ch;
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xff01 && cp <= 0xff5e) out = String.fromCharCode(cp - 0xfee0);
  else if (cp === 0x3000) out = ' ';
  else if (cp >= 0x2e80) {
    for (const convert of openccConverters()) {
      const converted = sameLength(convert(out), out);
      if (converted !== out) {
        out = converted;
        break;
      }
    }
  }
  // accents off before lower case: İ → I → i (İ.toLowerCase() would be two code units)
  out = sameLength(out.normalize('NFD').replace(DIACRITICS, ''), out);
  out = sameLength(out.toLowerCase(), out);
  const folded = { ch: out, token: TOKEN_CHAR.test(out) };
  cache.set(ch, folded);
  return folded;
}

const ASCII_FOLD: Folded[] = Array.from({ length: 128 }, (_, i) => {
  const ch = String.fromCharCode(i).toLowerCase();
  return { ch, token: /[a-z0-9]/.test(ch) };
});

function foldOne(ch: string): Folded {
  const c = ch.charCodeAt(0);
  return c < 128 ? ASCII_FOLD[c]! : foldCodePoint(ch);
}

/**
 * Traditional → simplified, lower case, full-width → half-width, accents off.
 * `fold(s).length === s.length` always (characters whose fold would change the
 * length are kept as they are).
 */
export function fold(text: string): string {
  let out = '';
  for (const ch of text) out += foldOne(ch).ch;
  return out;
}

/** The token characters of `text`, folded, one string per code point. */
export function tokenList(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const f = foldOne(ch);
    if (f.token) out.push(f.ch);
  }
  return out;
}

/**
 * Folded text as FTS5 input: one token per letter or digit, separated by
 * spaces; whitespace, punctuation, symbols and emoji are dropped, so the
 * result never contains a quote, an asterisk or any other FTS5 syntax.
 */
export function tokens(text: string): string {
  return tokenList(text).join(' ');
}

/**
 * The folded text's token characters with, for each UTF-16 unit of `chars`,
 * the span of the original text it came from. Used to find a term in the
 * original text the same way FTS5 finds it (punctuation and spaces between
 * the characters of a term are skipped, as they are in the index).
 */
export function tokenMap(text: string): { chars: string; start: number[]; end: number[] } {
  let chars = '';
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  for (const ch of text) {
    const f = foldOne(ch);
    if (f.token) {
      chars += f.ch;
      for (let i = 0; i < f.ch.length; i++) {
        start.push(offset);
        end.push(offset + ch.length);
      }
    }
    offset += ch.length;
  }
  return { chars, start, end };
}

/**
 * A query split on whitespace into terms, each term its folded token
 * characters; terms without any letter or digit are dropped.
 */
export function queryTerms(text: string): string[][] {
  return text
    .split(/[\s\u3000]+/u)
    .map(tokenList)
    .filter((t) => t.length > 0);
}
