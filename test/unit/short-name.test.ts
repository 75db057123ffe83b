import { describe, expect, it } from 'vitest';
import { branchShortName } from '../../shared/archive/model.js';

describe('the 简称 a branch name suggests for the 目录 责任者', () => {
  it.each([
    ['中共北原石油工程公司钻井二分公司70158钻井队支部委员会', '70158钻井队党支部'],
    ['中共某县某镇某村支部委员会', '某村党支部'],
    ['中共某某风电有限公司某风电场党支部', '某风电场党支部'],
    ['中共某某集团机关总支部委员会', '机关党总支'],
    ['中共某某单位第一支部委员会', '某某单位第一党支部'],
    ['风电场党支部', '风电场党支部'],
    // nothing but 党支部 would be left, or no 支部 at all: the name stays whole
    ['审计署驻京津冀特派办第三审计处党支部', '审计署驻京津冀特派办第三审计处党支部'],
    ['中共北原石油工程公司委员会', '中共北原石油工程公司委员会'],
    ['  某队党支部 ', '某队党支部'],
  ])('%s → %s', (full, short) => expect(branchShortName(full)).toBe(short));
});
