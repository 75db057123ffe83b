/** 组织关系转接: the record type as data, and the 回执 rule (shared/rules/transfer.ts). */
import { describe, expect, it } from 'vitest';
import { BOOK_TREE, recordType } from '../../shared/books/index.js';
import { dataSchema } from '../../shared/books/schema.js';
import { DEFAULT_VALIDITY_DAYS, transferDue, transferOverdue, type TransferData } from '../../shared/rules/transfer.js';

describe('transferOverdue', () => {
  type Row = [label: string, data: TransferData, date: string, today: string, overdue: boolean];
  const out = (validityDays: number | null, receiptDate = ''): TransferData => ({ direction: '转出', validityDays, receiptDate });
  const rows: Row[] = [
    ['转出, 30 days, on the last valid day', out(30), '2025-01-01', '2025-01-31', false],
    ['转出, 30 days, the day after', out(30), '2025-01-01', '2025-02-01', true],
    ['转出, validity not written: 30 days', out(null), '2025-01-01', '2025-01-31', false],
    ['转出, validity not written, the day after 30', out(null), '2025-01-01', '2025-02-01', true],
    ['转出, 15 days across a leap day', out(15), '2024-02-15', '2024-03-01', false],
    ['转出, 15 days across a leap day, the day after', out(15), '2024-02-15', '2024-03-02', true],
    ['转出, 15 days in a common year', out(15), '2023-02-15', '2023-03-02', false],
    ['转出, 15 days in a common year, the day after', out(15), '2023-02-15', '2023-03-03', true],
    ['转出, 30 days over the year end', out(30), '2024-12-15', '2025-01-14', false],
    ['转出, 30 days over the year end, the day after', out(30), '2024-12-15', '2025-01-15', true],
    ['转出, 回执 returned (late, but returned)', out(30, '2025-03-01'), '2025-01-01', '2026-01-01', false],
    ['转入 is never overdue here', { direction: '转入', validityDays: 30, receiptDate: '' }, '2025-01-01', '2026-01-01', false],
    ['nothing known', {}, '2025-01-01', '2026-01-01', false],
  ];
  it.each(rows)('%s', (_label, data, date, today, overdue) => {
    expect(transferOverdue(data, date, today)).toBe(overdue);
  });

  it('gives the last valid day of a 转出 awaiting its 回执', () => {
    expect(DEFAULT_VALIDITY_DAYS).toBe(30);
    expect(transferDue(out(30), '2025-01-01')).toBe('2025-01-31');
    expect(transferDue(out(30, '2025-01-10'), '2025-01-01')).toBeNull();
    expect(transferDue({ direction: '转入' }, '2025-01-01')).toBeNull();
  });
});

describe('membership-transfer record type', () => {
  const def = recordType('membership-transfer');

  it('sits in the 党员管理 part of the 支部档案', () => {
    const archive = BOOK_TREE.find((b) => b.id === 'archive')!;
    expect(archive.parts.find((p) => p.id === 'members')).toEqual({ id: 'members', label: '党员管理', rules: [] });
    expect(def).toMatchObject({ book: 'archive', part: 'members', kind: 'register', label: '组织关系转接', dateLabel: '转接日期', titleKey: 'name' });
  });

  it('has the fields of the 登记', () => {
    expect(def.fields.map((f) => `${f.label}:${f.kind}`)).toEqual([
      '转入/转出:select',
      '姓名:person',
      '对方党组织全称:text',
      '党费交至:month',
      '介绍信编号:text',
      '有效期（天）:number',
      '回执退回日期:date',
      '档案交接:select',
      '备注:textarea',
    ]);
    expect(def.fields.find((f) => f.key === 'direction')!.options).toEqual(['转入', '转出']);
    expect(def.fields.find((f) => f.key === 'fileHandover')!.options).toEqual(['已交接', '未交接', '无']);
    expect(def.fields.find((f) => f.key === 'validityDays')!.help).toContain('30天');
  });

  it('accepts a 转出 without 回执 and with no validity written', () => {
    const data = { direction: '转出', name: '张三', counterpart: '中共某某公司第二支部委员会', duesPaidTo: '2025-06', letterNo: '（2025）第12号', validityDays: null, receiptDate: '', fileHandover: '', remarks: '' };
    expect(dataSchema(def).safeParse(data).success).toBe(true);
    expect(dataSchema(def).safeParse({ ...data, direction: '' }).success).toBe(false);
  });
});
