/** What people type, made plain: the normalisers every parser of typed or imported text starts from. */

/** Full-width letters, digits and punctuation to half-width; ideographic space to space. */
export const halfWidth = (s: string) => s.normalize('NFKC');

/** Trimmed, inner runs of spaces as one. */
export function cleanText(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** A value read from text, or the reason it cannot be, in Chinese. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

// ---------- what no text of the ledger keeps ----------
//
// Every string of every API call passes through scrubText at the boundary
// (shared/validation.ts scrubInput, run by electron/core/dispatch.ts before the
// schema). Two classes, decided by what their presence means:
//
// - Dropped: invisible controls that arrive with pasted text and show nothing
//   (C0 controls but tab, line feed and carriage return; DEL and C1; the byte-order
//   mark; the bidirectional marks, embeddings, overrides and isolates). Windows puts
//   U+202A in front of a path copied from a file's properties, Android wraps phone
//   numbers in U+202A…U+202C, Word's line breaks are U+000B; an override (U+202E)
//   makes a name read other than it is stored (“签到表‮gpj.exe”). Dropping them
//   changes nothing a reader sees, and the text then reads in its stored order everywhere.
// - Refused, naming the character's place: NUL, lone surrogates and the 66
//   noncharacters. None of them comes from typing: a lone surrogate is half of a
//   character (an emoji or a rare 汉字 cut in two) that SQLite would store as U+FFFD,
//   U+FFFE is a byte-swapped byte-order mark (text decoded the wrong way round), NUL
//   is binary data or a truncation trick (“a.txt\0.png”). The text is damaged, and
//   the user should see where instead of losing part of it silently.

// The classes as regexp source, shared by scrubText and xmlSafe.
/** C0 controls but NUL, tab, line feed and carriage return: dropped at the boundary, and no XML 1.0 character either. */
const C0 = '\\u0001-\\u0008\\u000b\\u000c\\u000e-\\u001f';
/** Everything scrubText drops: those, DEL and C1, the Arabic letter mark, the bidi marks, embeddings, overrides and isolates, the BOM. */
const INVISIBLE = `${C0}\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\ufeff`;
/** NUL and a lone surrogate (with the `u` flag a pair is one code point, outside the range). */
const BROKEN = '\\u0000\\ud800-\\udfff';

/** The invisible controls scrubText drops (see above). */
const DROPPED = new RegExp(`[${INVISIBLE}]`, 'gu');
/** What scrubText refuses: NUL, a lone surrogate, a noncharacter. */
const REFUSED = new RegExp(`[${BROKEN}\\p{Noncharacter_Code_Point}]`, 'u');
/** Either class: the one test of the common case, a string with neither. */
const UNCLEAN = new RegExp(`[${INVISIBLE}${BROKEN}\\p{Noncharacter_Code_Point}]`, 'u');

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

function refusedName(c: number): string {
  if (c === 0) return `空字符 ${hex(c)}`;
  if (c >= 0xd800 && c <= 0xdfff) return `不完整的字符 ${hex(c)}，可能是复制时截断的表情或生僻字`;
  return `非文字字符 ${hex(c)}`;
}

/**
 * A string as the ledger keeps it: the invisible controls dropped, or the reason it
 * cannot be kept, naming the first refused character by its place (counted in
 * characters, as the user sees them, after the dropped ones are gone).
 */
export function scrubText(s: string): Parsed<string> {
  if (!UNCLEAN.test(s)) return ok(s);
  const kept = s.replace(DROPPED, '');
  const bad = REFUSED.exec(kept);
  if (!bad) return ok(kept);
  const place = Array.from(kept.slice(0, bad.index)).length + 1;
  return fail(`含有不能保存的字符（第${place}个字：${refusedName(bad[0].codePointAt(0)!)}），请删除后再保存`);
}

/** What scrubText would drop from `s`, for sanitisers that go further (a file name). */
export const dropInvisible = (s: string) => s.replace(DROPPED, '');

// ---------- text going into a file ----------

/** Everything scrubText drops or refuses, to drop wherever it is found. */
const UNCLEAN_ALL = new RegExp(UNCLEAN.source, 'gu');

/**
 * Text as every writer of a file puts it (Word runs, workbook cells, the print
 * HTML): whatever scrubText would drop or refuse is dropped, so no export is
 * ill-formed whatever an old database holds (text stored before the boundary
 * scrubbed it). That covers every character XML 1.0 cannot hold (outside its Char
 * production #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]:
 * NUL, the other C0 controls, lone surrogates, U+FFFE and U+FFFF), and the rest of
 * the noncharacters and the invisible controls, which are no text: a name reads in
 * a file as the ledger would now keep it.
 */
export const xmlSafe = (s: string): string => (UNCLEAN.test(s) ? s.replace(UNCLEAN_ALL, '') : s);
