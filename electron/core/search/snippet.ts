/**
 * Snippets: a short piece of the original text around the first match, with
 * every occurrence of every query term marked.
 *
 * Matching is done the way the index matches: on the folded token characters
 * (punctuation and spaces skipped), then mapped back to offsets in the
 * original text, which `fold` keeps 1:1.
 */
import { tokenMap } from './fold.js';

export type Span = [number, number];

export interface Snippet {
  text: string;
  marks: Span[];
}

/** Characters of the original text in a snippet (not counting the ellipses). */
export const SNIPPET_LENGTH = 60;
/** At most this many characters before the first match. */
const LEAD = 20;
const SENTENCE_END = /[。！？；!?;\n]/u;
const ELLIPSIS = '…';

/** [start, end) spans of `text` where each term (folded token characters) occurs. */
export function findTerms(text: string, terms: readonly string[]): Span[] {
  const { chars, start, end } = tokenMap(text);
  const spans: Span[] = [];
  for (const term of terms) {
    if (!term) continue;
    for (let at = chars.indexOf(term); at >= 0; at = chars.indexOf(term, at + 1)) {
      spans.push([start[at]!, end[at + term.length - 1]!]);
    }
  }
  return mergeSpans(spans);
}

/** Sorted, with overlapping or touching spans joined. */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Up to SNIPPET_LENGTH characters of `text` around the first of `spans`
 * (from the start of its sentence when that is near), with the spans that fall
 * inside re-based onto the snippet. Line breaks become spaces; an ellipsis
 * shows where the text was cut. Without spans: the start of the text, unmarked.
 */
export function cut(text: string, spans: readonly Span[]): Snippet {
  const len = text.length;
  let from = 0;
  const firstSpan = spans[0];
  if (firstSpan) {
    const first = firstSpan[0];
    from = Math.max(0, first - LEAD);
    // start at the beginning of the sentence when there is one within the lead
    for (let i = first - 1; i >= from; i--) {
      if (SENTENCE_END.test(text[i]!)) {
        from = i + 1;
        break;
      }
    }
  }
  let to = Math.min(len, from + SNIPPET_LENGTH);
  if (to === len) from = Math.max(0, Math.min(from, len - SNIPPET_LENGTH));
  // never cut a surrogate pair in half
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from++;
  if (to < len && to > from && isHighSurrogate(text.charCodeAt(to - 1))) to--;
  // skip leading whitespace that a sentence start would leave
  while (from < to && /\s/u.test(text[from]!)) from++;

  const head = from > 0 ? ELLIPSIS : '';
  const tail = to < len ? ELLIPSIS : '';
  const shift = head.length - from;
  const marks: Span[] = [];
  for (const [s, e] of spans) {
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (a < b) marks.push([a + shift, b + shift]);
  }
  return { text: head + text.slice(from, to).replace(/[\r\n\t]/g, ' ') + tail, marks };
}

/** The snippet of `text` for `terms`, or undefined when no term occurs in it. */
export function snippetOf(text: string, terms: readonly string[]): Snippet | undefined {
  const spans = findTerms(text, terms);
  return spans.length > 0 ? cut(text, spans) : undefined;
}
