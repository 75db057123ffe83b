/**
 * shared/filenames.ts: the one sanitizer of every name made from user text.
 * The sites that use it (backup file, archive folder, workbooks, Word files)
 * are tested with the same hostile names in test/db/filenames.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutUnits, fileNameWith, NAME_MAX, NAME_MAX_BYTES, NAME_PART_MAX, safeFileName, safeNamePart, utf8Length } from '../../shared/filenames.js';
import { HOSTILE_NAMES, windowsNameProblem } from '../fixtures/filenames.js';
import { useTempDir } from '../fixtures/tmp.js';

describe('the oracle', () => {
  it.each([
    ['CON', 'a reserved device name'],
    ['con.txt', 'a reserved device name'],
    ['NUL .tar.gz', 'a reserved device name'],
    ['COM¹', 'a reserved device name'],
    ['a:b', 'forbidden character U+003a'],
    ['支部.', 'ends with a dot or a space'],
    ['支部 ', 'ends with a dot or a space'],
    ['x'.repeat(256), '256 UTF-16 units (over 255)'],
    ['\ud842', 'a lone surrogate'],
    ['a\u202eb', 'an invisible control'],
  ])('refuses %j', (name, why) => {
    expect(windowsNameProblem(name)).toBe(why);
  });
  it.each(['CONSOLE.txt', 'COM10', '_CON', 'CON_2024年台账.xlsx', '中共某某党支部-2025年度归档', '.gitignore'])('takes %j', (name) => {
    expect(windowsNameProblem(name)).toBeNull();
  });
});

describe('safeNamePart', () => {
  it.each([
    ['中共某某党支部', '中共某某党支部'],
    ['中共A\\B/C:D*E?F"G<H>I|J党支部', '中共ABCDEFGHIJ党支部'],
    ['  第一\t支部\n 委员会 ', '第一 支部 委员会'],
    ['a:b*c?', 'abc'],
    ['支部.', '支部'],
    ['..支部..', '支部'],
    ['第一支部<测试>|"x"', '第一支部测试x'],
    [':/\\*?', '党支部'],
    ['  ', '党支部'],
    ['', '党支部'],
    ['签到表\u202egpj.exe', '签到表gpj.exe'],
    ['第一\u0000支部', '第一支部'],
    ['\ufeff第一\u200b支部\u2060', '第一支部'],
    ['\ud842孤立', '孤立'],
    ['中共😀支部🇨🇳', '中共😀支部🇨🇳'],
    // a 40-character name is kept whole, with a character of CJK ext-B in it
    ['中'.repeat(39) + '𠀀', '中'.repeat(39) + '𠀀'],
    // cut at 50 UTF-16 units, never inside a surrogate pair …
    ['一'.repeat(49) + '𠀀𠀀', '一'.repeat(49)],
    // … nor inside an emoji sequence (ZWJ family: 8 units)
    ['一'.repeat(45) + '👨‍👩‍👧', '一'.repeat(45)],
    // a cut that leaves a space or a dot at the end trims it
    ['一'.repeat(49) + ' 二二', '一'.repeat(49)],
  ])('%j → %j', (input, want) => {
    expect(safeNamePart(input, '党支部')).toBe(want);
  });

  it('cuts at the `max` given, in UTF-16 units', () => {
    expect(safeNamePart('标题'.repeat(50), '记录', 60)).toBe('标题'.repeat(30));
    expect(safeNamePart('标题'.repeat(50), '记录')).toHaveLength(NAME_PART_MAX);
  });
});

describe('safeFileName', () => {
  it.each([
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['CON .docx', '_CON .docx'],
    ['nul.tar.gz', '_nul.tar.gz'],
    ['PRN', '_PRN'],
    ['aux.xlsx', '_aux.xlsx'],
    ['COM1.ledgerbak', '_COM1.ledgerbak'],
    ['lpt9', '_lpt9'],
    ['COM0', '_COM0'],
    ['LPT³.pdf', '_LPT³.pdf'],
    ['CONIN$', '_CONIN$'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['COM10.txt', 'COM10.txt'],
    ['a:b*c?.docx', 'abc.docx'],
    ['支部.', '支部'],
    ['报告.docx. . ', '报告.docx'],
    ['  ', '文件'],
    ['...', '文件'],
    ['.docx', 'docx'],
    ['第一支部<测试>|"x".xlsx', '第一支部测试x.xlsx'],
    ['C:\\Users\\a\\报告.pdf', 'CUsersa报告.pdf'],
    ['签到表\u202egpj.exe', '签到表gpj.exe'],
    ['\ufeff报告\u0000.pdf', '报告.pdf'],
  ])('%j → %j', (input, want) => {
    expect(safeFileName(input, '文件')).toBe(want);
  });

  it('cuts a long name in its stem, keeping the extension, at most NAME_MAX units', () => {
    // Latin letters: NAME_MAX UTF-16 units
    const latin = safeFileName(`2024-03-05_${'ab'.repeat(150)}.docx`, '文件');
    expect(latin).toHaveLength(NAME_MAX);
    expect(latin).toBe(`2024-03-05_${'ab'.repeat(67)}.docx`);
    // 汉字: NAME_MAX_BYTES of UTF-8 (3 bytes each; ext4 counts bytes), 11 + 3·61 + 5 = 199
    const han = safeFileName(`2024-03-05_${'关于'.repeat(150)}.docx`, '文件');
    expect(han).toBe(`2024-03-05_${'关于'.repeat(30)}关.docx`);
    expect(utf8Length(han)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    // an astral character at the cut is left out whole (4 bytes each: 49·4 + 4 = 200)
    expect(safeFileName(`${'𠀀'.repeat(100)}.pdf`, '文件')).toBe(`${'𠀀'.repeat(49)}.pdf`);
    // room kept for the caller's ending
    expect(safeFileName('x'.repeat(300), '文件', 5)).toBe('x'.repeat(NAME_MAX - 5));
  });

  it('falls back when nothing is left', () => {
    expect(safeFileName(':*?', '附件.pdf')).toBe('附件.pdf');
    expect(safeFileName('\u202e\ufeff', '附件.pdf')).toBe('附件.pdf');
  });

  const tempDir = useTempDir('names');
  it('gives every hostile name one Windows takes, and the file can be written', () => {
    const dir = tempDir();
    for (const h of HOSTILE_NAMES) {
      for (const name of [safeFileName(h, '文件'), safeFileName(`${h}.docx`, '文件'), safeFileName(`${safeNamePart(h, '党支部')}-2025年度归档`, '归档')]) {
        expect(windowsNameProblem(name), `${JSON.stringify(h)} → ${JSON.stringify(name)}`).toBeNull();
        fs.writeFileSync(path.join(dir, name), '');
        expect(fs.readdirSync(dir)).toContain(name);
        fs.rmSync(path.join(dir, name));
      }
    }
  });

  it('is idempotent', () => {
    for (const h of HOSTILE_NAMES) {
      const once = safeFileName(h, '文件');
      expect(safeFileName(once, '文件')).toBe(once);
      const part = safeNamePart(h, '党支部');
      expect(safeNamePart(part, '党支部')).toBe(part);
    }
  });
});

describe('fileNameWith', () => {
  const backup = (branch: string) => fileNameWith('支部四本一档备份-', branch, '-20261121-103000.ledgerbak', { fallback: '支部' });

  it('cuts the user text, never the fixed text around it', () => {
    for (const h of HOSTILE_NAMES) {
      const name = backup(h);
      expect(name, JSON.stringify(h)).toMatch(/^支部四本一档备份-.+-20261121-103000\.ledgerbak$/);
      expect(windowsNameProblem(name), name).toBeNull();
      expect(name.length).toBeLessThanOrEqual(NAME_MAX);
      expect(utf8Length(name)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    }
    // 25 + 26 bytes of fixed text and one for a device's _: 148 bytes (49 汉字) of the branch's name are left
    expect(backup('支'.repeat(300))).toBe(`支部四本一档备份-${'支'.repeat(49)}-20261121-103000.ledgerbak`);
    expect(backup('a:b*c?')).toBe('支部四本一档备份-abc-20261121-103000.ledgerbak');
    expect(backup('  ')).toBe('支部四本一档备份-支部-20261121-103000.ledgerbak');
  });

  it('keeps a 40-character branch name whole', () => {
    const name = '中共某某省某某市某某区某某街道某某社区第一党支部委员会某某某某某某某某某某某某某'.slice(0, 40);
    expect(name).toHaveLength(40);
    expect(fileNameWith('', name, '-2025年度归档', { fallback: '党支部' })).toBe(`${name}-2025年度归档`);
    expect(backup(name)).toBe(`支部四本一档备份-${name}-20261121-103000.ledgerbak`);
  });

  it('prefixes a device name that the user text makes at the start', () => {
    expect(fileNameWith('', 'CON', '.xlsx', { fallback: '党支部' })).toBe('_CON.xlsx');
    expect(fileNameWith('', 'con.x', '_2024年台账.xlsx', { fallback: '党支部' })).toBe('_con.x_2024年台账.xlsx');
    expect(fileNameWith('', 'CON', '-2025年度归档', { fallback: '党支部' })).toBe('CON-2025年度归档');
  });

  it('keeps room for what the caller appends', () => {
    const stem = fileNameWith('2025年度_', 'x'.repeat(300), '_第12卷', { fallback: '卷册', max: 300, room: 5 });
    expect(stem.length + '.docx'.length).toBeLessThanOrEqual(NAME_MAX);
    expect(stem).toMatch(/^2025年度_x+_第12卷$/);
  });
});

describe('cutUnits', () => {
  it('keeps whole characters as the reader sees them', () => {
    expect(cutUnits('ab', 5)).toBe('ab');
    expect(cutUnits('a𠀀b', 2)).toBe('a');
    expect(cutUnits('e\u0301e\u0301', 3)).toBe('e\u0301');
    expect(cutUnits('🇨🇳🇨🇳', 6)).toBe('🇨🇳');
    expect(cutUnits('中中中', 10, 7)).toBe('中中');
    expect(utf8Length('a中𠀀é')).toBe(1 + 3 + 4 + 2);
  });
});
