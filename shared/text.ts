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
