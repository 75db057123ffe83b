import { describe, expect, it } from 'vitest';
import type { Attendee } from '../../shared/books/schema.js';
import { countAttendance, judgeMotion } from '../../shared/rules/attendance.js';
import { evaluateVote, type VoteInput } from '../../shared/rules/vote.js';

describe('evaluateVote', () => {
  type Case = [label: string, input: VoteInput, quorum: boolean, passed: boolean, invalid: boolean];
  const v = (entitled: number, presentVoting: number, f: number, against = 0, abstain = 0): VoteInput => ({
    entitled,
    presentVoting,
    for: f,
    against,
    abstain,
  });
  const cases: Case[] = [
    ['entitled 8, present 5, for 5: passes', v(8, 5, 5), true, true, false],
    ['entitled 8, present 4: no quorum (exactly half present)', v(8, 4, 4), false, false, false],
    ['entitled 8, present 8, for 4: fails (exactly half is not over half)', v(8, 8, 4, 4), true, false, false],
    ['entitled 8, present 8, for 5: passes', v(8, 8, 5, 2, 1), true, true, false],
    ['entitled 7, present 7, for 4: passes', v(7, 7, 4, 3), true, true, false],
    ['entitled 7, present 7, for 3: fails', v(7, 7, 3, 2, 2), true, false, false],
    ['entitled 7, present 4, for 4: passes (over half of those entitled)', v(7, 4, 4), true, true, false],
    ['entitled 7, present 3: no quorum', v(7, 3, 3), false, false, false],
    ['entitled 9, present 6, for 4 of 6 present: fails (half of entitled, not of present)', v(9, 6, 4, 1, 1), true, false, false],
    ['entitled 0: no quorum, nothing passes', v(0, 0, 0), false, false, false],
    ['entitled 1, present 1, for 1: passes', v(1, 1, 1), true, true, false],
    ['votes exceeding presentVoting: invalid, not passed', v(8, 5, 5, 1), true, false, true],
    ['votes exceeding presentVoting without quorum: invalid', v(8, 3, 5), false, false, true],
  ];

  it.each(cases)('%s', (_label, input, quorum, passed, invalid) => {
    const out = evaluateVote(input);
    expect(out.quorum).toBe(quorum);
    expect(out.passed).toBe(passed);
    expect(out.invalid !== null).toBe(invalid);
    expect(out.summary).toContain(`赞成${input.for}票，反对${input.against}票，弃权${input.abstain}票`);
    expect(out.summary).toContain(`应到有表决权${input.entitled}人，实到${input.presentVoting}人`);
    if (invalid) expect(out.summary).toContain('请核对');
    else if (!quorum) expect(out.summary).toContain('不能表决');
    else expect(out.summary).toMatch(passed ? /，通过。$/ : /未通过。$/);
  });

  it.each([
    [0, 1],
    [1, 1],
    [2, 2],
    [7, 4],
    [8, 5],
    [9, 5],
    [100, 51],
  ])('needed for entitled %i is %i (floor(entitled/2)+1)', (entitled, needed) => {
    const out = evaluateVote(v(entitled, entitled, 0));
    expect(out.needed).toBe(needed);
    expect(out.needed).toBe(Math.floor(entitled / 2) + 1);
    if (entitled > 0) {
      expect(evaluateVote(v(entitled, entitled, needed)).passed).toBe(true);
      expect(evaluateVote(v(entitled, entitled, needed - 1)).passed).toBe(false);
    }
  });

  it('names the votes needed when a motion fails', () => {
    expect(evaluateVote(v(8, 8, 4, 4)).summary).toContain('至少需5票');
  });
});

describe('countAttendance and judgeMotion', () => {
  let nextId = 1;
  const person = (membership: Attendee['membership'], present: boolean): Attendee => ({
    personId: nextId++,
    name: `党员${nextId}`,
    membership,
    title: '',
    present,
    absenceReason: present ? '' : '病假',
  });
  // 4 正式 (3 present), 3 预备 (2 present)
  const attendance = [
    person('正式', true),
    person('正式', true),
    person('预备', true),
    person('正式', false),
    person('预备', true),
    person('正式', true),
    person('预备', false),
  ];

  it('counts 预备党员 as expected and present but not as entitled or presentVoting', () => {
    expect(countAttendance(attendance)).toEqual({ expected: 7, present: 5, entitled: 4, presentVoting: 3 });
  });

  it('counts an empty meeting as zeros', () => {
    expect(countAttendance([])).toEqual({ expected: 0, present: 0, entitled: 0, presentVoting: 0 });
  });

  it('judges a motion against the 正式党员 only', () => {
    // 3 of 4 entitled for: passes, though 3 is not over half of the 7 expected.
    expect(judgeMotion(attendance, { title: '甲', for: 3, against: 0, abstain: 0 })).toMatchObject({ passed: true, needed: 3 });
    // 2 of 4 entitled is exactly half: fails.
    expect(judgeMotion(attendance, { title: '乙', for: 2, against: 1, abstain: 0 })).toMatchObject({ passed: false, invalid: null });
    // 4 votes from 3 present with a vote: the 预备党员 present cannot make up the difference.
    expect(judgeMotion(attendance, { title: '丙', for: 3, against: 1, abstain: 0 }).invalid).toContain('超过实到有表决权人数3人');
  });
});
