import { useEffect, useState } from 'react';
import { App as AntApp } from 'antd';
import type { MeetingRecord } from '../../../../shared/contract';
import { call } from '../../api';
import { showError } from '../../errors';
import { saveFile } from '../../download';

/** Load one record by id; `null` while loading, `false` when it cannot be found. */
export function useMeeting(id: number): MeetingRecord | null | false {
  const { message } = AntApp.useApp();
  const [rec, setRec] = useState<MeetingRecord | null | false>(null);
  useEffect(() => {
    call('records.get', { id })
      .then(setRec)
      .catch((e) => {
        setRec(false);
        showError(e, message.error);
      });
  }, [id, message]);
  return rec;
}

export function useExportDocx() {
  const { message } = AntApp.useApp();
  return async (id: number) => {
    try {
      const f = await call('records.exportDocx', { id });
      saveFile(f);
      message.success(`已导出 ${f.fileName}`);
    } catch (e) {
      showError(e, message.error);
    }
  };
}
