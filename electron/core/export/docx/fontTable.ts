/**
 * word/fontTable.xml of the Word volumes: every font the runs name, each with
 * the next one to try where it is not installed (w:altName holds one name, so
 * the alternates are declared as fonts too and the chain runs on through
 * them), and what Word needs to substitute well: PANOSE, character set
 * (86 = GB2312), family and pitch, where they are known. The docx library
 * writes an empty font table (its `fonts` option is for embedding font files),
 * so the volume's package gets this one when it is written.
 */
import { FONT } from './style.js';

interface FontEntry {
  name: string;
  altName?: string;
  panose?: string;
  charset?: string;
  family: 'roman' | 'swiss' | 'modern' | 'auto';
  pitch: 'fixed' | 'variable';
}

const GB2312 = '86';

/** The chains: 仿宋_GB2312 → 仿宋 → FangSong → Noto Serif CJK SC; 方正小标宋简体 → 小标宋 → 华文中宋 → SimSun → Noto Serif CJK SC; 黑体 → SimHei → Noto Sans CJK SC. */
export const FONT_ENTRIES: readonly FontEntry[] = [
  { name: FONT.body, altName: '仿宋', panose: '02010609030101010101', charset: GB2312, family: 'modern', pitch: 'fixed' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', charset: GB2312, family: 'modern', pitch: 'fixed' },
  { name: 'FangSong', altName: 'Noto Serif CJK SC', panose: '02010609060101010101', charset: GB2312, family: 'modern', pitch: 'fixed' },
  { name: FONT.title, altName: '小标宋', panose: '02000000000000000000', charset: GB2312, family: 'auto', pitch: 'variable' },
  { name: '小标宋', altName: '华文中宋', charset: GB2312, family: 'auto', pitch: 'variable' },
  { name: '华文中宋', altName: 'SimSun', panose: '02010600040101010101', charset: GB2312, family: 'auto', pitch: 'variable' },
  { name: 'SimSun', altName: 'Noto Serif CJK SC', panose: '02010600030101010101', charset: GB2312, family: 'auto', pitch: 'variable' },
  { name: FONT.heading, altName: 'SimHei', panose: '02010609060101010101', charset: GB2312, family: 'modern', pitch: 'fixed' },
  { name: 'SimHei', altName: 'Noto Sans CJK SC', panose: '02010609060101010101', charset: GB2312, family: 'modern', pitch: 'fixed' },
  { name: 'Noto Serif CJK SC', panose: '02020400000000000000', charset: GB2312, family: 'roman', pitch: 'variable' },
  { name: 'Noto Sans CJK SC', panose: '020B0500000000000000', charset: GB2312, family: 'swiss', pitch: 'variable' },
  { name: FONT.latin, panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
];

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The names are the fixed ones above (no markup in them), so they go in as they are. */
function fontXml(f: FontEntry): string {
  const parts = [
    f.altName && `<w:altName w:val="${f.altName}"/>`,
    f.panose && `<w:panose1 w:val="${f.panose}"/>`,
    f.charset && `<w:charset w:val="${f.charset}"/>`,
    `<w:family w:val="${f.family}"/>`,
    `<w:pitch w:val="${f.pitch}"/>`,
  ];
  return `<w:font w:name="${f.name}">${parts.filter(Boolean).join('')}</w:font>`;
}

export const FONT_TABLE_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="${W_NS}" xmlns:r="${R_NS}">${FONT_ENTRIES.map(fontXml).join('')}</w:fonts>`;
