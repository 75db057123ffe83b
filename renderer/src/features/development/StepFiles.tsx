/**
 * The 附件 of one recorded step (申请书 scans, 思想汇报, 政审材料 …): listed with
 * thumbnails, downloaded, added and removed while the case is open.
 */
import { call } from '../../api';
import { useApiData } from '../../useApiData';
import { AddFilesButton, FileTiles, type FetchFile } from '../../components/AttachmentTiles';
import { circled } from '../../../../shared/rules/development';

const fetchStepFile: FetchFile = (id, thumb) => call('development.getStepFile', { id, thumb });

export function StepFiles({ caseId, step, readOnly }: { caseId: number; step: number; readOnly: boolean }) {
  const [files, reload] = useApiData(() => call('development.stepFiles', { caseId, step }), [caseId, step]);
  if (readOnly && !files?.length) return null;
  return (
    <div className="dev-step-files" aria-label={`${circled(step)}的附件`} role="group">
      <span className="dev-step-files-label">附件{files?.length ? `（${files.length}）` : ''}</span>
      {!!files?.length && (
        <FileTiles
          files={files}
          fetch={fetchStepFile}
          remove={readOnly ? undefined : (f) => call('development.removeStepFile', { id: f.id })}
          removeTitle="从本步骤移除这个附件？"
          onRemoved={reload}
          compact
          testId="step-file"
        />
      )}
      {!readOnly && (
        <AddFilesButton ariaLabel={`${circled(step)}附件`} size="small" upload={(f) => call('development.addStepFile', { caseId, step, ...f })} onDone={reload} />
      )}
    </div>
  );
}
