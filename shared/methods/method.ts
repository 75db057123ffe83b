/** The building blocks of the contract's method maps (see shared/contract.ts). */
import { z } from 'zod';
import { datedProblem, type DateKind } from '../dates.js';

/** What a method is, besides its input and result: properties the dispatch enforces from here. */
export interface MethodProps {
  /** Answers while the app password's lock is on (the lock screen's own calls); every other method answers LOCKED. */
  openWhileLocked?: true;
  /**
   * Answers while the database is damaged (the recovery page's calls, electron/core/app.ts); every
   * other method answers DAMAGED until a backup is restored.
   */
  openWhenDamaged?: true;
}

export interface Method<I extends z.ZodType, O> {
  input: I;
  /** Type-only marker of the result; never set at run time. */
  output?: O;
  props: MethodProps;
}

/** A file a method hands back for the user to save (a record's Word file, a workbook). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** `method<Result>()(inputSchema)`, or with its properties: `method<Result>({ openWhileLocked: true })(inputSchema)` */
export const method =
  <O>(props: MethodProps = {}) =>
  <I extends z.ZodType>(input: I): Method<I, O> => ({ input, props });

/** Methods that take no input accept nothing or `{}`. */
export const noInput = z.strictObject({}).optional();

/** A calendar year the ledger keeps (the year picker's range and then some). */
export const year = z.number({ error: '请选择年度' }).int('年度无效').min(1990, '年度无效').max(2200, '年度无效');

/** The ids of rows in any table. */
export const id = z.number({ error: '编号无效' }).int('编号无效').positive('编号无效');

/** A folder's path as typed or chosen. */
export const folder = z.string({ error: '请选择文件夹' }).trim().min(1, '请选择文件夹').max(1000, '文件夹路径过长');
/**
 * A full path (/media/U盘, E:\, E:/备份, \\server\share\…): a relative one would name a
 * folder under wherever the app happened to be started (found by the fuzz, test/unit/fuzz.test.ts).
 */
export const isFullPath = (p: string) => /^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\/]+[\\/])/.test(p);
/** A folder to write into or read from (a U盘): a full path only. */
export const fullFolder = folder.refine(isFullPath, '请选择文件夹的完整路径（如 E:\\ 或 /media/U盘）');

/** Merge method maps into one, refusing a name defined twice. */
export function mergeMethods<T extends Record<string, Method<z.ZodType, unknown>>[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: Record<string, unknown> = {};
  for (const m of maps) {
    for (const [name, def] of Object.entries(m)) {
      if (Object.hasOwn(out, name)) throw new Error(`contract method defined twice: ${name}`);
      out[name] = def;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

// ---------- field schemas of the people and branch forms ----------

export const required = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);
export const phone = z
  .string()
  .trim()
  .max(30, '电话不能超过30个字符')
  .regex(/^[0-9+\-\s()（）转]*$/, '电话只能包含数字和 + - ( ) 空格');

export const labelled = (label: string, max: number) => z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过${max}个字`);
/** A date of a person, '' when not known; the message names the field (the path of a person's field is not told in words elsewhere). */
export const labelledDate = (label: string, kind: DateKind) => {
  const problem = (s: string) => datedProblem(s, kind, label, (p) => `${label}有误：${p}`);
  return z.string({ error: `${label}应为日期` }).refine((s) => s === '' || problem(s) === null, { error: (iss) => problem(String(iss.input)) });
};
