/**
 * File and folder names made from user text: the one sanitizer of every name
 * the app writes or offers to save that holds a branch's name, a record's
 * title, an attachment's name (the backup file, the archive folder on the U盘,
 * the Word volumes, the workbooks, a record's Word file, a download's name).
 *
 * What Windows refuses in a name (Microsoft, "Naming Files, Paths, and
 * Namespaces"), and FAT32 and exFAT on a U盘 with it:
 *  - \ / : * ? " < > | and the controls U+0000–U+001F: left out;
 *  - a name ending in a dot or a space (Explorer drops them, and the file then
 *    cannot be opened by the name it was written with): trimmed, a leading dot
 *    or space too (a hidden file on macOS and Linux, which a user never finds);
 *  - the device names CON PRN AUX NUL COM0–COM9 LPT0–LPT9 (with COM¹²³, LPT¹²³,
 *    CONIN$, CONOUT$), in any case, alone or before an extension (CON.txt,
 *    nul.tar.gz, "con .docx"): given a leading _ (_CON.txt);
 *  - more than 255 UTF-16 units in one component.
 * And what no name should hold though NTFS takes it: DEL and the C1 controls,
 * lone surrogates, noncharacters, the bidirectional controls (U+202E makes
 * “签到表‮gpj.exe” read as “签到表exe.jpg”), the BOM and the other invisible
 * format characters (U+200B …): dropped; a tab, a line break or a run of spaces
 * becomes one space. The joiners U+200C/U+200D and the tag characters, which
 * emoji sequences are made of, are kept.
 *
 * Lengths, cut between whole characters (never half an emoji or a 汉字 of CJK
 * ext-B, nor inside an emoji sequence):
 *  - a whole name: at most NAME_MAX = 150 UTF-16 units (what Windows counts)
 *    and NAME_MAX_BYTES = 200 bytes of UTF-8 (what Linux's ext4 counts: 255
 *    bytes, 85 汉字), the extension kept. Under both component limits of 255
 *    even with what is put around a name (the hidden temporary
 *    `.<name>.part-1a2b3c4d`, a （2） suffix: 24 bytes), and it leaves 110 units
 *    of Windows's 260 (MAX_PATH, which Explorer, Word and the copy tools still
 *    obey without long-path support; Excel opens nothing whose full path is
 *    over 218) to the folder it is saved in;
 *  - user text in a name: NAME_PART_MAX = 50 UTF-16 units by default, so that
 *    a 支部's full name of 40 characters stays whole and the whole name stays
 *    short: E:\ + <支部名称>-2025年度归档（2） + \ + 2025年度_党支部综合记录（定期30年）_第12卷.docx
 *    is under 100 units; a record's title takes up to RECORD_TITLE_MAX = 60.
 *
 * Pure: used by the core and by the renderer's download.
 */
import { xmlSafe } from './text.js';

/** The longest whole name made, in UTF-16 units (see above). */
export const NAME_MAX = 150;
/** The longest whole name made, in bytes of UTF-8 (see above). */
export const NAME_MAX_BYTES = 200;
/** The longest piece of user text (a branch's name) in a name, in UTF-16 units, by default. */
export const NAME_PART_MAX = 50;
/** The longest record title in the name of its Word file, in UTF-16 units. */
export const RECORD_TITLE_MAX = 60;

/** What Windows, FAT32 and exFAT refuse in a name besides the controls (xmlSafe drops those but tab and line breaks, WHITESPACE makes these a space). */
const FORBIDDEN = /[\\/:*?"<>|]/g;
/** Invisible format characters (Cf) but the joiners and the tag characters, which emoji sequences are made of. */
const FORMAT = /(?![\u200c\u200d\u{e0020}-\u{e007f}])\p{Cf}/gu;
const WHITESPACE = /\s+/gu;
/** Dots and spaces at either end. */
const ENDS = /^[. ]+|[. ]+$/g;
/** A device name, alone or before an extension, spaces before the dot included (what Windows takes for the device). */
const DEVICE = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$) *(?:\.|$)/i;
/** An extension kept whole when a long name is cut: a dot and up to 10 letters or digits at the end. */
const EXTENSION = /\.[A-Za-z0-9]{1,10}$/;

/** The characters that make no part of a name dropped, the forbidden left out, whitespace as one space. */
function clean(text: string): string {
  return xmlSafe(text).replace(FORMAT, '').replace(FORBIDDEN, '').replace(WHITESPACE, ' ');
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'grapheme' }) : null;

/** The bytes of `s` in UTF-8 (a lone surrogate as the 3 bytes of U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const p = c.codePointAt(0)!;
    n += p < 0x80 ? 1 : p < 0x800 ? 2 : p < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * The longest start of `s` of at most `max` UTF-16 units and `maxBytes` bytes
 * of UTF-8 that ends between two characters as the reader sees them.
 */
export function cutUnits(s: string, max: number, maxBytes = Infinity): string {
  if (s.length <= max && (maxBytes === Infinity || utf8Length(s) <= maxBytes)) return s;
  const pieces = segmenter ? Array.from(segmenter.segment(s), (x) => x.segment) : Array.from(s);
  let out = '';
  let bytes = 0;
  for (const p of pieces) {
    const b = utf8Length(p);
    if (out.length + p.length > max || bytes + b > maxBytes) break;
    out += p;
    bytes += b;
  }
  return out;
}

const trimEnds = (s: string) => s.replace(ENDS, '');

/**
 * User text as a part of a file or folder name (the branch's name in the
 * backup file's name): what a name cannot hold left out, trimmed of spaces and
 * dots, at most `max` UTF-16 units and `maxBytes` of UTF-8, `fallback` when
 * nothing is left. A part: the whole name it goes into passes safeFileName
 * (fileNameWith does both).
 */
export function safeNamePart(text: string, fallback: string, max = NAME_PART_MAX, maxBytes = Infinity): string {
  return trimEnds(cutUnits(trimEnds(clean(text)), max, maxBytes)) || fallback;
}

/** What fileNameWith puts around the user text, and how much of it there may be. */
export interface NameAround {
  /** Taken when nothing of the user text is left: safe, and short. */
  fallback: string;
  /** The most UTF-16 units of user text (NAME_PART_MAX by default). */
  max?: number;
  /** Units (and bytes: ASCII) kept for what the caller appends to the name later: `.docx` after a volume's stem. */
  room?: number;
}

/**
 * The name `before` + user text + `after` (fixed text of the app's own:
 * 支部四本一档备份-, -20261121-103000.ledgerbak) as one name that every file
 * system takes: the user text made a safe part and, when the whole would be
 * too long, cut, never the fixed text (the backup file's time stays whole).
 */
export function fileNameWith(before: string, text: string, after: string, o: NameAround): string {
  const room = o.room ?? 0;
  // one unit more for the _ before a device name
  const fixed = before.length + after.length + room + 1;
  const fixedBytes = utf8Length(before) + utf8Length(after) + room + 1;
  const part = safeNamePart(text, o.fallback, Math.min(o.max ?? NAME_PART_MAX, NAME_MAX - fixed), NAME_MAX_BYTES - fixedBytes);
  return safeFileName(`${before}${part}${after}`, `${before}${o.fallback}${after}`, room);
}

/**
 * A whole file or folder name that Windows, FAT32, exFAT, macOS and Linux all
 * take, as near to `name` as can be: what a name cannot hold left out, no dot
 * or space at either end, a device name prefixed with _, at most NAME_MAX
 * UTF-16 units and NAME_MAX_BYTES of UTF-8 (the end of the stem cut, the
 * extension kept), less `room`, which the caller keeps for an ASCII ending of
 * its own (`.docx` after a volume's stem); `fallback` (a safe name the caller
 * chose) when nothing is left.
 */
export function safeFileName(name: string, fallback: string, room = 0): string {
  let out = trimEnds(clean(name)) || fallback;
  if (DEVICE.test(out)) out = `_${out}`;
  const max = NAME_MAX - room;
  const maxBytes = NAME_MAX_BYTES - room;
  if (out.length <= max && utf8Length(out) <= maxBytes) return out;
  const ext = EXTENSION.exec(out)?.[0] ?? '';
  const stem = trimEnds(cutUnits(out.slice(0, out.length - ext.length), max - ext.length, maxBytes - ext.length));
  return stem ? stem + ext : fallback;
}
