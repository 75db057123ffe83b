/**
 * Phrase banks for the demo: what a drilling crew's branch secretary would
 * write in each book. Functions take the draw context and return candidates;
 * the generator picks and joins them. Nothing here knows the database.
 */
import type { Rng } from './random.js';

export interface TextCtx {
  rng: Rng;
  year: number;
  /** 1–12 */
  month: number;
  date: string;
  /** a study theme of the year (党的二十大精神 …) */
  theme: string;
  well: string;
  depth: number;
  /** what the rig is doing this week (钻进, 起下钻, 固井 …) */
  op: string;
  /** the 班组 a team record is about (钻井一班 …), or '' */
  crew: string;
}

const pick = <T>(c: TextCtx, items: readonly T[]) => c.rng.pick(items);

// ---------- themes of the year ----------

const THEMES: Record<number, readonly string[]> = {
  2015: ['“三严三实”专题教育', '党的十八届五中全会精神'],
  2016: ['“两学一做”学习教育', '党的十八届六中全会精神', '习近平总书记“七一”重要讲话精神'],
  2017: ['党的十九大精神', '“两学一做”学习教育常态化制度化', '习近平新时代中国特色社会主义思想'],
  2018: ['习近平新时代中国特色社会主义思想', '《中国共产党支部工作条例（试行）》', '新修订的《中国共产党纪律处分条例》', '宪法修正案'],
  2019: ['“不忘初心、牢记使命”主题教育', '党的十九届四中全会精神', '习近平新时代中国特色社会主义思想'],
  2020: ['党的十九届五中全会精神', '习近平总书记关于疫情防控的重要讲话精神', '《中国共产党基层组织选举工作条例》'],
  2021: ['党史学习教育', '习近平总书记“七一”重要讲话精神', '党的十九届六中全会精神'],
  2022: ['党的二十大精神', '习近平总书记关于能源安全的重要论述', '《中国共产党章程（修正案）》'],
  2023: ['学习贯彻习近平新时代中国特色社会主义思想主题教育', '党的二十大精神', '习近平总书记关于调查研究的重要论述'],
  2024: ['党纪学习教育', '党的二十届三中全会精神', '新修订的《中国共产党纪律处分条例》'],
  2025: ['深入贯彻中央八项规定精神学习教育', '党的二十届四中全会精神', '习近平总书记关于保障国家能源安全的重要指示精神'],
  2026: ['党的二十届四中全会精神', '“十五五”规划纲要', '习近平新时代中国特色社会主义思想'],
};
const DEFAULT_THEMES = ['习近平新时代中国特色社会主义思想', '党章党规', '党的基本理论'];

export function yearThemes(year: number): readonly string[] {
  return THEMES[year] ?? DEFAULT_THEMES;
}

// ---------- meeting places ----------

export const PLACES = {
  party: ['队部会议室', '党员活动室', '野营房会议室', '井场会议室', '基地二楼会议室'],
  theme: ['党员活动室', '井场', '铁人精神教育基地', '革命烈士纪念馆', '社区志愿服务站', '油田历史陈列馆', '基地广场'],
  team: ['值班房', '钻台', '井场值班房', '野营房会议室', '司钻房前'],
  staff: ['基地会议室', '井场会议室', '食堂'],
  talk: ['队部办公室', '值班房', '书记办公室', '井场', '职工宿舍', '野营房'],
};

// ---------- topics by record type ----------

const QUARTER = ['一', '二', '三', '四'];
const quarterOf = (c: TextCtx) => QUARTER[Math.floor((c.month - 1) / 3)]!;

/** Candidate topics (议题/学习内容/活动主题 …) of a meeting type on that date. */
export function topicsFor(type: string, c: TextCtx): string[] {
  const t = c.theme;
  const y = c.year;
  switch (type) {
    case 'branch-assembly':
      return [
        `传达学习${t}`,
        `通报${quarterOf(c)}季度支部工作情况`,
        `部署${quarterOf(c)}季度党建和安全生产重点工作`,
        c.month <= 3 ? `审议${y}年支部工作计划` : `通报${y}年党费收缴情况`,
        '学习《中国共产党章程》',
        '讨论党员责任区划分和党员示范岗设置',
        `学习${pick(c, ['《中国共产党支部工作条例（试行）》', '《中国共产党党员教育管理工作条例》', '《中国共产党纪律处分条例》', '《中国共产党发展党员工作细则》'])}`,
      ];
    case 'committee-meeting':
      return [
        `研究${c.month}月份党建工作安排`,
        `研究${c.month}月主题党日活动方案`,
        '分析班组职工思想动态',
        '研究入党积极分子培养考察情况',
        '研究困难职工帮扶慰问事宜',
        '分析当前安全生产形势，研究党员安全责任区工作',
        `安排${t}学习`,
        '研究党费收缴和使用情况',
        '研究推荐先进集体和先进个人人选',
        `研究${c.well}提速提效党员攻关项目`,
      ];
    case 'group-meeting':
      return [
        `学习${t}`,
        '传达支部委员会会议精神',
        '交流党员责任区安全生产情况',
        '开展谈心交流和批评与自我批评',
        '收缴本月党费',
        '讨论党员先锋岗创建',
        `交流${c.well}施工中的难点和办法`,
        '学习典型事故案例，查找身边隐患',
      ];
    case 'party-lecture':
      return [`深入学习${t}`, '交流学习体会'];
    case 'theme-party-day':
      return [themeDay(c), pick(c, ['重温入党誓词', '集中缴纳党费', '交流学习体会', '开展志愿服务', '党员亮身份、作承诺'])];
    case 'org-life-meeting':
      return [`${y}年度组织生活会`, '支部委员会班子对照检查', '党员个人对照检查，开展批评和自我批评', '通报上年度整改落实情况'];
    case 'member-review':
      return [`${y}年度民主评议党员`, '党员个人述职和自评', '党员互评和民主测评'];
    case 'staff-meeting':
      return [
        `通报${quarterOf(c)}季度生产经营情况`,
        '传达公司职工代表大会精神',
        c.month >= 10 ? '部署冬季安全生产和冬防保温工作' : '部署夏季防暑降温和防汛工作',
        '通报队务公开和班组考核情况',
        '表彰上季度先进班组和先进个人',
        '讨论职工关心的食宿和倒班问题',
      ];
    case 'study-session':
      return [
        `学习${t}`,
        '学习《中华人民共和国安全生产法》',
        '学习公司井控管理实施细则',
        '学习HSE管理体系文件',
        '学习公司工作会议精神',
        '学习员工奖惩管理规定',
        '学习公司“四不两直”安全检查通报',
      ];
    case 'integrity-education':
      return [
        '学习《中国共产党廉洁自律准则》',
        '通报违反中央八项规定精神典型问题',
        '物资采购和领用环节廉洁风险防控',
        '以案促改、以案促治警示教育',
        `${c.month <= 2 ? '元旦春节' : c.month >= 9 ? '中秋国庆' : '节假日'}期间廉洁提醒`,
        '观看警示教育片',
      ];
    case 'safety-meeting':
      return [
        '分析井队安全稳定形势',
        '排查矛盾纠纷和不稳定因素',
        `部署${pick(c, ['节假日', '重大活动期间', '冬季', '汛期'])}安全稳定工作`,
        '营地治安、消防和交通安全管理',
        '防范电信网络诈骗宣传',
        '外协施工队伍管理',
      ];
    case 'union-meeting':
      return [
        '研究困难职工帮扶方案',
        `组织开展${pick(c, ['“安全提速”', '“节能降耗”', '“百日上产”'])}劳动竞赛`,
        '安排职工文体活动',
        '讨论合理化建议采纳情况',
        '研究职工食堂和营房管理',
        c.month >= 6 && c.month <= 8 ? '开展夏季“送清凉”活动' : '开展“送温暖”活动',
      ];
    case 'league-assembly':
      return [
        `学习${t}`,
        '开展“青年安全生产示范岗”创建',
        '推荐优秀团员作入党积极分子人选',
        '团支部工作情况通报',
        c.month === 5 ? '“五四”青年节主题团日活动' : '青年志愿服务活动安排',
      ];
    case 'league-committee':
      return ['研究团员发展和“推优”工作', '安排青年志愿服务活动', '研究团费收缴情况', '研究青年读书活动安排', '研究青工技能比武参赛人选'];
    case 'league-group-meeting':
      return ['学习团章', '交流岗位成才体会', '青年读书分享', `学习${t}`, '讨论班组青年安全监督岗工作'];
    case 'league-lecture':
      return ['团课学习', '交流学习体会'];
    case 'league-review':
      return [`${y}年度团员教育评议`, '团员个人自评', '团员互评和民主测评'];
    case 'pre-shift-meeting':
      return [`${c.well}${c.op}作业交底`, '当班风险识别和安全提示', '劳保用品穿戴检查', '交接班情况通报', '设备运转情况检查'];
    case 'post-shift-meeting':
      return ['当班工作完成情况讲评', '交接班情况', '存在问题及整改', '表扬与批评'];
    case 'safety-activity':
      return [
        `学习${pick(c, ['井喷失控', '高处坠落', '物体打击', '机械伤害', '硫化氢中毒', '触电', '起重伤害'])}事故案例`,
        `${pick(c, ['井控', '硫化氢防护', '消防', '防井喷', '急救'])}应急演练`,
        c.month >= 11 || c.month <= 2 ? '冬季“四防”隐患排查' : '夏季防暑防汛隐患排查',
        '高处作业安全技术交底',
        '吊装作业安全技术交底',
        '动火作业和受限空间作业管理',
        '临时用电安全检查',
      ];
    case 'skill-training':
      return [
        '顶驱操作与维护保养',
        '井控装置操作与关井程序',
        '钻井液性能测试',
        '司钻操作技能',
        '防喷演习与坐岗观察',
        '新员工三级安全教育',
        '固控设备使用与维护',
        '起下钻操作规程',
        '柴油机日常维护',
      ];
    case 'team-study':
      return [`学习${t}`, '学习岗位操作规程', '学习HSE作业指导书', '学习班组管理制度', '学习公司安全生产通报', '学习QHSE管理体系文件'];
    default:
      return [`学习${t}`, '通报近期工作情况', '研究下一步工作安排'];
  }
}

function themeDay(c: TextCtx): string {
  const anniversary = c.year - 1921;
  const byMonth: Record<number, string[]> = {
    1: ['新春送温暖', '“迎新春、话发展”'],
    2: ['学习全国“两会”精神', '“党员先锋岗”承诺践诺'],
    3: ['学雷锋志愿服务', '“雷锋精神在井场”'],
    4: ['清明祭英烈', '缅怀革命先烈，传承红色基因'],
    5: ['劳动光荣、奋斗最美', '五四精神进班组'],
    6: ['“安全生产月”党员在行动', '党员身边无事故'],
    7: [`庆祝建党${anniversary}周年暨重温入党誓词`, '“七一”党员政治生日'],
    8: ['八一拥军、传承铁军精神', '夏季防暑降温党员服务队'],
    9: ['学习铁人精神，争做新时代铁人', '“我为群众办实事”'],
    10: ['我为祖国献石油', '国庆主题教育'],
    11: ['冬季安全大检查党员突击队', '“冬防保温”党员在行动'],
    12: ['“12·4”国家宪法日学法', '年终总结、党员承诺兑现'],
  };
  const name = pick(c, byMonth[c.month] ?? ['党员先锋岗']);
  return `${name.includes('“') ? name : `“${name}”`}主题党日活动`;
}

export function lectureTitle(c: TextCtx, league = false): string {
  if (league)
    return pick(c, ['青春向党 建功油田', '学习团史 传承红色基因', '争做新时代好青年', '五四精神与青年担当', `学习${c.theme}，青年怎么做`, '安全生产，青年当先']);
  return pick(c, [
    `深入学习${c.theme}`,
    '弘扬石油精神，传承大庆精神铁人精神',
    '坚定理想信念，做新时代合格共产党员',
    '发扬“三老四严”优良传统',
    '以高质量党建引领安全生产',
    '从党史中汲取奋进力量',
    '严守政治纪律和政治规矩',
    '新时代石油工人的使命担当',
    '党员如何在岗位上发挥先锋模范作用',
    '学习《中国共产党章程》，增强党章意识',
  ]);
}

// ---------- meeting content ----------

export type Domain = 'party' | 'staff' | 'safety' | 'union' | 'league' | 'team' | 'discipline';

export function domainOf(type: string, book: string): Domain {
  if (type.startsWith('league')) return 'league';
  if (type.startsWith('union')) return 'union';
  if (book === 'team') return 'team';
  if (type === 'safety-meeting') return 'safety';
  if (type === 'staff-meeting' || type === 'study-session') return 'staff';
  if (book === 'discipline') return 'discipline';
  return 'party';
}

const SPEECH: Record<Domain, readonly string[]> = {
  party: [
    '作为一名党员，要在井场带头讲安全、守规程，关键岗位上让群众看得见党员的样子',
    '通过学习，进一步认识到要把学习成果转化为推动生产的实际行动',
    '本班组党员责任区本月未发生违章，下一步继续盯紧起下钻和吊装作业',
    '建议支部把学习安排和倒班时间结合起来，保证在岗人员也能按时参学',
    '我们班新员工多，党员要主动“传帮带”，把操作规程讲透',
    '要把理论学习和解决现场实际问题结合起来，不搞形式',
    '在提速提效攻关中，党员要冲在前面，敢于啃硬骨头',
    '自己在学习上还存在时间抓得不紧的问题，今后要按计划完成学习笔记',
  ],
  staff: [
    '学了安全生产法，更清楚了自己岗位上的安全责任',
    '建议把学习时间安排在倒班交接后，大家都能参加',
    '新来的员工要尽快熟悉井控知识，老师傅多带一带',
    '班组之间要多交流经验，把好的做法推广开',
    '希望队上继续改善野营房的生活条件',
    '要按制度办事，奖金考核公开透明，大家心里服气',
  ],
  safety: [
    '近期营地周边有外来人员出入，夜间要加强巡查',
    '职工家中有矛盾的要及时谈心，防止带情绪上岗',
    '节前车辆出行多，要严格执行派车制度，严禁私自出车',
    '外协队伍人员流动大，要落实入场安全教育',
  ],
  union: [
    '职工反映食堂夜班伙食品种偏少，建议调整',
    '困难职工帮扶名单要公开透明，先摸清情况再定标准',
    '劳动竞赛评比要以安全为前提，不能拼设备、拼体力',
    '建议组织一次篮球比赛，丰富职工业余生活',
    '夏季高温，建议给井场一线多备防暑药品和绿豆汤',
    '职工子女入学有困难的，工会要帮助协调',
    '合理化建议要及时反馈采纳结果，大家才有积极性',
    '倒休回家的职工交通不便，建议统一安排班车',
  ],
  league: [
    '青年员工要在技术上多下功夫，争当岗位能手',
    '团员要在安全生产中发挥监督作用，发现违章及时提醒',
    '建议团支部多组织读书分享和技能交流',
    '自己申请入党，要按照党员标准严格要求自己',
    '青年突击队在搬家安装中要冲在前面',
    '希望多组织青工技能比武，以赛促学',
    '要向老师傅学习，把操作规程吃透',
    '青年志愿服务可以和社区结对，常态化开展',
  ],
  team: [
    '起下钻前检查好吊卡、卡瓦，司钻和井架工要互相呼应',
    '泥浆性能要按时测，发现溢流立即报告',
    '交接班要交清井下情况和设备状况，不留尾巴',
    '高处作业必须系好安全带，工具要拴好防坠绳',
    '夜班人员要注意休息，杜绝疲劳作业',
  ],
  discipline: [
    '要从典型案例中汲取教训，守住廉洁底线',
    '物资领用要严格登记，做到账物相符',
    '节假日期间要严格执行中央八项规定精神，不收受礼品礼金',
    '要管好身边人、管好自己的“八小时以外”',
  ],
};

const EMPHASIS: Record<Domain, readonly string[]> = {
  staff: ['全体职工要把学习成果落实到岗位上，确保安全生产和各项任务完成', '各班组要抓好传达学习，确保人人知晓', '要遵章守纪、团结协作，共同把井队建设好'],
  party: [
    '要把学习成果转化为干事创业的实际行动，以党建工作的实效推动安全生产',
    '全体党员要亮身份、作表率，在急难险重任务中冲在前面',
    '各党小组要按时开好组织生活，做好学习记录',
    '要严格执行“三会一课”制度，确保学习教育全覆盖',
    '要按时足额缴纳党费，增强党员意识',
  ],
  safety: ['要把矛盾纠纷化解在萌芽状态，确保井队安全稳定', '要落实值班值守和信息报告制度，发现问题及时上报'],
  union: ['要把职工的事当成自己的事，把温暖送到职工心坎上', '工会小组要及时收集职工意见，能解决的马上解决'],
  league: ['广大团员青年要立足岗位、勇于担当，在井场建功立业', '团支部要发挥好党的助手和后备军作用'],
  team: ['严格执行操作规程，杜绝“三违”', '做到不安全不生产，确保当班安全平稳', '班组成员要互相监督、互相提醒'],
  discipline: ['全体党员干部要知敬畏、存戒惧、守底线', '要把纪律和规矩挺在前面，营造风清气正的良好氛围'],
};

const SUMMARY: Record<Domain, readonly string[]> = {
  party: [
    '会议主题明确，发言积极，达到了统一思想、明确任务的目的。',
    '本次会议学习深入，讨论热烈，大家表示将以实际行动落实会议要求。',
    '会议按议程进行，各项议题均已完成。',
    '与会党员结合岗位实际谈认识、找差距，会议取得预期效果。',
  ],
  staff: ['会议传达了上级要求，部署了近期工作，职工参与积极。', '本次学习内容充实，达到了预期效果。', '会议按议程进行，各项内容均已传达到位。'],
  safety: ['会议分析了当前安全稳定形势，明确了下一步措施和责任人。'],
  union: ['会议研究了职工关心的问题，明确了办理时限。', '会议气氛热烈，职工参与积极。'],
  league: ['会议气氛活跃，团员青年踊跃发言。', '本次会议达到了学习交流、凝聚青年的目的。'],
  team: ['本班安全平稳。', '当班任务明确，风险提示到位。', '班组成员精神状态良好。'],
  discipline: ['通过学习教育，大家进一步增强了纪律意识和规矩意识。'],
};

export const PENDING = [
  '个别党员学习笔记不够规范，由党小组长督促完善。',
  '部分职工反映营房热水供应不稳定，需与后勤协调解决。',
  '积极分子培养联系人需进一步明确。',
  '党员活动室宣传栏内容需要更新。',
  '部分学习资料需上级补发。',
];

const NUM = ['一', '二', '三', '四', '五', '六'];

/** 会议内容: who opened, each topic with what was said, a few speakers, and the host's closing words. */
export function meetingContent(c: TextCtx, d: Domain, host: string, topics: readonly string[], speakers: readonly string[], leader: string, lecturer = '', type = ''): string {
  const out: string[] = [];
  if (d === 'team') {
    out.push(`${host}组织召开本次会议。`);
    if (speakers[0]) out.push(`${speakers[0]}：${pick(c, SPEECH.team)}。`);
    out.push(`${host}强调：${pick(c, EMPHASIS.team)}。`);
    return out.join('\n');
  }
  out.push(`会议由${host}主持。${leader ? `${leader}到会指导。` : ''}`);
  topics.forEach((t, i) => {
    out.push(`${NUM[i] ?? i + 1}、${t}。`);
    const who = i === 0 ? host : pick(c, [host, ...speakers]);
    if (lecturer && i === 0) out.push(`${lecturer}以“${t}”为题讲授${type === 'league-lecture' ? '团课' : '党课'}，${pick(c, ['结合石油工人的奋斗历程，讲得生动具体', '联系井队安全生产实际，深入浅出', '用身边人身边事讲道理，大家很受启发'])}。`);
    else if (/^(讨论|研究)/.test(t)) out.push(`${who}介绍了有关情况，与会人员逐一发表意见，${pick(c, ['形成一致意见', '会议进行了认真讨论', '提出了具体建议'])}。`);
    else if (/^(传达|学习|深入学习)/.test(t)) out.push(`${who}${pick(c, ['领学了', '传达了', '原文学习了'])}有关内容，${pick(c, ['并结合本队实际提出了贯彻落实意见', '重点讲解了其中的主要精神和工作要求', '大家结合岗位谈了认识'])}。`);
    else out.push(`${who}${pick(c, ['通报了', '介绍了', '说明了'])}有关情况，${pick(c, ['对照上级要求分析了本队存在的差距', '逐项明确了责任人和完成时限', '提出了下一步工作要求'])}。`);
  });
  const said = new Set<string>();
  for (const s of speakers.slice(0, 4)) {
    let line = pick(c, SPEECH[d]);
    for (let k = 0; k < 3 && said.has(line); k++) line = pick(c, SPEECH[d]);
    said.add(line);
    out.push(`${s}发言：${line}。`);
  }
  out.push(`${host}最后强调：${pick(c, EMPHASIS[d])}。`);
  return out.join('\n');
}

export function meetingSummary(c: TextCtx, d: Domain): string {
  return pick(c, SUMMARY[d]);
}

// ---------- motions ----------

export function genericMotions(type: string, c: TextCtx): string[] {
  if (type === 'committee-meeting')
    return [
      `通过${c.month}月主题党日活动方案`,
      '通过困难职工慰问名单',
      '通过党费使用计划',
      '通过党员责任区调整方案',
      '同意推荐“优秀共产党员”人选报分公司党委',
    ];
  return [
    c.month <= 3 ? `通过《${c.year}年党支部工作计划》` : '通过党费收缴使用情况报告',
    '通过党员责任区和党员示范岗设置方案',
    c.month >= 11 ? `评选${c.year}年度优秀共产党员` : '通过“党员先锋岗”命名名单',
  ];
}

// ---------- team (班组) ----------

export const OPERATIONS = ['钻进', '起下钻', '下套管', '固井', '测井配合', '通井', '完井', '搬迁安装', '开钻验收', '钻水泥塞'];

export function shiftTasks(c: TextCtx): string {
  if (c.crew === '机修班')
    return `${pick(c, ['1号柴油机例行保养', '检修2号泥浆泵', '营房电路检查', '发电机组例行保养', '车辆例行检查', '绞车刹车系统检查'])}；${pick(c, ['配合钻井班更换钻具', '补充常用备件', '清点工具'])}。`;
  const lines: string[] = [];
  if (c.op === '钻进') lines.push(`${c.well}钻进至${c.depth}米，计划进尺${c.rng.int(8, 30) * 10}米`);
  else if (c.op === '搬迁安装') lines.push(`完成${c.well}${pick(c, ['井架立放前检查', '设备就位安装', '循环系统连接', '电路安装调试'])}`);
  else lines.push(`${c.well}${c.op}作业，井深${c.depth}米`);
  lines.push(pick(c, ['按时测量钻井液性能，坐岗观察液面', '做好设备巡回检查', '配合技术员做好资料录取', '清理钻台及循环罐区卫生', '做好井控装置日常检查']));
  return lines.join('；') + '。';
}

export function shiftSafety(c: TextCtx): string {
  const tips = [
    '上下钻台扶好扶梯，高处作业系好安全带',
    '起下钻注意吊卡销子和猫头绳，严禁跨越钢丝绳',
    '坐岗人员发现溢流立即报告司钻',
    '硫化氢监测仪保持开启，正确佩戴正压式呼吸器',
    '大风天气注意高空落物',
    '用电设备检修严格执行挂牌上锁',
    '夜间作业照明充足，防止滑倒摔伤',
    '吊装作业专人指挥，吊物下严禁站人',
  ];
  if (c.month >= 11 || c.month <= 3) tips.push('冬季注意防冻防滑，管线及时放水', '取暖设施注意防火、防一氧化碳中毒');
  if (c.month >= 6 && c.month <= 8) tips.push('夏季注意防暑降温，合理安排作息', '雷雨天气停止高处作业');
  return c.rng.sample(tips, 2).join('；') + '。';
}

export function shiftEquipment(c: TextCtx): string {
  return pick(c, ['设备运转正常。', '绞车、顶驱运转正常，1号泥浆泵上水稍差，已安排检修。', '柴油机运转正常，2号发电机待保养。', '井控装置试压合格，运转正常。', '固控设备运转正常，振动筛筛布已更换。']);
}

export function shiftWorkDone(c: TextCtx): string {
  if (c.op === '钻进') return `本班进尺${c.rng.int(5, 35) * 10}米，井深${c.depth}米，钻井液性能正常。`;
  return `按计划完成${c.op}任务，${pick(c, ['未发生安全事故', '井下正常', '设备运转正常', '交接清楚'])}。`;
}

export function shiftProblems(c: TextCtx): string {
  return pick(c, ['', '', '个别人员劳保穿戴不规范，已当场纠正。', '钻台工具摆放不整齐。', '坐岗记录填写不及时。', '泥浆泵有刺漏，已处理。']);
}

export function shiftEvaluation(c: TextCtx, names: readonly string[]): string {
  const who = names[0] ?? '';
  return pick(c, [`本班工作完成较好，${who}操作规范，提出表扬。`, '全班配合默契，任务完成较好。', `${who}工作积极主动，值得大家学习。`, '本班总体情况良好，个别细节需改进。']);
}

export function hazards(c: TextCtx): string {
  return pick(c, [
    '发现钻台护栏一处松动，已当场紧固。',
    '循环罐区照明灯损坏一盏，已更换。',
    '两具灭火器压力不足，已送检更换。',
    '发现一处电缆破皮，已包扎并上报。',
    '未发现明显隐患。',
    '逃生滑道下方有杂物，已清理。',
  ]);
}

// ---------- talks ----------

export interface TalkText {
  theme: string;
  content: string;
  concerns: string;
  measures: string;
  followUp: string;
}

export function talkText(c: TextCtx, category: string, subject: string, talker: string): TalkText {
  switch (category) {
    case '岗位变动':
      return {
        theme: '岗位调整谈心',
        content: `${talker}向${subject}介绍了新岗位的职责和安全要求，了解其对岗位调整的想法。\n${subject}表示服从安排，会尽快熟悉新岗位。`,
        concerns: pick(c, ['担心新岗位操作不熟练。', '希望安排师傅带一段时间。', '无。']),
        measures: '安排老师傅“一帮一”带班，一个月后再谈一次。',
        followUp: `${subject}已基本胜任新岗位工作。`,
      };
    case '受奖或受处分':
      return {
        theme: pick(c, ['受表彰后谈心', '受处分后思想疏导']),
        content: `${talker}与${subject}谈心，肯定成绩、指出不足，帮助其正确对待。\n${subject}表示将吸取经验教训，做好本职工作。`,
        concerns: '无。',
        measures: '继续关注其思想和工作状态。',
        followUp: '工作表现稳定。',
      };
    case '家庭困难':
      return {
        theme: '了解家庭困难情况',
        content: `${talker}详细了解了${subject}家庭${pick(c, ['老人患病住院', '子女上学', '配偶失业', '房屋受灾'])}的情况，宣传了公司帮扶政策。`,
        concerns: pick(c, ['医疗费用负担较重。', '希望调整倒班以便照顾家人。', '子女学费有缺口。']),
        measures: '提请工会纳入困难职工帮扶，支部协调倒班安排。',
        followUp: '已落实帮扶措施，家庭情况有所好转。',
      };
    case '意见分歧':
      return {
        theme: '化解工作矛盾',
        content: `${subject}与班组同事在工作安排上有分歧，${talker}分别听取双方意见，讲清制度规定。`,
        concerns: '认为班组任务分配不够合理。',
        measures: '与班长沟通，调整分工并在班组会上说明。',
        followUp: '双方已消除误会。',
      };
    case '群众反映问题':
      return {
        theme: '就群众反映问题谈话',
        content: `有职工反映${subject}${pick(c, ['工作方法简单', '班后饮酒', '考勤不严'])}，${talker}与其谈话核实并提出要求。`,
        concerns: '本人作了说明，表示接受批评。',
        measures: '提醒其注意工作方法，严格遵守劳动纪律。',
        followUp: '已整改，职工无新的反映。',
      };
    case '政治生日':
      return {
        theme: '政治生日谈心',
        content: `在${subject}入党纪念日之际，${talker}与其谈心，一起重温入党誓词，回顾入党初心。\n${subject}谈了入党以来的成长和收获。`,
        concerns: '无。',
        measures: '赠送政治生日贺卡和学习书籍。',
        followUp: '',
      };
    case '其他':
      return {
        theme: pick(c, ['入党申请人谈话', '入党积极分子培养谈话', '发展对象谈话']),
        content: `${talker}与${subject}谈话，了解其入党动机和对党的认识，介绍了发展党员的程序和要求。\n${subject}表示将以党员标准严格要求自己。`,
        concerns: '希望多参加支部组织的学习活动。',
        measures: '指定培养联系人，推荐学习篇目。',
        followUp: '按要求提交了思想汇报。',
      };
    default:
      return {
        theme: pick(c, ['日常谈心', '了解思想和工作情况', '节前谈心', '倒班休假前谈心']),
        content: `${talker}与${subject}谈心，了解其近期思想、工作和生活情况，${pick(c, ['听取了对支部工作的意见建议', '交流了对班组管理的看法', '询问了家庭情况'])}。`,
        concerns: pick(c, ['无。', '希望增加技术培训机会。', '营房空调制冷效果差。', '希望休假安排更灵活。']),
        measures: pick(c, ['已向队部反映，尽快解决。', '推荐参加分公司技能培训。', '无需处理。']),
        followUp: '',
      };
  }
}

// ---------- discipline ----------

export const CHECK_MATTERS = [
  '中央八项规定精神落实情况',
  '物资领用和库房管理',
  '食堂账务公开情况',
  '奖金和加班费发放情况',
  '公务用车使用管理',
  '党费收缴和使用情况',
  '劳保用品发放情况',
  '外协队伍结算情况',
];
export const CHECK_TARGETS = ['钻井一班', '钻井二班', '钻井三班', '钻井四班', '材料房', '职工食堂', '队部', '机修班'];

export const RECTIFY_ISSUES = [
  '个别党员学习笔记记录不规范',
  '党员活动室宣传栏内容更新不及时',
  '井场消防器材检查记录不全',
  '食堂卫生不达标',
  '党费收缴存在延迟',
  '物资领用登记不完整',
  '班组安全活动记录过于简单',
  '谈心谈话覆盖面不够',
  '部分职工对队务公开内容不了解',
  '个别岗位操作规程未及时修订',
];

export const RECTIFY_MEASURES = [
  '制定整改方案，明确责任人和时限，整改完成后组织复查。',
  '组织专题培训，统一记录格式，支部每月抽查。',
  '建立台账，实行销号管理。',
  '完善相关制度，加强日常检查。',
];

// ---------- union ----------

export const CONTESTS = ['“安全提速”劳动竞赛', '“百日上产”劳动竞赛', '“优质快速钻井”劳动竞赛', '节能降耗劳动竞赛', '“比学赶帮超”班组竞赛', '“安全生产无事故”竞赛'];

export const SUGGESTIONS = [
  '改进钻台工具摆放方式',
  '循环罐加装防护栏',
  '优化起下钻操作流程',
  '柴油机余热用于营房供暖',
  '营房照明改用节能灯',
  '泥浆药品库房防潮改造',
  '自制钻杆丝扣清洗装置',
  '井场排水沟改造',
  '振动筛筛布更换工具改进',
  '冬季管线保温方法改进',
  '值班房增设工具定置架',
  '改进交接班记录表格',
];

// ---------- documents ----------

export function documentBody(c: TextCtx, title: string, kind: string): string {
  const t = c.theme;
  const parts: string[] = [];
  if (kind === 'regulation') {
    parts.push(`第一条 为规范${title.replace(/制度|办法|规定|（.*）/g, '')}工作，根据上级有关规定，结合本队实际，制定本制度。`);
    parts.push('第二条 本制度适用于本支部全体党员和职工。');
    parts.push(`第三条 ${pick(c, ['支部委员会负责组织实施，党小组具体落实', '书记为第一责任人，支部委员按分工负责', '各班组长负责本班组的组织落实'])}。`);
    parts.push(`第四条 ${pick(c, ['每月开展一次，遇有特殊情况可适当调整', '按计划组织，做好记录，年底归档', '实行台账管理，做到有据可查'])}。`);
    parts.push('第五条 对执行不力的，按有关规定严肃处理。');
    parts.push('第六条 本制度由支部委员会负责解释，自印发之日起执行。');
    return parts.join('\n');
  }
  parts.push(`为深入学习贯彻${t}，全面落实上级党委工作部署，结合本队安全生产实际，${kind === 'work-summary' ? '现将有关工作总结如下' : '制定本' + (kind === 'measure' ? '措施' : kind === 'activity-scheme' ? '方案' : '计划')}。`);
  parts.push(`一、${kind === 'work-summary' ? '主要工作及成效' : '指导思想和目标'}`);
  parts.push(
    pick(c, [
      `坚持以党建引领安全生产，围绕${c.year}年生产任务，推动党建工作与中心工作深度融合。`,
      `以“三会一课”为抓手，严格党员教育管理，全年完成钻井进尺${c.rng.int(3, 9)}万米，实现安全生产无事故。`,
      '以提升组织力为重点，增强支部政治功能和组织功能。',
    ]),
  );
  parts.push(`二、${kind === 'work-summary' ? '存在的问题' : '主要内容'}`);
  parts.push(`（一）${pick(c, ['加强理论学习', '严格组织生活', '抓好党员队伍建设', '强化安全生产责任落实'])}。${pick(c, ['按计划开展集中学习和专题研讨', '落实“三会一课”、主题党日等制度', '做好发展党员和党员教育管理工作', '深化党员责任区和党员示范岗建设'])}。`);
  parts.push(`（二）${pick(c, ['深化党建与生产融合', '加强党风廉政建设', '做好群团工作', '关心关爱职工'])}。${pick(c, ['开展党员攻关和劳动竞赛', '常态化开展廉洁教育和谈话提醒', '支持工会、共青团依章程开展工作', '落实困难职工帮扶和谈心谈话制度'])}。`);
  parts.push(`三、${kind === 'work-summary' ? '下一步工作打算' : '工作要求'}`);
  parts.push(pick(c, ['各党小组、班组要高度重视，明确责任，确保各项工作落到实处。', '支部委员按分工抓好落实，每季度检查一次进展。', '要加强宣传，做好记录和资料归档。']));
  return parts.join('\n');
}

export const REGULATIONS = [
  '“三会一课”制度',
  '发展党员工作程序',
  '党员责任区制度',
  '支部委员会议事规则',
  '党员大会制度',
  '组织生活会制度',
  '党课学习计划管理办法',
  '谈心谈话制度',
  '党费收缴管理制度',
  '民主评议党员制度',
  '主题党日制度',
  '队务公开制度',
  '班组安全活动制度',
  '困难职工帮扶办法',
];

// ---------- 发展党员 ----------

/** What a 思想汇报 was about, as the case's log records it. */
export const THOUGHT_REPORTS = [
  '汇报学习党章和党的基本知识的体会，表示要以党员标准严格要求自己。',
  '汇报参加支部主题党日活动后的思想收获，结合岗位谈了在安全生产中如何发挥带头作用。',
  '汇报近期学习党的创新理论的体会，查找了理论学习不够系统的不足。',
  '汇报在钻井生产一线的工作和思想情况，表示要主动承担急难险重任务。',
  '汇报参加入党积极分子培训班的学习收获，对党的性质和宗旨有了更深认识。',
  '汇报对照党员标准查找的差距，主要是帮带新员工不够主动，今后改进。',
];

/** What the 支部's half-yearly 考察 found. */
export const DEV_CHECKS = [
  '经征求党小组和培养联系人意见，该同志入党动机端正，工作积极，遵章守纪，考察合格。',
  '该同志能按时递交思想汇报，在生产中表现突出，群众基础较好，继续培养。',
  '培养联系人谈话了解，该同志理论学习有进步，需进一步提高政治理论水平，继续考察。',
  '经考察，该同志工作踏实、作风过硬，团结同事，基本具备党员条件。',
];

/** 听取意见情况 when a 发展对象 is determined. */
export const DEV_OPINIONS = [
  '经征求党小组、培养联系人、党员和群众意见，普遍认为该同志入党动机端正、工作积极肯干、群众基础好，同意确定为发展对象。',
  '召开党员和群众座谈会听取意见，与会人员一致认为该同志能以党员标准要求自己，在生产一线发挥骨干作用。',
  '党小组和培养联系人推荐，经支部委员会研究，认为该同志经过一年以上培养教育和考察，基本具备党员条件。',
];
