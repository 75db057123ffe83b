/** 支部档案 (一档, DOMAIN.md §1): the branch's own documents, filed by category. */
import { NAME, REMARKS } from './branch-general.js';
import { DEFAULT_VALIDITY_DAYS, FILE_HANDOVER, TRANSFER_DIRECTIONS } from '../rules/transfer.js';
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
  membershipTransfer(),
];

/*
 * 党员管理: 组织关系转接 (DOMAIN.md §2). One entry per letter, in or out; the date is
 * the 转接日期. A 转出 whose 回执 has not come back within the letter's validity is
 * flagged on the 发展党员 page (shared/rules/transfer.ts). 定期30年 (judgement: the
 * 存根 and 回执 are usually kept 30 years in 档案保管期限表; a branch can raise it).
 */
function membershipTransfer(): RecordTypeDef {
  return {
    id: 'membership-transfer',
    label: '组织关系转接',
    printTitle: '党员组织关系转接登记',
    book: 'archive',
    part: 'members',
    kind: 'register',
    dateLabel: '转接日期',
    fields: [
      { key: 'direction', label: '转入/转出', kind: 'select', required: true, options: TRANSFER_DIRECTIONS },
      NAME,
      { key: 'counterpart', label: '对方党组织全称', kind: 'text', required: true, max: 200, help: '转出时填接收党组织，转入时填原党组织' },
      { key: 'duesPaidTo', label: '党费交至', kind: 'month' },
      { key: 'letterNo', label: '介绍信编号', kind: 'text', max: 40 },
      {
        key: 'validityDays',
        label: '有效期（天）',
        kind: 'number',
        min: 1,
        max: 365,
        unit: '天',
        help: `一般为${DEFAULT_VALIDITY_DAYS}天；不填按${DEFAULT_VALIDITY_DAYS}天提醒`,
      },
      { key: 'receiptDate', label: '回执退回日期', kind: 'date', help: '转出的，回执退回前本支部仍负有管理责任' },
      { key: 'fileHandover', label: '档案交接', kind: 'select', options: FILE_HANDOVER },
      REMARKS,
    ],
    listColumns: ['direction', 'name', 'counterpart', 'receiptDate'],
    titleKey: 'name',
    retention: '定期30年',
    signatures: ['经办人（签字）'],
  };
}
