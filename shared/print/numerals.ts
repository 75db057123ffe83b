const DIGITS = '零一二三四五六七八九';

/** 1 -> 一, 12 -> 十二, 21 -> 二十一 (enough for list numbering up to 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  return String(n);
}
