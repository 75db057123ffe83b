/**
 * Table types for kysely. These describe rows as stored; services map them to
 * the contract's types and never hand them to the renderer.
 *
 * When adding a column: write a new migration (never edit a released one), add
 * the column here, map it in the owning service, and extend test/db/migrations.test.ts.
 */
import type { Generated } from 'kysely';

export interface BranchTable {
  id: number;
  name: string;
  parent_org: string;
  fonds_no: string;
  /** When the branch's books begin, as set in 支部设置 (YYYY-MM-DD), or null: worked out. */
  books_start: string | null;
  /** The 简称 printed as 责任者 in the 卷内文件目录, or '' for one worked out from the name. */
  short_name: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface PartyGroupsTable {
  id: Generated<number>;
  name: string;
  sort: number;
  removed_at: string | null;
}

export interface PeopleTable {
  id: Generated<number>;
  name: string;
  gender: string;
  birth_date: string;
  political_status: string;
  group_id: number | null;
  position: string;
  phone: string;
  ethnicity: Generated<string>;
  native_place: Generated<string>;
  id_number: Generated<string>;
  education: Generated<string>;
  degree: Generated<string>;
  work_start_date: Generated<string>;
  join_date: Generated<string>;
  full_date: Generated<string>;
  address: Generated<string>;
  mobile_where: Generated<string>;
  notes: Generated<string>;
  removed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonStatusesTable {
  id: Generated<number>;
  person_id: number;
  status: string;
  since: string;
  note: Generated<string>;
}

export interface DevelopmentCasesTable {
  id: Generated<number>;
  person_id: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_reason: Generated<string>;
}

export interface DevelopmentStepsTable {
  case_id: number;
  step: number;
  date: string;
  /** JSON */
  people: Generated<string>;
  /** JSON */
  details: Generated<string>;
  notes: Generated<string>;
  record_id: number | null;
  motion_index: number | null;
}

export interface DevelopmentReviewsTable {
  id: Generated<number>;
  case_id: number;
  date: string;
  kind: string;
  reviewer: Generated<string>;
  content: Generated<string>;
}

export interface DuesBasesTable {
  year: number;
  person_id: number;
  category: string;
  base: Generated<number>;
  monthly: number;
  notes: Generated<string>;
}

export interface DuesPaymentsTable {
  id: Generated<number>;
  person_id: number;
  year: number;
  month: number;
  amount: number;
  paid_date: string;
  collector: Generated<string>;
  created_at: string;
}

export interface CommitteeTable {
  person_id: number;
  role: string;
  sort: number;
}

export interface RecordsTable {
  id: Generated<number>;
  type: string;
  date: string;
  group_id: number | null;
  /** JSON of the record's fields, validated by the contract before it is written. */
  data: string;
  status: Generated<string>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface RecordRevisionsTable {
  id: Generated<number>;
  record_id: number;
  saved_at: string;
  type: string;
  date: string;
  status: string;
  data: string;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  mime: string;
  created_at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  record_id: number;
  sha256: string;
  thumb_sha256: string | null;
  name: string;
  added_at: string;
  removed_at: string | null;
}

/** A file on a step of a 发展党员 case; like AttachmentsTable but keyed by case and step. */
export interface DevelopmentStepFilesTable {
  id: Generated<number>;
  case_id: number;
  step: number;
  sha256: string;
  thumb_sha256: string | null;
  name: string;
  added_at: string;
  removed_at: string | null;
}

/** FTS5 table; `rowid` is implicit. */
export interface SearchIndexTable {
  title: string;
  body: string;
  kind: 'record' | 'person';
  ref_id: number;
  book: string;
}

export interface RuleTextsTable {
  id: string;
  body: string;
  updated_at: string;
}

export interface CadenceSettingsTable {
  type_id: string;
  enabled: number;
  period: 'month' | 'quarter' | 'year';
  updated_at: string;
}

/** The app password (one row, id 1): see migration 0009 and electron/core/auth. */
export interface AppLockTable {
  id: number;
  /** `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, or null: no password. */
  password_hash: string | null;
  /** Lock after this many minutes without a call; 0: never. */
  idle_minutes: number;
  updated_at: string;
}

export interface Tables {
  branch: BranchTable;
  party_groups: PartyGroupsTable;
  people: PeopleTable;
  committee: CommitteeTable;
  records: RecordsTable;
  record_revisions: RecordRevisionsTable;
  blobs: BlobsTable;
  attachments: AttachmentsTable;
  search_index: SearchIndexTable;
  rule_texts: RuleTextsTable;
  person_statuses: PersonStatusesTable;
  development_cases: DevelopmentCasesTable;
  development_steps: DevelopmentStepsTable;
  development_reviews: DevelopmentReviewsTable;
  development_step_files: DevelopmentStepFilesTable;
  dues_bases: DuesBasesTable;
  dues_payments: DuesPaymentsTable;
  cadence_settings: CadenceSettingsTable;
  app_lock: AppLockTable;
}
