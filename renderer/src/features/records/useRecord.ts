import { useState } from 'react';
import { App as AntApp } from 'antd';
import type { RecordDto } from '../../../../shared/methods/records';
import { recordType } from '../../../../shared/books/index';
import { recordPrintDoc, type PrintDoc } from '../../../../shared/print/record';
import { hasPersonalIds, shownRecord } from '../../../../shared/books/privacy';
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

/** The record's printed page, laid out from its definition; 身份证号 masked unless `fullIds`. */
export function usePrintDoc(rec: RecordDto, fullIds = false): PrintDoc {
  const { branch } = useLedger();
  const names = new Map(branch.groups.map((g) => [g.id, g.name]));
  const def = recordType(rec.type);
  return recordPrintDoc(def, shownRecord(def, rec, fullIds), branch.name, { groupName: (gid) => names.get(gid) ?? rec.groupName });
}

/** Whether the record's type has a 身份证号 (then its view offers them in full), and the user's choice. */
export function useFullIds(rec: RecordDto): { offered: boolean; fullIds: boolean; setFullIds: (v: boolean) => void } {
  const [fullIds, setFullIds] = useState(false);
  const offered = hasPersonalIds(recordType(rec.type));
  return { offered, fullIds: offered && fullIds, setFullIds };
}

export function useExportDocx() {
  const { message } = AntApp.useApp();
  return async (id: number, fullIds = false) => {
    try {
      const f = await call('records.exportDocx', { id, fullIds });
      saveFile(f);
      message.success(`已导出 ${f.fileName}`);
    } catch (e) {
      showError(e, message.error);
    }
  };
}
