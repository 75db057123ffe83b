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
  removed_at: string | null;
  created_at: string;
  updated_at: string;
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
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A view: active records with their 第N次 in the series. */
export interface ActiveRecordsView extends Omit<RecordsTable, 'id'> {
  id: number;
  seq: number;
}

export interface Tables {
  branch: BranchTable;
  party_groups: PartyGroupsTable;
  people: PeopleTable;
  committee: CommitteeTable;
  records: RecordsTable;
  active_records: ActiveRecordsView;
}
