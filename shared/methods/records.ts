/** The records of the four books and the archive: every type, defined once in shared/books. */
import { z } from 'zod';
import { BOOK_IDS, RECORD_TYPES, RECORD_TYPE_IDS } from '../books/index.js';
import { dataSchema, dateIn, type Attendee } from '../books/schema.js';
import type { RecordStatus } from '../books/vocab.js';
import { id, method, noInput, type ExportedFile } from './method.js';

const recordType = z.enum(RECORD_TYPE_IDS, { error: '记录类型无效' });

/**
 * A record of any type: its data is checked against that type's definition,
 * in full for a 定稿 and leniently for a draft (shared/books/schema.ts dataSchema).
 */
export const recordInput = z.discriminatedUnion(
  'type',
  RECORD_TYPES.map((def) =>
    z.discriminatedUnion(
      'status',
      [
        z.strictObject({ type: z.literal(def.id), date: dateIn('record', def.dateLabel), status: z.literal('final'), data: dataSchema(def) }),
        z.strictObject({ type: z.literal(def.id), date: dateIn('record', def.dateLabel), status: z.literal('draft'), data: dataSchema(def, { draft: true }) }),
      ],
      { error: '状态应为草稿或定稿' },
    ),
  ) as unknown as [
    z.ZodDiscriminatedUnion<
      [z.ZodObject<{ type: z.ZodLiteral<string>; date: ReturnType<typeof dateIn>; status: z.ZodLiteral<RecordStatus>; data: z.ZodObject }>]
    >,
  ],
  { error: '记录类型无效' },
);
export type RecordData = Record<string, unknown>;
export interface RecordInput {
  type: string;
  date: string;
  status: RecordStatus;
  data: RecordData;
}

export interface RecordSummary {
  id: number;
  type: string;
  /** 第N次 for meetings: the place in its series (type, year, and 党小组 for 党小组会), by date. */
  seq: number | null;
  date: string;
  status: RecordStatus;
  title: string;
  /** Display text of the type's list columns, by field key. */
  cells: Record<string, string>;
  attachments: number;
  updatedAt: string;
}

export interface RecordDto {
  id: number;
  type: string;
  seq: number | null;
  date: string;
  status: RecordStatus;
  data: RecordData;
  groupName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TrashItem {
  id: number;
  type: string;
  date: string;
  title: string;
  deletedAt: string;
}

export interface RevisionSummary {
  id: number;
  savedAt: string;
  /** Labels of the fields this save changed, compared with the version before it. */
  changed: string[];
}

export interface RevisionDto {
  id: number;
  recordId: number;
  savedAt: string;
  type: string;
  date: string;
  status: RecordStatus;
  data: RecordData;
}

export const RECORDS_METHODS = {
  /** The expected attendance of a new meeting of this type, from the current roster. */
  'records.expected': method<Attendee[]>()(z.strictObject({ type: recordType, groupId: id.nullable() })),
  'records.list': method<RecordSummary[]>()(
    z.strictObject({
      year: z.number().int().min(1900).max(2200),
      type: recordType.nullable(),
      book: z.enum(BOOK_IDS).nullable(),
    }),
  ),
  /** How many records of each type the year holds. */
  'records.counts': method<Record<string, number>>()(z.strictObject({ year: z.number().int().min(1900).max(2200) })),
  'records.get': method<RecordDto>()(z.strictObject({ id })),
  'records.create': method<RecordDto>()(recordInput),
  'records.update': method<RecordDto>()(z.strictObject({ id, record: recordInput })),
  'records.remove': method<null>()(z.strictObject({ id })),
  'records.trash': method<TrashItem[]>()(noInput),
  'records.restore': method<RecordDto>()(z.strictObject({ id })),
  'records.purge': method<null>()(z.strictObject({ id })),
  /** The record's page as .docx; 身份证号 masked unless fullIds. */
  'records.exportDocx': method<ExportedFile>()(
    z.strictObject({ id, fullIds: z.boolean({ error: '请选择是否导出完整身份证号' }).optional() }),
  ),
  'records.revisions': method<RevisionSummary[]>()(z.strictObject({ id })),
  'records.revision': method<RevisionDto>()(z.strictObject({ id })),
  /** Make an old version current again (the current one is kept as a revision). */
  'records.restoreRevision': method<RecordDto>()(z.strictObject({ id })),
} as const;
