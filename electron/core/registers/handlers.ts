import type { REGISTERS_METHODS } from '../../../shared/methods/registers.js';
import { localToday } from '../../../shared/dates.js';
import { fileNameWith } from '../../../shared/filenames.js';
import { requireBranch } from '../branch/service.js';
import { XLSX_MIME } from '../export/xlsx/style.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { yearRegister, yearRegisters } from './service.js';
import { registersWorkbook } from './xlsx.js';

export function registersHandlers(ctx: CoreContext): HandlersOf<keyof typeof REGISTERS_METHODS> {
  const { db } = ctx;
  return {
    'registers.get': ({ year, key, fullIds }) => {
      requireBranch(ctx.db);
      return yearRegister(db, year, key, { fullIds });
    },
    'registers.exportXlsx': async ({ year, fullIds }) => {
      const branch = requireBranch(ctx.db);
      const printedOn = localToday();
      const buf = await registersWorkbook(yearRegisters(db, year, { fullIds, today: printedOn }), {
        branchName: branch.name,
        parentOrg: branch.parentOrg,
        year,
        printedOn,
      });
      return {
        fileName: fileNameWith('', branch.name, `_${year}年台账${fullIds ? '_完整身份证号' : ''}.xlsx`, { fallback: '党支部' }),
        mimeType: XLSX_MIME,
        base64: buf.toString('base64'),
      };
    },
  };
}
