import { useEffect, useRef, useState } from 'react';
import { App as AntApp } from 'antd';
import type { BackgroundJob } from '../../../../shared/archive/model';
import { showError } from '../../errors';

/**
 * A background job of the archive (an export, a 全部保存到…), polled until it ends.
 * `track` takes the answer of the call that starts or cancels it: the job, or a
 * toast with why not (then false).
 */
export function useJob<J extends BackgroundJob>(poll: (id: string) => Promise<J>) {
  const { message } = AntApp.useApp();
  const [job, setJob] = useState<J | null>(null);
  const latest = useRef(poll);
  latest.current = poll;
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = window.setTimeout(async () => {
      try {
        setJob(await latest.current(job.id));
      } catch {
        setJob({ ...job, state: 'failed', error: '与任务失去联系（应用可能已重新启动），请重新开始。' });
      }
    }, 400);
    return () => window.clearTimeout(timer);
  }, [job]);
  const track = async (answer: Promise<J>): Promise<boolean> => {
    try {
      setJob(await answer);
      return true;
    } catch (e) {
      showError(e, message.error);
      return false;
    }
  };
  return { job, setJob, track };
}
