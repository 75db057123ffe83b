/**
 * The 四本一档 tree (DOMAIN.md §1): four books and the branch archive, their parts,
 * and the regulation texts printed at the front of each part (resources/texts/<id>.md).
 */
import type { BookDef, BookId } from './types.js';

export const BOOK_TREE: readonly BookDef[] = [
  {
    id: 'branch-general',
    label: '党支部综合记录',
    code: 'ZB',
    parts: [
      { id: 'sanhui', label: '“三会一课”记录', rules: ['sanhui-yike', 'branch-assembly-rules', 'committee-rules', 'lecture-plan', 'theme-day-rules', 'org-life-rules', 'member-review-rules'] },
      { id: 'staff-study', label: '职工大会及学习记录', rules: ['study-rules'] },
      { id: 'talks', label: '谈心家访记录', rules: ['talk-rules'] },
      { id: 'staff-register', label: '职工基本情况登记表', rules: [] },
      { id: 'hardship', label: '困难职工基本情况登记表', rules: ['hardship-rules'] },
    ],
  },
  {
    id: 'discipline',
    label: '纪检监察综合治理记录',
    code: 'JJ',
    parts: [
      { id: 'integrity', label: '廉洁教育与谈话提醒', rules: ['integrity-rules'] },
      { id: 'supervision', label: '监督检查与信访举报', rules: ['supervision-rules'] },
      { id: 'rectification', label: '问题整改台账', rules: [] },
      { id: 'safety', label: '综合治理（安全稳定）', rules: ['safety-rules'] },
    ],
  },
  {
    id: 'union-league',
    label: '工会、团支部记录',
    code: 'GT',
    parts: [
      { id: 'union', label: '工会工作', rules: ['union-rules', 'affairs-public-rules'] },
      { id: 'league', label: '团支部“三会两制一课”', rules: ['league-rules'] },
    ],
  },
  {
    id: 'team',
    label: '班组综合记录',
    code: 'BZ',
    parts: [
      { id: 'shift', label: '班前班后会', rules: ['shift-meeting-rules'] },
      { id: 'safety-training', label: '安全活动与技术培训', rules: ['team-safety-rules'] },
      { id: 'team-management', label: '班组学习与考核', rules: [] },
    ],
  },
  {
    id: 'archive',
    label: '支部档案',
    code: 'DA',
    parts: [
      { id: 'plans', label: '工作计划与总结', rules: [] },
      { id: 'schemes', label: '活动方案与措施', rules: [] },
      { id: 'regulations', label: '规章制度', rules: ['development-procedure', 'responsibility-area-rules'] },
      { id: 'members', label: '党员管理', rules: [] },
    ],
  },
];

export const BOOKS = Object.fromEntries(BOOK_TREE.map((b) => [b.id, b.label])) as Record<BookId, string>;
export const BOOK_IDS = BOOK_TREE.map((b) => b.id) as [BookId, ...BookId[]];
