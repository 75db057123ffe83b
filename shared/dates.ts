/** Calendar dates travel as `YYYY-MM-DD` strings and times as `HH:mm`; no time zones involved. */

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** 2026-03-05 -> 2026年3月5日 */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 09:30 -> 上午; 14:00 -> 下午 */
export function halfDay(time: string): '上午' | '下午' {
  return Number(time.slice(0, 2)) < 12 ? '上午' : '下午';
}

/** Today as YYYY-MM-DD on this machine's calendar (local time: the secretary's day, not UTC's). */
export function localToday(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
