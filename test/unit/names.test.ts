/** Names typed into person fields, read against the roster (shared/rules/names.ts) as tables of cases. */
import { describe, expect, it } from 'vitest';
import { isCollective, personTitle, typedNames, unknownNames } from '../../shared/rules/names.js';

const ROSTER = new Set(['张三', '李四', '王书记', '班杰']);

describe('names typed into person fields', () => {
  it.each<[string, unknown, string[]]>([
    ['one name', '张三', ['张三']],
    ['several, separated by 、，, ; / and spaces', '张三、李四，王五,赵六；钱七 孙八／周九', ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九']],
    ['同志 dropped', '张三同志、李四同志', ['张三', '李四']],
    ['a full-width space', '张三\u3000李四', ['张三', '李四']],
    ['a people list, each entry read the same way', ['张三', '李四、王五', ''], ['张三', '李四', '王五']],
    ['empty and not text', undefined, []],
    ['empty separators only', '、 ，', []],
  ])('typedNames: %s', (_case, value, names) => {
    expect(typedNames(value)).toEqual(names);
  });

  it.each<[string, boolean]>([
    ['钻井一班全体成员', true],
    ['全体党员', true],
    ['青年职工', true],
    ['同志们', true],
    ['新入职员工', true],
    ['入党积极分子', true],
    ['机修班', true],
    ['机修组', true],
    ['钻井队', true],
    ['维修车间', true],
    ['张三', false],
    ['欧阳明', false],
    ['上级党委刘某', false],
    ['王班长', false],
    ['sq', false],
  ])('isCollective: %s → %s', (name, collective) => {
    expect(isCollective(name)).toBe(collective);
  });

  it.each<[string, unknown, string[]]>([
    ['a roster name', '张三', []],
    ['pinyin typed as a name', 'zs', ['zs']],
    ['names are matched as typed: part of a name is no name', '张', ['张']],
    ['the unknown ones of several, each once, in order', '张三、王五、sq、王五同志', ['王五', 'sq']],
    ['a collective subject is no unknown name', '钻井一班全体成员', []],
    ['a roster name that looks like a crew is the roster’s', '班杰', []],
    ['a people list', ['李四', '访客甲'], ['访客甲']],
    ['nothing typed', '', []],
  ])('unknownNames: %s', (_case, value, unknown) => {
    expect(unknownNames(value, ROSTER)).toEqual(unknown);
  });

  it('takes a person’s 职务 from the 支委 seat, else from 岗位/职务', () => {
    expect(personTitle({ committeeRole: '组织委员', position: '副队长' })).toBe('组织委员');
    expect(personTitle({ committeeRole: null, position: '司钻' })).toBe('司钻');
    expect(personTitle({ committeeRole: null, position: '' })).toBe('');
  });
});
