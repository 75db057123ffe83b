import { App as AntApp } from 'antd';
import type { MeetingRecord } from '../../../../shared/contract';
import { call } from '../../api';
import { showError } from '../../errors';
import { saveFile } from '../../download';
import { useApiData } from '../../useApiData';

/** Load one record by id; `null` while loading, `false` when it cannot be found. */
export function useMeeting(id: number): MeetingRecord | null | false {
  const [rec, , failed] = useApiData(() => call('records.get', { id }), [id]);
  return failed ? false : rec;
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
