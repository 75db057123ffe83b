import { App as AntApp } from 'antd';
import type { RecordDto } from '../../../../shared/contract';
import { recordType } from '../../../../shared/books/index';
import { recordPrintDoc, type PrintDoc } from '../../../../shared/print/record';
import { call } from '../../api';
import { useLedger } from '../../context';
import { showError } from '../../errors';
import { saveFile } from '../../download';
import { useApiData } from '../../useApiData';

/** Load one record by id; `null` while loading, `false` when it cannot be found. */
export function useRecord(id: number): [RecordDto | null | false, () => Promise<void>] {
  const [rec, reload, failed] = useApiData(() => call('records.get', { id }), [id]);
  return [failed ? false : rec, reload];
}

/** The record's printed page, laid out from its definition. */
export function usePrintDoc(rec: RecordDto): PrintDoc {
  const { branch } = useLedger();
  const names = new Map(branch.groups.map((g) => [g.id, g.name]));
  return recordPrintDoc(recordType(rec.type), rec, branch.name, { groupName: (gid) => names.get(gid) ?? rec.groupName });
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
