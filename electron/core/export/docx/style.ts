/**
 * The GB/T 9704-2012 look used for every printed page: A4, 仿宋 三号 body,
 * 小标宋 title, 黑体 headings, 28.95 pt exact lines (22 lines a page),
 * margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
 * Word on Windows has the official font names; LibreOffice on Linux falls back
 * to Noto CJK through fontconfig.
 */
import { convertMillimetersToTwip, DocumentGridType, LineRuleType } from 'docx';
import { CATALOGUE_TYPE } from '../../../../shared/archive/volume.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const FONT = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading: '黑体',
  latin: 'Times New Roman',
} as const;

/** Font sizes in half-points, as docx wants them. */
export const SIZE = {
  /** 二号 */
  title: 44,
  /** 三号 */
  body: 32,
  /** 四号 */
  small: 28,
  /** 小四 */
  table: 24,
  /** 五号 */
  caption: 21,
  /** 小五: the 卷内文件目录, so that a row takes one or two lines (half-points of CATALOGUE_TYPE.size) */
  catalogue: CATALOGUE_TYPE.size * 2,
} as const;

export const font = (eastAsia: string) => ({ ascii: FONT.latin, hAnsi: FONT.latin, cs: FONT.latin, eastAsia });

/** 28.95 pt exact: 22 lines on the type area. */
export const LINE = { line: 579, lineRule: LineRuleType.EXACT } as const;

export const A4_PAGE = {
  // A4 exactly as Word writes it; convertMillimetersToTwip floors 210 × 297 mm to 11905 × 16837,
  // which Word and LibreOffice then show as a custom paper size instead of A4.
  size: { width: 11906, height: 16838 },
  margin: {
    top: convertMillimetersToTwip(37),
    bottom: convertMillimetersToTwip(35),
    left: convertMillimetersToTwip(28),
    right: convertMillimetersToTwip(26),
    header: convertMillimetersToTwip(15),
    footer: convertMillimetersToTwip(20),
  },
} as const;

/** Width of the type area in twips (210 - 28 - 26 = 156 mm). */
export const TEXT_WIDTH = convertMillimetersToTwip(156);

/**
 * The GB/T 9704 grid: 22 lines of 28 characters on the type area. Lines at the
 * exact 28.95 pt of LINE; characters at 156 mm / 28 = 15.79 pt, which Word
 * gives as the difference from the 三号 (16 pt) body size in 1/4096 pt.
 */
export const DOC_GRID = {
  type: DocumentGridType.LINES_AND_CHARS,
  linePitch: LINE.line,
  charSpace: Math.round(((TEXT_WIDTH / 20 / 28) - SIZE.body / 2) * 4096),
} as const;
