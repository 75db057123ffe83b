import { describe, expect, it } from 'vitest';
import { CATALOGUE_ANCHOR, followingAnchors, itemPages, NOTES_ANCHOR, rulesAnchor, volumeAnchors, type Volume, type VolumeItem } from '../../shared/archive/volume.js';

const item = (no: number) => ({ no, anchor: `j${String(no).padStart(4, '0')}` }) as VolumeItem;
const rule = [{ title: '制度', paragraphs: ['第一条'] }];

/** Three parts: the first and second with their rules in front, the third without. */
const volume = {
  parts: [
    { label: 'A', rules: rule, items: [item(1), item(2)] },
    { label: 'B', rules: rule, items: [item(3)] },
    { label: 'C', rules: [], items: [item(4)] },
  ],
} as unknown as Volume;

describe('the pages of a 件', () => {
  it('names what follows each 件: the next 件, the next part’s 制度, or the 备考表', () => {
    expect(Object.fromEntries(followingAnchors(volume))).toEqual({ j0001: 'j0002', j0002: rulesAnchor(1), j0003: 'j0004', j0004: NOTES_ANCHOR });
    expect(volumeAnchors(volume)).toEqual([CATALOGUE_ANCHOR, 'r1', 'j0001', 'j0002', 'r2', 'j0003', 'j0004', NOTES_ANCHOR]);
  });

  it('counts a 件’s own pages, not the 制度 or the 备考表 after it', () => {
    const starts = new Map([
      ['r1', 3],
      ['j0001', 5],
      ['j0002', 7],
      ['r2', 10],
      ['j0003', 13],
      ['j0004', 14],
      [NOTES_ANCHOR, 17],
    ]);
    expect(Object.fromEntries(itemPages(volume, { starts, total: 17 }))).toEqual({ j0001: 2, j0002: 3, j0003: 1, j0004: 3 });
  });
});
