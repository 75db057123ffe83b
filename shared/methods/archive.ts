/** The year-end archive methods of the contract (merged in shared/contract.ts): volumes, exports, files. */
import { z } from 'zod';
import type { ExportJob, ExportListing, VolumePreview } from '../archive/model.js';
import type { ExportedFile } from '../contract.js';
import { method } from './method.js';

const year = z.number({ error: '请选择年度' }).int('年度无效').min(1990, '年度无效').max(2200, '年度无效');
const mode = z.enum(['books', 'single'], { error: '请选择分卷方式' });
const exportId = z.string({ error: '归档编号无效' }).regex(/^\d{8}-\d{6}$/, '归档编号无效');
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
  /** The year's finished exports. */
  'archive.exports': method<ExportListing[]>()(z.strictObject({ year })),
  /** One file of a finished export (to save or print). */
  'archive.file': method<ExportedFile>()(
    z.strictObject({ year, exportId, name: z.string({ error: '文件名无效' }).min(1, '文件名无效').max(200, '文件名无效') }),
  ),
} as const;
