/**
 * Files on the steps of a 发展党员 case: 申请书 scans, 思想汇报, 政审材料 … (JPG,
 * PNG, PDF). They share the attachments' store and checks (attachments/service.ts
 * addFile: type by content, size limits, sanitised names, dedupe by sha256).
 *
 * A step takes files once it has been recorded (saved with its date), and only
 * while its case is open. Removing a file, or the step, only detaches it
 * (removed_at); the bytes stay in the store while any row refers to them and go
 * with the garbage collection after the case itself has been deleted.
 */
import type { AttachmentContent } from '../../../shared/methods/files.js';
import type { StepFileDto } from '../../../shared/methods/development.js';
import { stepTitle } from '../../../shared/rules/development.js';
import { addFile, fileDto, readFileContent, withWarning, type FileUpload } from '../attachments/service.js';
import { all, first, now, q, run, tx, type Db } from '../db/sql.js';
import { AppError, notFound } from '../errors.js';
import { openCaseRow } from './cases.js';

function selectDto() {
  return q
    .selectFrom('development_step_files as f')
    .innerJoin('blobs as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.case_id', 'f.step', 'f.name', 'f.sha256', 'f.thumb_sha256', 'f.added_at', 'b.mime', 'b.size']);
}

type DtoRow = NonNullable<ReturnType<typeof first<ReturnType<typeof selectDto>>>>;

const toDto = (r: DtoRow): StepFileDto => ({ ...fileDto(r), caseId: r.case_id, step: r.step });

/** The case is open and the step has been recorded. */
function checkStep(db: Db, caseId: number, step: number): void {
  openCaseRow(db, caseId);
  const s = first(db, q.selectFrom('development_steps').select('date').where('case_id', '=', caseId).where('step', '=', step));
  if (!s) throw new AppError('VALIDATION', `${stepTitle(step)}尚未登记，请先填写日期并保存该步骤，再添加附件。`);
}

/** The files of a step that have not been removed, in the order they were added. */
export function listStepFiles(db: Db, caseId: number, step: number): StepFileDto[] {
  if (!first(db, q.selectFrom('development_cases').select('id').where('id', '=', caseId))) throw notFound('该发展记录');
  return all(db, selectDto().where('f.case_id', '=', caseId).where('f.step', '=', step).where('f.removed_at', 'is', null).orderBy('f.id')).map(toDto);
}

/** Attach a file to a recorded step of an open case. */
export function addStepFile(db: Db, dataDir: string, input: FileUpload & { caseId: number; step: number }, limit?: number): StepFileDto {
  const { id, warning } = addFile(db, dataDir, input, {
    limit,
    guard: () => checkStep(db, input.caseId, input.step),
    insert: (f) => {
      const r = run(
        db,
        q.insertInto('development_step_files').values({
          case_id: input.caseId,
          step: input.step,
          sha256: f.sha256,
          thumb_sha256: f.thumbSha256,
          name: f.name,
          added_at: f.addedAt,
          removed_at: null,
        }),
      );
      run(db, q.updateTable('development_cases').set({ updated_at: f.addedAt }).where('id', '=', input.caseId));
      return r.lastInsertRowid;
    },
  });
  return withWarning(toDto(first(db, selectDto().where('f.id', '=', id))!), warning);
}

/** The bytes of a step's file (or of its thumbnail), checked against their sha256. */
export function getStepFileContent(db: Db, dataDir: string, id: number, thumb: boolean): AttachmentContent {
  const f = first(db, q.selectFrom('development_step_files').select(['sha256', 'thumb_sha256']).where('id', '=', id).where('removed_at', 'is', null));
  return readFileContent(db, dataDir, f, thumb);
}

/** Detach a file from its step (the case must be open); the bytes stay in the store. */
export function removeStepFile(db: Db, id: number): null {
  tx(db, () => {
    const f = first(db, q.selectFrom('development_step_files').select(['case_id']).where('id', '=', id).where('removed_at', 'is', null));
    if (!f) throw notFound('该附件');
    openCaseRow(db, f.case_id);
    const t = now();
    run(db, q.updateTable('development_step_files').set({ removed_at: t }).where('id', '=', id));
    run(db, q.updateTable('development_cases').set({ updated_at: t }).where('id', '=', f.case_id));
  });
  return null;
}

/** When a step's record is deleted, its files are detached with it (inside the caller's transaction). */
export function detachStepFiles(db: Db, caseId: number, step: number): void {
  run(
    db,
    q.updateTable('development_step_files').set({ removed_at: now() }).where('case_id', '=', caseId).where('step', '=', step).where('removed_at', 'is', null),
  );
}
