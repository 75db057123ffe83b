/** The search module (electron/core/search) on a real database opened by the core. */
import { mulberry32 } from '../../electron/core/demo/random.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BookId } from '../../shared/books/types.js';
import type { SearchHit, SearchResult } from '../../shared/methods/search.js';
import {
  findPeopleByName,
  fold,
  indexPerson,
  indexRecord,
  rebuildIndex,
  searchAll,
  tokens,
  unindexPerson,
  unindexRecord,
  type Original,
  type Originals,
  type PersonEntry,
  type RecordEntry,
} from '../../electron/core/search/index.js';
import { rows, useCore } from '../fixtures/core.js';

const h = useCore();
const db = () => h.core.db;

/** What the services would read back from the records and people tables. */
let records: Map<number, RecordEntry & { type: string }>;
let people: Map<number, PersonEntry>;
beforeEach(() => {
  records = new Map();
  people = new Map();
});

const originals: Originals = (kind, ids) => {
  const out = new Map<number, Original>();
  for (const id of ids) {
    if (kind === 'record') {
      const r = records.get(id);
      if (r) out.set(id, { title: r.title, body: r.body, date: r.date ?? '', type: r.type });
    } else {
      const p = people.get(id);
      if (p) out.set(id, { title: p.name, body: p.body, date: '', type: '' });
    }
  }
  return out;
};

function addRecord(id: number, title: string, body: string, book: BookId = 'branch-general', type = 'branch-assembly') {
  const r = { id, book, title, body, date: '2024-03-01', type };
  records.set(id, r);
  indexRecord(db(), r);
}

function addPerson(id: number, name: string, body = '') {
  const p = { id, name, body };
  people.set(id, p);
  indexPerson(db(), p);
}

const search = (text: string, limit?: number) => searchAll(db(), text, limit === undefined ? { originals } : { originals, limit });
const hits = (r: SearchResult): SearchHit[] => r.groups.flatMap((g) => g.hits);
const ids = (r: SearchResult) => hits(r).map((x) => `${x.kind[0]}${x.id}`);
const marked = (hit: SearchHit) => hit.snippet.marks.map(([a, b]) => hit.snippet.text.slice(a, b));
const indexRows = () => rows<{ n: number }>(db(), 'SELECT count(*) AS n FROM search_index')[0]!.n;

describe('fold and tokens', () => {
  it('folds traditional to simplified, upper to lower case and full-width to half-width', () => {
    expect(fold('黨課會議內容')).toBe('党课会议内容');
    expect(fold('ＡＢＣ１２３ａｂ')).toBe('abc123ab');
    expect(fold('PPT汇报Ｑ＆Ａ')).toBe('ppt汇报q&a');
    expect(fold('衞生與裏面')).toBe('卫生与里面');
    expect(fold('Café İstanbul')).toBe('cafe istanbul');
  });

  it('keeps the length of the text, so offsets into the fold are offsets into the original', () => {
    const samples = [
      '黨課會議內容：學習貫徹《中國共產黨章程》',
      'ＡＢＣ１２３　全角空格',
      'emoji 👍🏻 and 𠀀 astral, é, İstanbul, ß',
      '㗲㜢䓣 rare characters whose simplified form is outside the BMP',
      '乾隆年間的頭髮',
    ];
    for (const s of samples) expect(fold(s).length).toBe(s.length);
  });

  it('folds character by character, so a fragment folds like the same characters inside a word', () => {
    // by phrase OpenCC keeps 乾隆 but makes 乾 alone 干; the index must not care
    expect(fold('乾隆')).toContain(fold('乾'));
    expect(fold('著作')).toContain(fold('著'));
  });

  it('emits one token per letter or digit and never any FTS syntax', () => {
    expect(tokens('会议内容')).toBe('会 议 内 容');
    expect(tokens('會議，內容 "A*B" (NEAR) -x 👍')).toBe('会 议 内 容 a b n e a r x');
    expect(tokens('  ')).toBe('');
  });
});

describe('searchAll', () => {
  it('finds a substring in the middle of a word', () => {
    addRecord(1, '支部党员大会', '本次会议内容为学习党章。');
    addRecord(2, '支部委员会', '讨论发展党员工作。');
    expect(ids(search('议内'))).toEqual(['r1']);
    expect(ids(search('会议内容'))).toEqual(['r1']);
  });

  it('finds one-character and two-character words', () => {
    addRecord(1, '党课', '讲党课的是书记。');
    addRecord(2, '主题党日', '参观红色教育基地。');
    addRecord(3, '支部委员会', '研究工会经费。');
    expect(ids(search('党')).sort()).toEqual(['r1', 'r2']);
    expect(ids(search('课'))).toEqual(['r1']);
    expect(ids(search('党课'))).toEqual(['r1']);
    expect(ids(search('经费'))).toEqual(['r3']);
    expect(ids(search('费经'))).toEqual([]);
  });

  it('finds simplified text by a traditional query and traditional text by a simplified one', () => {
    addRecord(1, '党课', '书记讲党课。');
    addRecord(2, '黨課', '書記講黨課。');
    expect(ids(search('黨課')).sort()).toEqual(['r1', 'r2']);
    expect(ids(search('党课')).sort()).toEqual(['r1', 'r2']);
    expect(ids(search('讲党课')).sort()).toEqual(['r1', 'r2']);
  });

  it('matches full-width digits and letters with half-width ones, either way round', () => {
    addRecord(1, '学习', '观看ＰＰＴ，共２０２４字。');
    addRecord(2, '学习', '观看PPT，共2024字。');
    expect(ids(search('ppt')).sort()).toEqual(['r1', 'r2']);
    expect(ids(search('2024')).sort()).toEqual(['r1', 'r2']);
    expect(ids(search('ＰＰＴ')).sort()).toEqual(['r1', 'r2']);
    expect(ids(search('２０２４')).sort()).toEqual(['r1', 'r2']);
  });

  it('finds people by pinyin initials and full pinyin, in any case', () => {
    addPerson(1, '张三', '正式党员 第一党小组');
    addPerson(2, '李四', '预备党员');
    addPerson(3, '曾国藩', '');
    addPerson(4, '吕小明', '');
    expect(ids(search('zs'))).toEqual(['p1']);
    expect(ids(search('zhangsan'))).toEqual(['p1']);
    expect(ids(search('ZhangSan'))).toEqual(['p1']);
    expect(ids(search('ＺＳ'))).toEqual(['p1']);
    expect(ids(search('zhang san'))).toEqual(['p1']);
    expect(ids(search('张三'))).toEqual(['p1']);
    expect(ids(search('ls'))).toEqual(['p2']);
    // surname readings and the everyday ones both work; ü as u or v
    expect(ids(search('zgf'))).toEqual(['p3']);
    expect(ids(search('zengguofan'))).toEqual(['p3']);
    expect(ids(search('lxm'))).toEqual(['p4']);
    expect(ids(search('luxiaoming'))).toEqual(['p4']);
    expect(ids(search('lvxiaoming'))).toEqual(['p4']);
  });

  it('does not let a pinyin query run from one spelling into the next', () => {
    addPerson(1, '张三', '');
    // title: 张 三 | z h a n g s a n | z s — "nz" and "sanz" would only match across a separator
    expect(ids(search('nz'))).toEqual([]);
    expect(ids(search('sanz'))).toEqual([]);
    expect(ids(search('三z'))).toEqual([]);
  });

  it('marks the name in a person\'s snippet when found by pinyin', () => {
    addPerson(1, '张三', '正式党员');
    const [hit] = hits(search('zs'));
    expect(hit!.title).toBe('张三');
    expect(marked(hit!)).toEqual(['张三']);
    expect(marked(hits(search('san'))[0]!)).toEqual(['三']);
  });

  it('requires every term (AND)', () => {
    addRecord(1, '支部委员会', '研究发展党员工作。');
    addRecord(2, '支部委员会', '研究工会经费。');
    addRecord(3, '党课', '发展史。');
    expect(ids(search('研究 发展'))).toEqual(['r1']);
    expect(ids(search('研究　经费'))).toEqual(['r2']); // ideographic space
    expect(ids(search('发展'))).toHaveLength(2);
    expect(ids(search('发展 经费'))).toEqual([]);
  });

  it('ranks a title match above a body-only match', () => {
    addRecord(1, '组织生活会', '会上大家开展批评与自我批评，谈到廉洁教育的体会。');
    addRecord(2, '廉洁教育专题党课', '书记讲授党课。');
    addRecord(3, '支部委员会', '研究下一步工作。');
    expect(ids(search('廉洁'))).toEqual(['r2', 'r1']);
  });

  it('groups hits by book in the order of the tree, people last', () => {
    addPerson(1, '王安全', '安全员');
    addRecord(1, '规章制度', '安全生产责任制。', 'archive', 'regulation');
    addRecord(2, '班前会', '强调安全注意事项。', 'team', 'shift-meeting');
    addRecord(3, '支部委员会', '研究安全稳定工作。', 'branch-general', 'committee-meeting');
    addRecord(4, '安全检查', '检查消防安全。', 'discipline', 'safety-check');
    const r = search('安全');
    expect(r.groups.map((g) => g.book)).toEqual(['branch-general', 'discipline', 'team', 'archive', 'people']);
    expect(r.groups.map((g) => g.label)).toEqual(['党支部综合记录', '纪检监察综合治理记录', '班组综合记录', '支部档案', '人员名册']);
    expect(r.total).toBe(5);
    expect(r.groups[4]!.hits[0]).toMatchObject({ kind: 'person', id: 1, type: '', title: '王安全', date: '' });
    expect(r.groups[0]!.hits[0]).toMatchObject({ kind: 'record', id: 3, type: 'committee-meeting', title: '支部委员会', date: '2024-03-01' });
  });

  it('puts people first when the query is exactly a name or its pinyin', () => {
    addPerson(1, '张三', '');
    addRecord(1, '谈心谈话', '书记与张三同志谈心。', 'branch-general', 'talk');
    for (const q of ['张三', 'zhangsan', 'zs']) {
      const r = search(q);
      expect(r.groups[0]!.book, q).toBe('people');
    }
    addRecord(2, 'zs', 'zs', 'branch-general', 'talk');
    expect(search('zs').groups.map((g) => g.book)).toEqual(['people', 'branch-general']);
    // part of a name: people back in their place
    expect(search('三').groups.map((g) => g.book)).toEqual(['branch-general', 'people']);
  });

  it('marks the matched characters in the original, traditional text', () => {
    const body = '一、會議內容：傳達學習黨課精神。二、討論黨員發展工作，會議決定由黨小組長負責。';
    addRecord(1, '支部黨員大會', body);
    const [hit] = hits(search('党员 会议'));
    expect(hit!.snippet.text).toContain('會議內容');
    expect(marked(hit!)).toEqual(['會議', '黨員', '會議']);
    for (const [a, b] of hit!.snippet.marks) expect(b).toBeGreaterThan(a);
  });

  it('cuts a long text around the first match, with ellipses, keeping marks on the right characters', () => {
    const filler = '同志们认真学习了有关文件精神并结合实际工作进行了深入交流。'.repeat(5);
    const body = `${filler}会议要求：黨員要按時繳納黨費。${filler}`;
    addRecord(1, '支部党员大会', body);
    const [hit] = hits(search('党费'));
    const { text, marks } = hit!.snippet;
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(62);
    expect(marked(hit!)).toEqual(['黨費']);
    // starts at the beginning of the sentence holding the match
    expect(text.slice(1).startsWith('会议要求')).toBe(true);
    expect(marks).toHaveLength(1);
  });

  it('matches a term across punctuation and line breaks the way the index does, and marks it', () => {
    addRecord(1, '学习', '会议\n内容');
    const [hit] = hits(search('会议内容'));
    expect(hit!.snippet.text).toBe('会议 内容');
    expect(hit!.snippet.marks).toEqual([[0, 5]]);
  });

  it('uses the title for the snippet when only the title matches', () => {
    addRecord(1, '廉洁教育专题党课', '书记讲授。');
    const [hit] = hits(search('廉洁'));
    expect(hit!.snippet).toEqual({ text: '廉洁教育专题党课', marks: [[0, 2]] });
  });

  it('replaces a record on re-indexing rather than adding a second row', () => {
    addRecord(1, '支部委员会', '研究经费。');
    addRecord(1, '支部委员会', '研究发展党员。');
    expect(indexRows()).toBe(1);
    expect(ids(search('经费'))).toEqual([]);
    expect(ids(search('发展'))).toEqual(['r1']);
    addPerson(1, '张三', '');
    addPerson(1, '张珊', '');
    expect(indexRows()).toBe(2);
    expect(ids(search('张三'))).toEqual([]);
    expect(ids(search('张珊'))).toEqual(['p1']);
    // a record and a person with the same id are different rows
    expect(ids(search('zs')).sort()).toEqual(['p1']);
  });

  it('removes records and people on unindex', () => {
    addRecord(1, '支部委员会', '研究经费。');
    addRecord(2, '支部委员会', '研究经费。');
    addPerson(1, '张三', '研究员');
    unindexRecord(db(), 1);
    expect(ids(search('研究'))).toEqual(['r2', 'p1']);
    unindexPerson(db(), 1);
    expect(ids(search('研究'))).toEqual(['r2']);
    unindexRecord(db(), 99); // nothing indexed: no error
    expect(indexRows()).toBe(1);
  });

  it('limits the hits but counts them all', () => {
    for (let i = 1; i <= 30; i++) addRecord(i, `第${i}次支部委员会`, '研究工作。');
    addPerson(1, '研究', '');
    const r = search('研究', 10);
    expect(hits(r)).toHaveLength(10);
    expect(r.total).toBe(31);
    expect(hits(search('研究'))).toHaveLength(31);
  });

  it('ranks title matches first, newest first, when a query matches very many records', () => {
    addRecord(1, '廉洁党课', '书记讲授。');
    addRecord(2, '支部委员会', '研究廉洁教育。');
    addRecord(3, '支部委员会', '部署廉洁风险排查。');
    addRecord(4, '廉洁教育月', '活动安排。');
    addRecord(5, '支部委员会', '研究经费。');
    addPerson(1, '王廉洁', '');
    addPerson(2, '李四', '廉洁监督员');
    const r = searchAll(db(), '廉洁', { originals, rankLimit: 3 });
    expect(r.total).toBe(6);
    expect(r.groups.map((g) => g.book)).toEqual(['branch-general', 'people']);
    expect(ids(r)).toEqual(['r4', 'r1', 'r3', 'r2', 'p1', 'p2']);
    // the limit keeps title matches (people's names included) before body matches
    expect(ids(searchAll(db(), '廉洁', { originals, rankLimit: 3, limit: 3 }))).toEqual(['r4', 'r1', 'p1']);
    // several terms: a title match is one where every term is in the title
    expect(ids(searchAll(db(), '廉洁 教育', { originals, rankLimit: 1 }))).toEqual(['r4', 'r2']);
    // below the limit: bm25, which also puts title matches first
    expect(ids(searchAll(db(), '廉洁', { originals }))).toEqual(['r1', 'r4', 'r2', 'r3', 'p1', 'p2']);
    expect(ids(searchAll(db(), '廉洁', { originals, limit: 3 }))).toEqual(['r1', 'r4', 'p1']);
  });

  it('drops hits whose originals are gone and does not count them', () => {
    addRecord(1, '支部委员会', '研究经费。');
    addRecord(2, '支部委员会', '研究经费。');
    records.delete(2);
    const r = search('经费');
    expect(ids(r)).toEqual(['r1']);
    expect(r.total).toBe(1);
  });

  it('returns an empty result for an empty or blank query', () => {
    addRecord(1, '支部委员会', '研究经费。');
    for (const q of ['', ' ', '\u3000\t\n', '，。！', '""', '*']) expect(search(q)).toEqual({ groups: [], total: 0 });
  });

  it('survives hostile queries', () => {
    addRecord(1, '支部委员会 AND OR NOT NEAR', '研究"经费"* (预算) -支出 col:umn ^start 👍 {a b} NEAR(x y, 2)');
    addPerson(1, '张三', '');
    const hostile = [
      '"',
      '"经费',
      '经费"',
      '*',
      '经*',
      'NEAR',
      'NEAR(研究 经费, 2)',
      'AND',
      'OR',
      'NOT',
      '研究 AND',
      'AND 研究',
      '(研究',
      '研究)',
      '-支出',
      'title:研究',
      '^研究',
      '{title body}: 研究',
      '研究'.repeat(50),
      'x'.repeat(100),
      '👍',
      '👍研究👍',
      "'; DROP TABLE search_index; --",
      '\u0000\u0001',
      '\ud800',
      '+',
    ];
    for (const q of hostile) {
      expect(() => search(q), q).not.toThrow();
      const r = search(q);
      expect(r.total, q).toBe(hits(r).length);
    }
    expect(ids(search('"经费'))).toEqual(['r1']);
    expect(ids(search('NEAR'))).toEqual(['r1']);
    expect(ids(search('👍研究👍'))).toEqual(['r1']);
    expect(ids(search('-支出'))).toEqual(['r1']);
    expect(indexRows()).toBe(2);
  });

  it('rebuilds the whole index from the given records and people', () => {
    addRecord(1, '旧记录', '旧内容。');
    const fresh = [
      { id: 2, book: 'team' as const, title: '班前会', body: '安全交底。', date: '2024-01-02', type: 'shift-meeting' },
      { id: 3, book: 'archive' as const, title: '工作计划', body: '年度计划。', date: '2024-01-03', type: 'plan' },
    ];
    for (const r of fresh) records.set(r.id, r);
    people.set(1, { id: 1, name: '张三', body: '' });
    rebuildIndex(db(), fresh, people.values());
    expect(indexRows()).toBe(3);
    expect(ids(search('旧'))).toEqual([]);
    expect(ids(search('安全'))).toEqual(['r2']);
    expect(ids(search('计划'))).toEqual(['r3']);
    expect(ids(search('zs'))).toEqual(['p1']);
  });
});

// ---------------------------------------------------------------------------
// Timing check (reports, never fails): SEARCH_BENCH=20000 npx vitest run test/db/search.test.ts
// Without the variable it runs on 2,000 records, just to keep the code path exercised.
// The corpus is a worst case: every record is made of the same 200 sentences,
// so a query of a few characters matches thousands of records (real minutes
// are far more varied).

/** The roster of the person pickers' cases (ids in roster order). */
const PICKER_ROSTER = ['张三', '李四', '曾国藩', '吕小明', '单田芳', '解晓东', '张三丰', '小张', '孙强'];

describe('findPeopleByName (the person pickers)', () => {
  beforeEach(() => PICKER_ROSTER.forEach((name, i) => addPerson(i + 1, name, i === 0 ? '正式党员 第一党小组 书记' : '')));
  const names = (text: string) => findPeopleByName(db(), text).map((id) => PICKER_ROSTER[id - 1]);

  it.each<[string, string, string[]]>([
    ['a character of the name, names beginning with it first', '张', ['张三', '张三丰', '小张']],
    ['the whole name', '张三', ['张三', '张三丰']],
    ['full pinyin of the surname', 'zhang', ['张三', '张三丰', '小张']],
    ['full pinyin, exactly the name first', 'zhangsan', ['张三', '张三丰']],
    ['initials, exactly the name first', 'zs', ['张三', '张三丰']],
    ['initials of another name', 'sq', ['孙强']],
    ['initials with a space between', 'z s', ['张三', '张三丰']],
    ['mixed: full pinyin, then an initial', 'zhangs', ['张三', '张三丰']],
    ['mixed, two terms', 'zhang san', ['张三', '张三丰']],
    ['upper case', 'ZhangSan', ['张三', '张三丰']],
    ['full-width letters (an IME in full-width mode)', 'ＺＳ', ['张三', '张三丰']],
    ['traditional characters', '張三', ['张三', '张三丰']],
    ['polyphonic surname 曾 as zeng', 'zgf', ['曾国藩']],
    ['polyphonic surname 曾 in everyday reading too', 'cengguofan', ['曾国藩']],
    ['polyphonic surname 单 as shan', 'stf', ['单田芳']],
    ['polyphonic surname 解 as xie', 'xiexiaodong', ['解晓东']],
    ['ü as v', 'lvxiaoming', ['吕小明']],
    ['ü as u', 'lxm', ['吕小明']],
    ['no match', 'wz', []],
    ['a name nobody has', '王', []],
    ['not across two spellings', 'nz', []],
    ['not Chinese and pinyin in one term', '张s', []],
    ['not the rest of the roster entry (the search box finds that)', '书记', []],
    ['nothing typed', ' ', []],
  ])('%s: %s', (_case, text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('finds the people the search box finds by name (one rule)', () => {
    for (const q of ['张', 'zs', 'z s', 'zhangs', 'ＺＳ', 'zgf', 'stf', 'lvxiaoming', 'sq', 'wz']) {
      const searched = hits(search(q)).filter((x) => x.kind === 'person').map((x) => x.id);
      expect(findPeopleByName(db(), q).sort(), q).toEqual(searched.sort());
    }
  });

  it('keeps to the limit, best first', () => {
    expect(findPeopleByName(db(), 'z', 2).map((id) => PICKER_ROSTER[id - 1])).toEqual(['张三', '曾国藩']);
  });
});

const SUBJECTS = ['支部书记', '组织委员', '宣传委员', '纪检委员', '党小组长', '全体党员', '与会同志', '入党积极分子', '班组长', '工会主席'];
const ACTIONS = [
  '传达学习了党的二十大精神',
  '领学了《中国共产党章程》第三章',
  '通报了上半年党费收缴情况',
  '汇报了本季度安全生产工作',
  '讲授了题为“不忘初心、牢记使命”的专题党课',
  '对发展对象的培养考察情况作了说明',
  '围绕作风建设开展了批评与自我批评',
  '结合岗位实际谈了学习体会',
  '部署了下一阶段主题党日活动',
  '提出了加强班组安全管理的意见建议',
  '就困难职工帮扶工作作了安排',
  '对廉洁从业风险点进行了排查',
  '介绍了青年突击队的工作开展情况',
  '总结了“三会一课”制度落实情况',
  '强调要严格执行民主集中制',
  '对照检查了存在的问题和不足',
  '分析了当前意识形态领域的形势',
  '宣读了上级党委的有关通知',
  '讨论了年度党员民主评议工作方案',
  '表决通过了接收预备党员的决议',
];
const TAILS = [
  '，大家一致表示赞同。',
  '，要求各党小组抓好落实。',
  '，与会人员进行了热烈讨论。',
  '，并明确了责任人和完成时限。',
  '。',
  '，会议决定下月再作研究。',
  '，要求全体党员以身作则、带头示范。',
  '，大家纷纷表示要学以致用。',
  '，会后形成书面材料报上级党委。',
  '，要求在月底前完成整改。',
];
const TITLES = ['支部委员会', '支部党员大会', '党小组会', '专题党课', '主题党日', '组织生活会', '班前会', '职工大会', '谈心谈话', '安全活动'];
const NAMES = ['张', '王', '李', '赵', '钱', '孙', '周', '吴', '郑', '刘', '陈', '杨', '黄', '曾', '吕', '欧阳'];
const GIVEN = ['建国', '小明', '丽', '伟', '芳', '军', '静', '磊', '秀英', '海燕', '志强', '红梅', '三', '思远', '文', '超'];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

describe('timing (report only)', () => {
  it('indexes a synthetic corpus and times queries', () => {
    const n = Number(process.env.SEARCH_BENCH) || 2000;
    const perSet = process.env.SEARCH_BENCH ? 200 : 50;
    const rand = mulberry32(42); // deterministic: every run indexes the same corpus
    // the bank: 200 sentences of meeting-minutes style
    const bank: string[] = [];
    for (let i = 0; bank.length < 200; i++) {
      const s = `${pick(rand, SUBJECTS)}${pick(rand, ACTIONS)}${pick(rand, TAILS)}`;
      if (!bank.includes(s)) bank.push(s);
    }
    const books: BookId[] = ['branch-general', 'discipline', 'union-league', 'team', 'archive'];
    const corpus: (RecordEntry & { type: string })[] = [];
    for (let id = 1; id <= n; id++) {
      let body = '';
      while (body.length < 200 + rand() * 300) body += pick(rand, bank);
      corpus.push({
        id,
        book: pick(rand, books),
        title: `第${(id % 40) + 1}次${pick(rand, TITLES)}`,
        body,
        date: '2024-01-01',
        type: 'meeting',
      });
    }
    const roster: PersonEntry[] = [];
    for (let id = 1; id <= 300; id++) roster.push({ id, name: `${pick(rand, NAMES)}${pick(rand, GIVEN)}`, body: '正式党员 第一党小组' });
    for (const r of corpus) records.set(r.id, r);
    for (const p of roster) people.set(p.id, p);

    let t = performance.now();
    rebuildIndex(db(), corpus, roster);
    const indexMs = performance.now() - t;
    const chars = corpus.reduce((a, r) => a + r.body.length, 0);

    const queries = (len: number) =>
      Array.from({ length: perSet }, () => {
        const s = pick(rand, bank).replace(/[，。、“”《》！]/g, '');
        const at = Math.floor(rand() * (s.length - len));
        return s.slice(at, at + len);
      });
    const zip = (a: string[], b: string[]) => a.map((q, i) => `${q} ${b[i]!}`);
    const pinyinBank = ['zs', 'wxm', 'ljg', 'zhangsan', 'wangwei', 'lvxiaoming', 'zgf', 'chen', 'ouyang', 'hy'];
    const pinyinQueries = Array.from({ length: perSet }, (_, i) => pinyinBank[i % pinyinBank.length]!);
    const sets: [string, string[]][] = [
      ['1 char', queries(1)],
      ['2 chars', queries(2)],
      ['3 chars', queries(3)],
      ['5 chars', queries(5)],
      ['2 terms', zip(queries(2), queries(2))],
      ['pinyin', pinyinQueries],
      ['common 1 char (党)', Array.from({ length: perSet }, () => '党')],
    ];
    const forced: [string, string[]][] = [
      ['2 chars, all bm25', queries(2)],
      ['5 chars, all bm25', queries(5)],
    ];
    const lines = [`indexed ${n} records (${(chars / n).toFixed(0)} chars avg) + ${roster.length} people in ${indexMs.toFixed(0)} ms`];
    for (const [label, qs, rankLimit] of [...sets, ...forced.map(([l, q]) => [l, q, Infinity] as const)]) {
      const times: number[] = [];
      let totalHits = 0;
      for (const q of qs) {
        t = performance.now();
        const r = searchAll(db(), q, rankLimit === undefined ? { originals } : { originals, rankLimit });
        times.push(performance.now() - t);
        totalHits += r.total;
      }
      times.sort((a, b) => a - b);
      lines.push(
        `${label.padEnd(18)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms  max ${times[times.length - 1]!.toFixed(2)} ms  avg total hits ${(totalHits / qs.length).toFixed(0)}`,
      );
    }
    // re-indexing single records in a full index (what a save does)
    const times: number[] = [];
    for (let i = 0; i < perSet; i++) {
      const r = corpus[Math.floor(rand() * corpus.length)]!;
      t = performance.now();
      indexRecord(db(), { ...r, body: `${r.body}${pick(rand, bank)}` });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    lines.push(`re-index 1 record   p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms`);
    console.log(lines.join('\n'));
    expect(indexRows()).toBe(n + roster.length);
  });
});
