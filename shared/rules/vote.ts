/**
 * Voting at 支部党员大会 and 支部委员会, per 《中国共产党支部工作条例（试行）》(2018):
 * - the meeting can vote only when more than half of those with a vote are present;
 * - a motion passes when 赞成 exceeds half of those ENTITLED to vote
 *   (应到会有表决权的人数), not half of those present;
 * - 预备党员 have no vote.
 */

export interface VoteInput {
  /** 应到会有表决权的人数 */
  entitled: number;
  /** 实到会有表决权的人数 */
  presentVoting: number;
  for: number;
  against: number;
  abstain: number;
}

export interface VoteOutcome {
  quorum: boolean;
  passed: boolean;
  /** The smallest 赞成 count that passes: floor(entitled / 2) + 1. */
  needed: number;
  /** A problem with the figures themselves (more votes than voters). */
  invalid: string | null;
  /** One sentence for the record, e.g. 赞成5票，反对1票，弃权0票；应到有表决权8人，实到7人，赞成超过应到半数，通过。 */
  summary: string;
}

export function evaluateVote(v: VoteInput): VoteOutcome {
  const needed = Math.floor(v.entitled / 2) + 1;
  const quorum = v.entitled > 0 && v.presentVoting * 2 > v.entitled;
  const cast = v.for + v.against + v.abstain;
  const invalid =
    cast > v.presentVoting
      ? `表决票数合计${cast}票，超过实到有表决权人数${v.presentVoting}人`
      : null;
  const passed = invalid === null && quorum && v.for * 2 > v.entitled;
  const counts = `赞成${v.for}票，反对${v.against}票，弃权${v.abstain}票`;
  const base = `应到有表决权${v.entitled}人，实到${v.presentVoting}人`;
  let verdict: string;
  if (invalid) verdict = `${invalid}，请核对`;
  else if (!quorum) verdict = '到会有表决权人数未超过半数，不能表决';
  else if (passed) verdict = '赞成超过应到有表决权人数的半数，通过';
  else verdict = `赞成未超过应到有表决权人数的半数（至少需${needed}票），未通过`;
  return { quorum, passed, needed, invalid, summary: `${counts}；${base}；${verdict}。` };
}
