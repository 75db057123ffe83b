/** The year-end archive methods of the contract (merged in shared/contract.ts): volumes, exports, files, 全部保存到…. */
import { z } from 'zod';
import { EXPORT_ID_RE, SAVE_ID_RE, type ExportJob, type ExportListing, type SaveJob, type SaveTarget, type VolumePreview } from '../archive/model.js';
import type { ExportedFile } from './method.js';
import { fullFolder, method, year } from './method.js';

const mode = z.enum(['books', 'single'], { error: '请选择分卷方式' });
/** An export's folder id (see EXPORT_ID_RE). */
export const exportId = z
  .string({ error: '请选择导出批次' })
  .regex(EXPORT_ID_RE, '导出批次编号应为“年月日-时分秒”，如20250105-093000');
const saveId = z.string({ error: '保存任务编号无效' }).regex(SAVE_ID_RE, '保存任务编号无效');
const person = (label: string) => z.string({ error: `${label}应为文字` }).trim().max(40, `${label}不能超过40个字`);

export const ARCHIVE_METHODS = {
  /** What each volume of the year will hold. */
  'archive.preview': method<VolumePreview[]>()(z.strictObject({ year, mode })),
  /** Start exporting the year in the background: Word volumes, the registers workbook and, if asked, the PDFs. */
  'archive.start': method<ExportJob>()(
    z.strictObject({
      year,
      mode,
      fullIds: z.boolean({ error: '请选择是否显示完整身份证号' }),
      pdf: z.boolean({ error: '请选择是否生成 PDF' }),
      compiler: person('立卷人'),
      checker: person('检查人'),
    }),
  ),
  'archive.job': method<ExportJob>()(z.strictObject({ id: exportId })),
  'archive.cancel': method<ExportJob>()(z.strictObject({ id: exportId })),
  /** Make the files of a finished export that failed (a PDF that would not print) once more, into the same folder, in the background. */
  'archive.retry': method<ExportJob>()(z.strictObject({ id: exportId })),
  /** The year's finished exports. */
  'archive.exports': method<ExportListing[]>()(z.strictObject({ year })),
  /** One file of a finished export (to save or print). */
  'archive.file': method<ExportedFile>()(
    z.strictObject({ year, exportId, name: z.string({ error: '文件名无效' }).min(1, '文件名无效').max(200, '文件名无效') }),
  ),
  /** Where 全部保存到… would put the year's files in a folder: <支部名称>-<年度>年度归档, or （2）… when that is taken. */
  'archive.saveTarget': method<SaveTarget>()(z.strictObject({ year, folder: fullFolder })),
  /** 全部保存到…: copy every file of a finished export into a new folder there, in the background; each file read back and checked. */
  'archive.saveAll': method<SaveJob>()(z.strictObject({ year, exportId, folder: fullFolder })),
  'archive.saveJob': method<SaveJob>()(z.strictObject({ id: saveId })),
  /** Stop a save; what it had written is removed. */
  'archive.saveCancel': method<SaveJob>()(z.strictObject({ id: saveId })),
} as const;
