/**
 * `--demo` at start-up (web host and Electron main alike): fill an empty data
 * dir with the demo branch before serving; refuse, and carry on normally, when
 * the data dir already holds anything.
 */
import type { Core } from '../app.js';
import { generateDemo, isEmptyDataDir, type DemoOptions, type DemoSummary } from './generate.js';

export { generateDemo, isEmptyDataDir, type DemoOptions, type DemoSummary } from './generate.js';

export const DEMO_FLAG = '--demo';

export type DemoOutcome = { status: 'not-asked' } | { status: 'refused'; message: string } | { status: 'generated'; summary: DemoSummary } | { status: 'failed'; message: string };

export const DEMO_REFUSED =
  '数据目录中已有数据（已建立支部、人员或记录），为保护现有数据，没有生成演示数据；程序照常启动。如需查看演示数据，请另选一个空的数据目录：--data-dir 空目录 --demo';

/**
 * Generates the demo when `argv` has `--demo` and the data dir is empty.
 * Never throws: a refusal or a failure is logged in Chinese and the app goes on
 * with the data dir as it was (generation is one transaction).
 */
export function maybeGenerateDemo(core: Core, argv: readonly string[], log: (msg: string) => void = console.log, opts: DemoOptions = {}): DemoOutcome {
  if (!argv.includes(DEMO_FLAG)) return { status: 'not-asked' };
  if (!isEmptyDataDir(core.db)) {
    log(DEMO_REFUSED);
    return { status: 'refused', message: DEMO_REFUSED };
  }
  log(`正在生成演示数据（约两万条记录，需要数十秒），数据目录：${core.dataDir}`);
  try {
    const summary = generateDemo(core, { onProgress: log, ...opts });
    log(
      `演示数据生成完毕，用时 ${(summary.ms / 1000).toFixed(1)} 秒：${summary.people.total} 人（在册 ${summary.people.onRoster} 人），` +
        `${summary.records} 条记录（草稿 ${summary.drafts} 条，有修改历史的 ${summary.edited} 条，回收站 ${summary.trashed} 条），` +
        `${summary.attachments.images + summary.attachments.pdfs} 个附件。`,
    );
    return { status: 'generated', summary };
  } catch (e) {
    const message = `演示数据生成失败，数据目录保持原样：${(e as Error)?.message ?? String(e)}`;
    log(message);
    return { status: 'failed', message };
  }
}
