import type { DUES_METHODS } from '../../../shared/methods/dues.js';
import { localToday } from '../../../shared/dates.js';
import { fileNameWith } from '../../../shared/filenames.js';
import { requireBranch } from '../branch/service.js';
import type { CoreContext, HandlersOf } from '../context.js';
import { duesYear, recordPayment, refixDues, setupYear, undoPayment, unfixDues } from './service.js';
import { XLSX_MIME } from '../export/xlsx/style.js';
import { duesWorkbook } from './xlsx.js';

export function duesHandlers({ db }: CoreContext): HandlersOf<keyof typeof DUES_METHODS> {
  return {
    'dues.year': ({ year }) => duesYear(db, year),
    'dues.setupYear': ({ year, entries }) => setupYear(db, year, entries),
    'dues.refix': (input) => refixDues(db, input),
    'dues.unfix': ({ year, personId }) => unfixDues(db, year, personId),
    'dues.pay': (input) => recordPayment(db, input),
    'dues.undo': ({ year, personId, months }) => undoPayment(db, year, personId, months),
    'dues.exportXlsx': async ({ year }) => {
      const branch = requireBranch(db);
      const printedOn = localToday();
      const buf = await duesWorkbook(duesYear(db, year, printedOn), branch, printedOn);
      return { fileName: fileNameWith('', branch.name, `_${year}年党费收缴台账.xlsx`, { fallback: '党支部' }), mimeType: XLSX_MIME, base64: buf.toString('base64') };
    },
  };
}
