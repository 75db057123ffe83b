/** 支部档案 (一档, DOMAIN.md §1): the branch's own documents, filed by category. */
import { REMARKS } from './branch-general.js';
import type { FieldDef, RecordTypeDef } from './types.js';

/** The fields of a document 件, as listed in the 归档文件目录 (DOMAIN §4). */
const DOCUMENT_FIELDS: readonly FieldDef[] = [
  { key: 'title', label: '标题', kind: 'text', required: true, max: 200 },
  { key: 'docNumber', label: '文号', kind: 'text', max: 60 },
  { key: 'author', label: '责任者', kind: 'text', max: 100, help: '一般为本支部全称' },
  { key: 'body', label: '正文', kind: 'textarea' },
  REMARKS,
];

/** A document type: printed under its own label (not “…记录”). */
function documentType(id: string, label: string, part: string, retention: RecordTypeDef['retention']): RecordTypeDef {
  return {
    id,
    label,
    printTitle: label,
    book: 'archive',
    part,
    kind: 'document',
    dateLabel: '成文日期',
    fields: DOCUMENT_FIELDS,
    listColumns: ['docNumber', 'author'],
    titleKey: 'title',
    retention,
    signatures: [],
  };
}

/*
 * Retention defaults (judgement, DA/T 22 terms): plans and summaries 定期30年, as the
 * brief sets for a branch (organs often keep their own annual plans and summaries
 * 永久; a branch can raise a 件 when it archives the year); rules 永久,
 * since they govern later years; activity schemes and measures 定期10年.
 */
export const ARCHIVE: readonly RecordTypeDef[] = [
  documentType('work-plan', '工作计划', 'plans', '定期30年'),
  documentType('work-summary', '工作总结', 'plans', '定期30年'),
  documentType('activity-scheme', '活动方案', 'schemes', '定期10年'),
  documentType('measure', '措施', 'schemes', '定期10年'),
  documentType('regulation', '规章制度', 'regulations', '永久'),
];
