/**
 * 党费: how much a member pays, which months are due, and when to warn.
 *
 * Sources:
 * - 《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号，2008年4月1日起施行）:
 *   第二条 在职: 每月工资收入（税后）在3000元以下（含3000元）者，交纳月工资收入的0.5%；
 *     3000元以上至5000元（含5000元）者，交纳1%；5000元以上至10000元（含10000元）者，交纳1.5%；
 *     10000元以上者，交纳2%。
 *   第五条 离退休: 以实际领取的离退休费总额或养老金总额为计算基数，5000元以下（含5000元）的
 *     按0.5%交纳，5000元以上的按1%交纳。
 *   第六条 农民党员每月交纳党费0.2元至1元；学生党员、下岗失业的党员、依靠抚恤或救济生活的党员、
 *     领取当地最低生活保障金的党员，每月交纳党费0.2元。
 *   党员自愿多交不限；确有困难的，经支部研究、报上一级党委批准，可以少交或免交（here: 其他/自定）.
 *   党员一般按月交纳（经支部同意可按季度交纳）；补交一般不超过6个月。
 *   预备党员从支部大会通过其为预备党员之日起交纳党费。
 *   The amount is fixed at the start of the year for the whole year (DOMAIN §3).
 * - 《中国共产党章程》第九条: 党员如果没有正当理由，连续六个月……不交纳党费……就被认为是自行脱党。
 *   The app only points this out; the 支部 decides. Nothing is ever done automatically.
 *
 * Decisions:
 * - Band edges: an income exactly on an edge (3000, 5000, 10000; retirees 5000) falls in the
 *   LOWER band, as the text says “（含3000元）”. Incomes are compared in 分, so 3000.01 is above.
 * - Amounts are rounded to the 分 (0.01元), half up, computed in integer 分 (no binary fractions:
 *   1235元 × 0.5% = 6.175 → 6.18).
 * - A month is due from the month of admission (join_date) through the month the member left
 *   the roster; months after “today” are not yet due. The current month is due.
 * - Arrears are runs of consecutive due months without a payment; a paid month, or a month that
 *   is not due, ends a run. 3 or more: a warning; 6 or more: a red flag with the 党章 text.
 */

export const DUES_DOCUMENT = '中组发〔2008〕3号';
export const DUES_SOURCE = `《关于中国共产党党费收缴、使用和管理的规定》（${DUES_DOCUMENT}）`;

export const DUES_CATEGORIES = ['在职', '离退休', '学生', '下岗失业', '低保', '农民', '其他'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];

/** How each category reads in a select. */
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  在职: '在职（按月工资收入比例）',
  离退休: '离退休（按离退休费比例）',
  学生: '学生（0.2元/月）',
  下岗失业: '下岗失业（0.2元/月）',
  低保: '低保、依靠抚恤或救济生活（0.2元/月）',
  农民: '农民（0.2—1元/月，支部确定）',
  其他: '其他（自定金额：自愿多交、经批准少交或免交）',
};

/** What the base of each percentage category is called. */
export const BASE_LABELS: Partial<Record<DuesCategory, string>> = {
  在职: '月工资收入（税后）',
  离退休: '月离退休费（税后）',
};

/** The note the UI shows next to the bands. */
export const BAND_EDGE_NOTE =
  `按${DUES_DOCUMENT}，收入恰好等于分档线（3000、5000、10000元）的按较低一档交纳（原文“3000元以下（含3000元）”“3000元以上至5000元（含5000元）”“5000元以上至10000元（含10000元）”；离退休“5000元以下（含5000元）”）。`;
export const ROUNDING_NOTE = '月应缴金额按四舍五入保留到分（0.01元）。';

export const FLAT_AMOUNT = 0.2;
export const FARMER_MIN = 0.2;
export const FARMER_MAX = 1;
/** Back payment is normally not more than this many months after the month it is for. */
export const BACK_PAYMENT_LIMIT = 6;
export const ARREARS_WARNING = 3;
export const ARREARS_FLAG = 6;
export const FLAG_MESSAGE = '连续6个月未交纳党费，按规定应视为自行脱党，请支部核实情况（本软件只作提示，不作任何处理）';

interface Band {
  /** Upper edge in 分, inclusive; null: no upper edge. */
  upTo: number | null;
  permille: number;
  /** The band as the document words it. */
  text: string;
}

const EMPLOYED: Band[] = [
  { upTo: 300000, permille: 5, text: '3000元以下（含3000元）' },
  { upTo: 500000, permille: 10, text: '3000元以上至5000元（含5000元）' },
  { upTo: 1000000, permille: 15, text: '5000元以上至10000元（含10000元）' },
  { upTo: null, permille: 20, text: '10000元以上' },
];
const RETIRED: Band[] = [
  { upTo: 500000, permille: 5, text: '5000元以下（含5000元）' },
  { upTo: null, permille: 10, text: '5000元以上' },
];

export const isPercentCategory = (c: DuesCategory): c is '在职' | '离退休' => c === '在职' || c === '离退休';
export const isFlatCategory = (c: DuesCategory) => c === '学生' || c === '下岗失业' || c === '低保';
/** Categories whose amount the branch enters (农民 within 0.2–1元, 其他 any). */
export const hasManualAmount = (c: DuesCategory) => c === '农民' || c === '其他';

// ---------- money in 分 ----------

/** 元 → 分, for amounts with at most two decimals. */
export const toFen = (yuan: number) => Math.round(yuan * 100);
export const toYuan = (fen: number) => fen / 100;
/** 12.5 → "12.50" */
export const formatYuan = (yuan: number) => (Math.round(yuan * 100) / 100).toFixed(2);
const permilleLabel = (p: number) => `${p / 10}%`;

/** `fen × permille / 1000`, rounded half up to a whole 分 (integers only, so exact). */
function percentOf(fen: number, permille: number): number {
  return Math.floor((fen * permille + 500) / 1000);
}

// ---------- the rate ----------

export interface DuesRate {
  kind: 'percent' | 'flat' | 'farmer' | 'manual';
  /** 0.5% is 5; null for fixed amounts. */
  permille: number | null;
  /** The ledger's 交纳比例 column: 0.5%, 定额0.2元, 0.2—1元, 自定. */
  label: string;
  /** The band or rule as the document words it. */
  band: string;
  /** One sentence for the UI: which rule applies and why (edges spelled out). */
  explain: string;
}

function bandOf(bands: Band[], fen: number): Band {
  return bands.find((b) => b.upTo === null || fen <= b.upTo)!;
}

/** Which rate applies to a category and base (base in 元, the 税后 fixed part). */
export function duesRate(category: DuesCategory, base: number): DuesRate {
  if (isPercentCategory(category)) {
    const bands = category === '在职' ? EMPLOYED : RETIRED;
    const fen = toFen(base);
    const b = bandOf(bands, fen);
    const rate = permilleLabel(b.permille);
    const what = category === '在职' ? '月工资收入（税后）' : '月离退休费';
    const onEdge = b.upTo !== null && fen === b.upTo;
    const explain = onEdge
      ? `按${DUES_DOCUMENT}，${category === '在职' ? '月收入' : '月离退休费'}恰为${b.upTo! / 100}元的按${rate}交纳（含${b.upTo! / 100}元）`
      : `按${DUES_DOCUMENT}，${category === '在职' ? '' : '离退休党员'}${what}${b.text}的，按${rate}交纳`;
    return { kind: 'percent', permille: b.permille, label: rate, band: b.text, explain };
  }
  if (isFlatCategory(category)) {
    const who = { 学生: '学生党员', 下岗失业: '下岗失业的党员', 低保: '领取最低生活保障金或依靠抚恤、救济生活的党员' }[category as '学生'];
    return { kind: 'flat', permille: null, label: '定额0.2元', band: '每月0.2元', explain: `按${DUES_DOCUMENT}，${who}每月交纳党费0.2元` };
  }
  if (category === '农民') {
    return { kind: 'farmer', permille: null, label: '0.2—1元', band: '每月0.2元至1元', explain: `按${DUES_DOCUMENT}，农民党员每月交纳党费0.2元至1元，由支部在此范围内确定（默认0.2元）` };
  }
  return {
    kind: 'manual',
    permille: null,
    label: '自定',
    band: '自定金额',
    explain: '金额由支部确定：党员自愿多交不限；确有困难的，经支部研究、报上一级党委批准，可以少交或免交',
  };
}

/**
 * Why these inputs cannot fix an amount, or null. `manual` is the amount the branch
 * enters for 农民 (0.2–1元, default 0.2) and 其他 (required, ≥ 0).
 */
export function duesProblem(category: DuesCategory, base: number, manual?: number | null): string | null {
  if (!Number.isFinite(base) || base < 0) return '月收入不能为负数';
  if (Math.abs(toFen(base) - base * 100) > 1e-6) return '月收入最多两位小数（到分）';
  if (isPercentCategory(category) && toFen(base) === 0) return `请填写${BASE_LABELS[category]}`;
  if (manual !== undefined && manual !== null) {
    if (!Number.isFinite(manual) || manual < 0) return '金额不能为负数';
    if (Math.abs(toFen(manual) - manual * 100) > 1e-6) return '金额最多两位小数（到分）';
  }
  if (category === '农民' && manual != null && (toFen(manual) < toFen(FARMER_MIN) || toFen(manual) > toFen(FARMER_MAX))) {
    return '农民党员每月交纳党费0.2元至1元';
  }
  if (category === '其他' && manual == null) return '请填写自定的月交纳金额';
  return null;
}

/** The monthly amount in 元 (to the 分). Throws a RangeError with duesProblem's message on bad input. */
export function monthlyDues(category: DuesCategory, base: number, manual?: number | null): number {
  const problem = duesProblem(category, base, manual);
  if (problem) throw new RangeError(problem);
  const rate = duesRate(category, base);
  if (rate.kind === 'percent') return toYuan(percentOf(toFen(base), rate.permille!));
  if (rate.kind === 'flat') return FLAT_AMOUNT;
  if (rate.kind === 'farmer') return toYuan(toFen(manual ?? FARMER_MIN));
  return toYuan(toFen(manual!));
}

// ---------- months ----------

/** 'YYYY-MM' of a year and month (1–12). */
export const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const ordinal = (key: string) => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
const fromOrdinal = (n: number) => monthKey(Math.floor(n / 12), (n % 12) + 1);
/** 2026-03 → 2026年3月 */
export const monthLabel = (key: string) => `${Number(key.slice(0, 4))}年${Number(key.slice(5, 7))}月`;

/** Months 1–12 as short text: [1, 2, 3, 5] → 1—3月、5月. */
export function monthRanges(months: readonly number[]): string {
  const ms = [...new Set(months)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < ms.length; ) {
    let j = i;
    while (j + 1 < ms.length && ms[j + 1] === ms[j]! + 1) j++;
    parts.push(j > i ? `${ms[i]}—${ms[j]}月` : `${ms[i]}月`);
    i = j + 1;
  }
  return parts.join('、');
}

/**
 * The months (1–12) of `year` that are due by `asOf` (YYYY-MM-DD): from the month the 支部大会
 * admitted the member (`joinDate`; '' if unknown: the whole year) through the month they left
 * (`until`, optional), never after the month of `asOf`.
 */
export function dueMonths(year: number, joinDate: string, asOf: string, until?: string | null): number[] {
  let from = 1;
  let to = 12;
  if (joinDate) {
    const jy = Number(joinDate.slice(0, 4));
    if (jy > year) return [];
    if (jy === year) from = Number(joinDate.slice(5, 7));
  }
  const ay = Number(asOf.slice(0, 4));
  if (ay < year) return [];
  if (ay === year) to = Number(asOf.slice(5, 7));
  if (until) {
    const uy = Number(until.slice(0, 4));
    if (uy < year) return [];
    if (uy === year) to = Math.min(to, Number(until.slice(5, 7)));
  }
  const out: number[] = [];
  for (let m = from; m <= to; m++) out.push(m);
  return out;
}

export interface ArrearsRun {
  /** First and last unpaid month, 'YYYY-MM'. */
  from: string;
  to: string;
  length: number;
}

export interface Arrears {
  /** Consecutive unpaid months ending at the latest due month (0 when that month is paid). */
  current: number;
  /** The longest run of consecutive unpaid months. */
  longest: number;
  /** Every run of unpaid due months, in order. */
  runs: ArrearsRun[];
  /** Unpaid due months in all. */
  unpaid: number;
  level: 'none' | 'warning' | 'flag';
  /** What the UI says (empty when level is none). */
  message: string;
}

export function runLevel(length: number): Arrears['level'] {
  return length >= ARREARS_FLAG ? 'flag' : length >= ARREARS_WARNING ? 'warning' : 'none';
}

const span = (r: ArrearsRun) => (r.from === r.to ? monthLabel(r.from) : `${monthLabel(r.from)}至${monthLabel(r.to)}`);

/**
 * Runs of consecutive unpaid months among `due` ('YYYY-MM') up to `asOf` (YYYY-MM-DD).
 * `paid` are the months with a payment. A month that is paid or not due ends a run.
 * Runs that end before `since` ('YYYY-MM', optional) are left out: a year's ledger counts
 * last December into a run that goes on into January, but not last year's runs on their own.
 * Only ever a warning or a flag: what happens next is for the 支部 to decide.
 */
export function arrears(paid: readonly string[], due: readonly string[], asOf: string, since?: string): Arrears {
  const paidSet = new Set(paid);
  const limit = ordinal(asOf.slice(0, 7));
  const months = [...new Set(due)].map(ordinal).filter((n) => n <= limit).sort((a, b) => a - b);
  const runs: ArrearsRun[] = [];
  let start: number | null = null;
  let prev: number | null = null;
  const close = () => {
    if (start !== null && prev !== null) runs.push({ from: fromOrdinal(start), to: fromOrdinal(prev), length: prev - start + 1 });
    start = null;
  };
  for (const n of months) {
    const unpaid = !paidSet.has(fromOrdinal(n));
    if (!unpaid || (prev !== null && n !== prev + 1)) close();
    if (unpaid && start === null) start = n;
    prev = n;
  }
  close();
  if (since) runs.splice(0, runs.length, ...runs.filter((r) => r.to >= since));
  const last = months.at(-1);
  const lastRun = runs.at(-1);
  const current = last !== undefined && lastRun && ordinal(lastRun.to) === last ? lastRun.length : 0;
  const worst = runs.reduce<ArrearsRun | null>((w, r) => (!w || r.length > w.length ? r : w), null);
  const longest = worst?.length ?? 0;
  const level = runLevel(longest);
  const message =
    level === 'flag'
      ? `${span(worst!)}${longest > ARREARS_FLAG ? `连续${longest}个月未交纳党费；` : ''}${FLAG_MESSAGE}`
      : level === 'warning'
        ? `${span(worst!)}连续${longest}个月未交纳党费，请及时提醒（连续6个月未交纳的，按规定应视为自行脱党）`
        : '';
  return { current, longest, runs, unpaid: runs.reduce((s, r) => s + r.length, 0), level, message };
}

/** How many months after the month it is for a payment was made (0 when paid in or before that month). */
export function monthsLate(year: number, month: number, paidDate: string): number {
  return Math.max(0, ordinal(paidDate.slice(0, 7)) - ordinal(monthKey(year, month)));
}

/** A back payment made more than 6 months after the month it is for. */
export const isLateBackPayment = (year: number, month: number, paidDate: string) => monthsLate(year, month, paidDate) > BACK_PAYMENT_LIMIT;

// ---------- payments ----------

/** Split a payment over its months in whole 分: the first months take the odd 分 (100 over 3 → 33.34, 33.33, 33.33). */
export function splitAmount(total: number, count: number): number[] {
  const fen = toFen(total);
  const each = Math.floor(fen / count);
  const rest = fen - each * count;
  return Array.from({ length: count }, (_, i) => toYuan(each + (i < rest ? 1 : 0)));
}

export interface PaymentDraft {
  year: number;
  months: readonly number[];
  /** The whole amount paid for these months. */
  amount: number;
  /** The fixed monthly amount. */
  monthly: number;
  paidDate: string;
}

/** What to point out about a payment before (and after) it is recorded; it is recorded anyway. */
export function paymentWarnings(p: PaymentDraft): string[] {
  const out: string[] = [];
  const expected = toFen(p.monthly) * p.months.length;
  if (p.months.length > 0 && toFen(p.amount) !== expected) {
    const what = p.months.length === 1 ? `月应缴${formatYuan(p.monthly)}元` : `月应缴${formatYuan(p.monthly)}元×${p.months.length}个月=${formatYuan(toYuan(expected))}元`;
    out.push(`交纳金额${formatYuan(p.amount)}元与${what}不一致${toFen(p.amount) < expected ? '（少交）' : '（多交）'}，请核对`);
  }
  const late = [...p.months].sort((a, b) => a - b).filter((m) => isLateBackPayment(p.year, m, p.paidDate));
  if (late.length > 0) {
    const worst = monthsLate(p.year, late[0]!, p.paidDate);
    out.push(
      `${monthRanges(late)}的党费于${monthLabel(p.paidDate.slice(0, 7))}补交，最长晚${worst}个月；按规定补交一般不超过${BACK_PAYMENT_LIMIT}个月，请核实原因并在备注中说明`,
    );
  }
  return out;
}
