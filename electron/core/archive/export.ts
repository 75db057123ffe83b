/**
 * Writing a year's export: the Word volumes, their PDFs and the registers
 * workbook, into a temporary folder that becomes archive/<year>/<exportId>/
 * by one rename when everything is written. Cancelled or failed, the
 * temporary folder is removed, so no half-written export is ever listed.
 * Runs the same in a worker thread (./worker.ts) or, in tests, in-process.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Register } from '../../../shared/archive/model.js';
import type { Volume } from '../../../shared/archive/volume.js';
import { volumeDocxBuffer } from '../export/docx/volume.js';
import type { PdfPrinter } from '../export/pdf/printer.js';
import { volumePdf } from '../export/pdf/volume.js';
import { registersWorkbook } from '../registers/xlsx.js';

export interface ExportPlan {
  year: number;
  exportId: string;
  /** archive/<year>/ of the data dir. */
  yearDir: string;
  volumes: Volume[];
  registers: Register[];
  meta: { branchName: string; parentOrg: string; year: number; printedOn: string };
  pdf: boolean;
}

export interface ExportStep {
  done: number;
  total: number;
  /** What is being made now, e.g. 正在生成《党支部综合记录》PDF. */
  phase: string;
}

export interface ExportedFileInfo {
  name: string;
  size: number;
}

export class ExportCancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'ExportCancelled';
  }
}

export const tempDirOf = (plan: Pick<ExportPlan, 'yearDir' | 'exportId'>) => path.join(plan.yearDir, `.tmp-${plan.exportId}`);

export async function writeExport(
  plan: ExportPlan,
  printer: (() => Promise<PdfPrinter>) | null,
  onStep: (s: ExportStep) => void,
  signal: AbortSignal,
): Promise<ExportedFileInfo[]> {
  const tmp = tempDirOf(plan);
  const final = path.join(plan.yearDir, plan.exportId);
  const total = plan.volumes.length * (plan.pdf ? 2 : 1) + 1;
  let done = 0;
  const step = (phase: string) => {
    if (signal.aborted) throw new ExportCancelled();
    onStep({ done, total, phase });
  };
  const files: ExportedFileInfo[] = [];
  const write = (name: string, bytes: Buffer) => {
    fs.writeFileSync(path.join(tmp, name), bytes, { flush: true });
    files.push({ name, size: bytes.length });
    done++;
  };
  let pdfPrinter: PdfPrinter | null = null;
  fs.mkdirSync(tmp, { recursive: true });
  try {
    step('正在生成台账工作簿');
    write(`${plan.year}年度_台账汇总.xlsx`, await registersWorkbook(plan.registers, plan.meta));
    for (const v of plan.volumes) {
      step(`正在生成《${v.cover.category}》Word 卷册`);
      write(`${v.fileBase}.docx`, await volumeDocxBuffer(v));
      if (plan.pdf && printer) {
        step(`正在生成《${v.cover.category}》PDF`);
        pdfPrinter ??= await printer();
        write(`${v.fileBase}.pdf`, (await volumePdf(v, pdfPrinter, tmp)).pdf);
      }
    }
    step('正在保存');
    fs.renameSync(tmp, final);
    onStep({ done: total, total, phase: '已完成' });
    return files;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    await pdfPrinter?.close();
  }
}
