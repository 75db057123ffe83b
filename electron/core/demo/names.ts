/** Names and places for the demo: common surnames, given-name characters, wells, home towns. */
import { idCheckChar } from '../../../shared/rules/idcard.js';
import type { Rng } from './random.js';

/** Common surnames, most frequent first (weights fall off with the rank). */
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
  '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴', '莫', '孔', '向', '汤',
  '单', '欧阳', '司马', '诸葛',
];

const MALE = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宁', '亮',
  '建', '国', '海', '东', '林', '峰', '志', '新', '文', '俊', '浩', '宇', '振', '兴', '庆', '春', '晓', '永', '成', '德',
  '锋', '龙', '江', '山', '玉', '广', '忠', '良', '荣', '胜', '立', '军', '卫', '旭', '健', '凯', '帅', '晨', '阳', '博',
  '彬', '利', '红', '学', '金', '洪', '宏', '长', '瑞', '松', '泽', '钢', '铁', '石', '岩', '冬', '生', '贵', '福', '祥',
];
const FEMALE = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '萍', '红', '英', '梅', '琳', '洁', '雪', '慧', '颖', '倩',
  '婷', '琴', '云', '莉', '兰', '晶', '欣', '悦', '佳', '楠', '丹', '蕾', '月', '秀', '华', '媛', '薇', '晓', '凤', '翠',
];

export type Gender = '男' | '女';

function surname(rng: Rng): string {
  // a Zipf-like pick: low ranks far more often
  const i = Math.min(SURNAMES.length - 1, Math.floor(SURNAMES.length * rng.next() ** 2.2));
  return SURNAMES[i]!;
}

export function givenName(rng: Rng, gender: Gender): string {
  const pool = gender === '男' ? MALE : FEMALE;
  return rng.chance(0.3) ? rng.pick(pool) : rng.pick(pool) + rng.pick(pool);
}

/** Hands out names nobody else in the branch has had. */
export class NameBook {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  take(gender: Gender, family?: string): string {
    for (let i = 0; i < 200; i++) {
      const name = (family ?? surname(this.rng)) + givenName(this.rng, gender);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('NameBook: ran out of names');
  }

  /** A name for someone outside the branch (a leader, a relative): may repeat, never a roster name. */
  outsider(gender: Gender, family?: string): string {
    for (let i = 0; i < 200; i++) {
      const name = (family ?? surname(this.rng)) + givenName(this.rng, gender);
      if (!this.used.has(name)) return name;
    }
    return '王同志';
  }

  surnameOf(name: string): string {
    for (const s of SURNAMES) if (s.length > 1 && name.startsWith(s)) return s;
    return name.slice(0, 1);
  }
}

export const NATIVE_PLACES = [
  '山东东营', '山东滨州', '山东德州', '河南濮阳', '河南南阳', '河北任丘', '河北沧州', '四川南充', '四川遂宁', '重庆',
  '甘肃庆阳', '甘肃酒泉', '陕西延安', '陕西榆林', '新疆克拉玛依', '新疆库尔勒', '黑龙江大庆', '吉林松原', '辽宁盘锦',
  '湖北潜江', '江苏淮安', '安徽阜阳', '天津大港', '青海格尔木', '内蒙古鄂尔多斯', '宁夏银川',
];

export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['汉族', 90],
  ['回族', 4],
  ['满族', 2],
  ['蒙古族', 1],
  ['土家族', 1],
  ['维吾尔族', 1],
  ['壮族', 1],
];

/** Six-digit area codes of the places above (first digits of an ID number), loosely. */
const AREA_CODES = ['370502', '371602', '371402', '410902', '411302', '130982', '130902', '511302', '510903', '500101', '621002', '650203', '652801', '230602', '220702', '211102', '429005', '320803'];

/** A valid 18-digit ID number per GB 11643 (area, birth date, sequence odd for men, check character from shared/rules/idcard); random, not anyone's. */
export function idNumber(rng: Rng, birthDate: string, gender: Gender): string {
  const seq = rng.int(10, 99) * 10 + (gender === '男' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
  const body = `${rng.pick(AREA_CODES)}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

export function mobile(rng: Rng): string {
  return `1${rng.pick(['30', '32', '35', '38', '39', '50', '51', '52', '58', '59', '77', '80', '86', '87', '88', '89', '91', '99'])}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
}

export function address(rng: Rng): string {
  return rng.weighted([
    [`油田基地${rng.pick(['东', '西', '南', '北', '中心'])}区${rng.int(1, 48)}号楼${rng.int(1, 6)}单元${rng.int(1, 6)}0${rng.int(1, 4)}室`, 5],
    [`${rng.pick(NATIVE_PLACES)}${rng.pick(['市', '县'])}${rng.pick(['幸福', '建设', '胜利', '光明', '石油', '和平'])}${rng.pick(['路', '街', '小区'])}${rng.int(1, 300)}号`, 3],
    [`钻井公司职工宿舍${rng.int(1, 12)}号楼${rng.int(101, 608)}室`, 2],
  ]);
}

const WELL_PREFIX = ['北原', '北', '原', '东河', '西坡', '南梁', '沙', '红', '庄', '高', '柳', '塔'];

/** The name of the next well the rig drills, e.g. 北原12-35H井. */
export function wellName(rng: Rng): string {
  const suffix = rng.weighted([
    ['', 5],
    ['H', 3],
    ['X', 2],
    ['C', 1],
  ]);
  return rng.chance(0.3) ? `${rng.pick(WELL_PREFIX)}${rng.int(1, 60)}${suffix}井` : `${rng.pick(WELL_PREFIX)}${rng.int(1, 40)}-${rng.int(1, 90)}${suffix}井`;
}
