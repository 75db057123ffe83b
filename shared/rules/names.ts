/**
 * Names typed into person fields (谈话人, 谈话对象, 主持人, 检查人员 …) read against
 * the roster. One rule for the person pickers' warning and for the 谈心谈话
 * matrix and coverage (cadence.ts, talks.ts):
 *
 * - A field may hold several names: 张三、李四 / 张三，李四 / 张三 李四; a trailing
 *   同志 is dropped (`typedNames`).
 * - A name is the roster's when someone on it has exactly that name: names are
 *   matched as typed (the pickers suggest by pinyin, the stored name is the
 *   roster's own).
 * - A collective subject (钻井一班全体成员, 全体党员, 机修班) is a scope of people,
 *   not a person: it names nobody, and it is no unknown name either
 *   (`isCollective`). A text counts as collective when it holds a word for a
 *   group of people or ends like the name of a crew or unit; a person's name
 *   does neither, and a roster name is never taken for one.
 */

/** Separators between several names typed into one person field: 张三、李四 / 张三，李四 / 张三 李四. */
const NAME_SEPARATORS = /[、，,；;／/\s]+/;

/** Words for a group of people: 钻井一班全体成员, 全体党员, 青年职工, 同志们, 新入职员工. */
export const COLLECTIVE_WORDS = ['全体', '成员', '们', '大家', '职工', '员工', '党员', '团员', '群众', '积极分子', '班组'] as const;
/** How the name of a crew or unit ends: 钻井一班, 机修组, 钻井队, 维修车间. */
export const UNIT_ENDINGS = ['班', '组', '队', '车间'] as const;

/** The names typed into a person field (a name, several in one text, or a `people` list), in order. */
export function typedNames(value: unknown): string[] {
  const texts = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const v of texts) {
    if (typeof v !== 'string') continue;
    for (const part of v.split(NAME_SEPARATORS)) {
      const name = part.replace(/同志$/, '').trim();
      if (name) names.push(name);
    }
  }
  return names;
}

/** Whether a typed name is a group of people (钻井一班全体成员) rather than a person. */
export function isCollective(name: string): boolean {
  return COLLECTIVE_WORDS.some((w) => name.includes(w)) || UNIT_ENDINGS.some((e) => name.endsWith(e));
}

/** The names typed into a person field that nobody on the roster has (collective subjects aside), each once. */
export function unknownNames(value: unknown, roster: ReadonlySet<string>): string[] {
  return [...new Set(typedNames(value).filter((n) => !roster.has(n) && !isCollective(n)))];
}

/** A person's 职务 as forms print it: the 支委 seat (书记, 组织委员 …), else their 岗位/职务. */
export function personTitle(p: { committeeRole: string | null; position: string }): string {
  return p.committeeRole ?? p.position;
}
