import type { Attendee, Motion } from '../books/schema.js';
import type { PoliticalStatus } from '../books/vocab.js';
import { personTitle } from './names.js';
import { evaluateVote, type VoteOutcome } from './vote.js';

/** 正式党员 vote; 预备党员 attend but have no vote; everyone else attends as 其他. */
export function membershipOf(status: PoliticalStatus): Attendee['membership'] {
  if (status === '中共党员') return '正式';
  if (status === '中共预备党员') return '预备';
  return '其他';
}

/** A roster entry as expected at a meeting: present until ticked off. */
export function attendeeOf(p: { id: number; name: string; politicalStatus: PoliticalStatus; committeeRole: string | null; position: string }): Attendee {
  return { personId: p.id, name: p.name, membership: membershipOf(p.politicalStatus), title: personTitle(p), present: true, absenceReason: '' };
}

export interface AttendanceCounts {
  /** 应到人数 */
  expected: number;
  /** 实到人数 */
  present: number;
  /** 应到有表决权人数 (正式党员) */
  entitled: number;
  /** 实到有表决权人数 */
  presentVoting: number;
}

export function countAttendance(attendance: readonly Attendee[]): AttendanceCounts {
  let present = 0;
  let entitled = 0;
  let presentVoting = 0;
  for (const a of attendance) {
    if (a.present) present++;
    if (a.membership === '正式') {
      entitled++;
      if (a.present) presentVoting++;
    }
  }
  return { expected: attendance.length, present, entitled, presentVoting };
}

export function judgeMotion(attendance: readonly Attendee[], m: Motion): VoteOutcome {
  const c = countAttendance(attendance);
  return evaluateVote({
    entitled: c.entitled,
    presentVoting: c.presentVoting,
    for: m.for,
    against: m.against,
    abstain: m.abstain,
  });
}
