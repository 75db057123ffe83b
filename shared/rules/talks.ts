/**
 * 谈心谈话 who with whom: the year's 定稿 talk records laid out as a square of
 * the branch's members, so the secretary sees which pairs the rule asks for
 * have not talked yet. A reminder of what is left to do, never a score.
 *
 * Source: 《中国共产党支部工作条例（试行）》第十八条: 党支部委员之间、党支部委员和党员
 * 之间、党员和党员之间，每年谈心谈话一般不少于1次 (TALK_COVERAGE in cadence.ts).
 * The year-end check there asks only that every member appears in some talk;
 * this matrix adds the pairs: 支委 with each other 支委, and each member with at
 * least one 支委.
 *
 * A record pairs each of its 谈话人 with each of its 谈话对象, by exact name
 * after talkParticipants' cleanup (several names split, 同志 dropped). Names
 * that are no member of the year (an upper-level cadre, “全体成员”) pair with
 * nobody; two members of the same name both match, as in the coverage check.
 * The names that nobody on the year's roster has (a typo, pinyin typed as a
 * name, a visitor) are listed with their record, so that none is missed in
 * silence; a collective subject is no such name (names.ts says how it is told).
 */
import { recordType } from '../books/index.js';
import { COMMITTEE_ROLES, type CommitteeRole } from '../books/vocab.js';
import { TALK_COVERAGE, memberInYear, talkHeldIn, talkParticipants, type CoverageMember, type TalkData } from './cadence.js';
import { unknownNames } from './names.js';

/** A member of the year as the matrix reads it: a 支委's role, or null. */
export interface TalkMember extends CoverageMember {
  role: CommitteeRole | null;
}

/** A talk record as the matrix reads it (type 'talk'). */
export interface TalkRecord {
  id: number;
  date: string;
  status: string;
  data: TalkData;
}

/** One talk of a pair: its record and date. */
export interface TalkRef {
  id: number;
  date: string;
}

export interface TalkMatrixMember {
  id: number;
  name: string;
  role: CommitteeRole | null;
  /** The 定稿 talk records of the year that name this member with someone else. */
  talks: number;
  /** A member: talked with at least one 支委. A 支委: with every other 支委. */
  withCommittee: boolean;
}

/** Two members named together (ids, `a` before `b` in the matrix order) and their talks by date. */
export interface TalkPair {
  a: number;
  b: number;
  talks: TalkRef[];
}

/** A name in a 定稿 talk of the year that nobody on the roster has: where it was typed. */
export interface UnmatchedName {
  recordId: number;
  date: string;
  /** The field it was typed in, and the field's label (谈话人, 谈话对象). */
  field: TalkField;
  label: string;
  name: string;
}

/** The person fields of a talk record. */
export type TalkField = keyof TalkData;
const TALK_FIELDS: readonly TalkField[] = ['talker', 'subject'];

/** The year's 谈心谈话 between the year's members (the contract's cadence.talks). */
export interface TalkMatrix {
  year: number;
  /** Rows and columns: the 支委 in role order, then the others in roster order. */
  members: TalkMatrixMember[];
  /** Only the pairs that talked, in matrix order. */
  pairs: TalkPair[];
  missing: {
    /** 支委之间: pairs of 支委 with no talk. */
    committeePairs: { a: number; b: number }[];
    /** 支委和党员之间: members (not 支委) with no talk with any 支委; none when the branch has no 支委. */
    withoutCommittee: number[];
    /** Members (支委 too) in no talk of the year. */
    withoutTalk: number[];
  };
  /** Names in the year's 定稿 talks that nobody on the roster has, by date: counted for nobody above. */
  unmatched: UnmatchedName[];
  /** The rule, for the page to cite. */
  source: string;
}

const roleRank = (role: CommitteeRole) => COMMITTEE_ROLES.indexOf(role);

/** The matrix order: 支委 by role (ties in roster order), then everyone else in roster order. */
function matrixOrder(members: readonly TalkMember[]): TalkMember[] {
  const committee = members.filter((m) => m.role !== null).sort((x, y) => roleRank(x.role!) - roleRank(y.role!));
  return [...committee, ...members.filter((m) => m.role === null)];
}

/** Where each name of the talks that nobody on the roster has was typed. */
function unmatchedNames(held: readonly TalkRecord[], roster: ReadonlySet<string>): UnmatchedName[] {
  const def = recordType(TALK_COVERAGE.typeId);
  const label = (field: TalkField) => def.fields.find((f) => f.key === field)!.label;
  return held.flatMap((r) =>
    TALK_FIELDS.flatMap((field) => unknownNames(r.data[field], roster).map((name) => ({ recordId: r.id, date: r.date, field, label: label(field), name }))),
  );
}

/**
 * The talks between the members of `year` (those admitted by its end), from its
 * 定稿 talk records. A talk's names are checked against `roster`, the names of
 * everyone on the roster in the year (members or not), and the members'.
 */
export function buildTalkMatrix(year: number, members: readonly TalkMember[], records: readonly TalkRecord[], roster: readonly string[]): TalkMatrix {
  const ordered = matrixOrder(members.filter((m) => memberInYear(m, year)));
  const position = new Map(ordered.map((m, i) => [m.id, i]));
  const byName = new Map<string, TalkMember[]>();
  for (const m of ordered) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const named = (names: string[]) => new Set(names.flatMap((n) => byName.get(n) ?? []));

  /** Pair talks by "i-j" (matrix positions, i < j); talk counts by member id. */
  const pairTalks = new Map<string, TalkRef[]>();
  const talkCount = new Map<number, number>();
  const held = records.filter((r) => talkHeldIn(r, year)).sort((x, y) => x.date.localeCompare(y.date) || x.id - y.id);
  for (const r of held) {
    const everyone = new Set(talkParticipants(r.data));
    if (everyone.size > 1) for (const m of named([...everyone])) talkCount.set(m.id, (talkCount.get(m.id) ?? 0) + 1);
    const keys = new Set<string>();
    for (const t of named(talkParticipants({ talker: r.data.talker }))) {
      for (const s of named(talkParticipants({ subject: r.data.subject }))) {
        if (t.id === s.id) continue;
        const [i, j] = [position.get(t.id)!, position.get(s.id)!].sort((x, y) => x - y);
        keys.add(`${i}-${j}`);
      }
    }
    for (const k of keys) pairTalks.set(k, [...(pairTalks.get(k) ?? []), { id: r.id, date: r.date }]);
  }

  const talked = (i: number, j: number) => pairTalks.has(i < j ? `${i}-${j}` : `${j}-${i}`);
  const committee = ordered.flatMap((m, i) => (m.role !== null ? [i] : []));
  const withCommittee = (i: number) =>
    ordered[i]!.role !== null ? committee.every((c) => c === i || talked(c, i)) : committee.some((c) => talked(c, i));

  const rows = ordered.map((m, i) => ({ id: m.id, name: m.name, role: m.role, talks: talkCount.get(m.id) ?? 0, withCommittee: withCommittee(i) }));
  const pairs: TalkPair[] = [];
  const committeePairs: { a: number; b: number }[] = [];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const talks = pairTalks.get(`${i}-${j}`);
      const ids = { a: ordered[i]!.id, b: ordered[j]!.id };
      if (talks) pairs.push({ ...ids, talks });
      else if (ordered[i]!.role !== null && ordered[j]!.role !== null) committeePairs.push(ids);
    }
  }
  return {
    year,
    members: rows,
    pairs,
    missing: {
      committeePairs,
      withoutCommittee: committee.length ? rows.filter((m) => m.role === null && !m.withCommittee).map((m) => m.id) : [],
      withoutTalk: rows.filter((m) => m.talks === 0).map((m) => m.id),
    },
    unmatched: unmatchedNames(held, new Set([...roster, ...ordered.map((m) => m.name)])),
    source: TALK_COVERAGE.source,
  };
}
