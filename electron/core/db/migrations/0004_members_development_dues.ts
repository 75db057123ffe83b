/**
 * Frozen in time: never edit once released.
 * 党员花名册 fields on the people registry, each person's status over time,
 * the 发展党员 pipeline, and the 党费 ledger.
 */
import { sql, type Kysely } from 'kysely';
import type { Exec } from './migration.js';

const PEOPLE_COLUMNS = [
  'ethnicity', // 民族
  'native_place', // 籍贯
  'id_number', // 身份证号 (upper case, validated by GB 11643)
  'education', // 学历
  'degree', // 学位
  'work_start_date', // 参加工作日期
  'join_date', // 入党日期: the day the 支部大会 admitted them
  'full_date', // 转正日期 (党龄 counts from here)
  'address', // 住址
  'mobile_where', // 流动党员: where (empty: not mobile)
  'notes', // 备注
];

export function up(k: Kysely<any>, exec: Exec): void {
  for (const c of PEOPLE_COLUMNS) exec(k.schema.alterTable('people').addColumn(c, 'text', (col) => col.notNull().defaultTo('')));
  exec(sql`CREATE UNIQUE INDEX people_id_number ON people (id_number) WHERE id_number <> '' AND removed_at IS NULL`.compile(k));

  // 职工 → 积极分子 → 预备党员 → 中共党员 …: what a person was, from which day.
  exec(
    k.schema
      .createTable('person_statuses')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo('')),
  );
  exec(k.schema.createIndex('person_statuses_person').on('person_statuses').columns(['person_id', 'since']));

  // 发展党员: one case per candidate, its 25 steps, and the half-yearly 考察.
  exec(
    k.schema
      .createTable('development_cases')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('closed_reason', 'text', (c) => c.notNull().defaultTo('')),
  );
  exec(sql`CREATE UNIQUE INDEX development_cases_open ON development_cases (person_id) WHERE closed_at IS NULL`.compile(k));
  exec(
    k.schema
      .createTable('development_steps')
      .addColumn('case_id', 'integer', (c) => c.notNull().references('development_cases.id').onDelete('cascade'))
      .addColumn('step', 'integer', (c) => c.notNull().check(sql`step BETWEEN 1 AND 25`))
      .addColumn('date', 'text', (c) => c.notNull())
      /** JSON: names by role (谈话人, 培养联系人, 入党介绍人 …) */
      .addColumn('people', 'text', (c) => c.notNull().defaultTo('{}').check(sql`json_valid(people)`))
      /** JSON: what a step records besides its date (学时, 成绩, 结论, 延长月数 …) */
      .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}').check(sql`json_valid(details)`))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      /** the 支部大会 / 支委会 record that decided it */
      .addColumn('record_id', 'integer', (c) => c.references('records.id').onDelete('set null'))
      .addColumn('motion_index', 'integer')
      .addPrimaryKeyConstraint('development_steps_pk', ['case_id', 'step']),
  );
  exec(
    k.schema
      .createTable('development_reviews')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('case_id', 'integer', (c) => c.notNull().references('development_cases.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // 考察 | 思想汇报
      .addColumn('reviewer', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('content', 'text', (c) => c.notNull().defaultTo('')),
  );
  exec(k.schema.createIndex('development_reviews_case').on('development_reviews').columns(['case_id', 'date']));

  // 党费: the monthly amount is fixed per member at the start of each year; payments per month.
  exec(
    k.schema
      .createTable('dues_bases')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('base', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('monthly', 'real', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('dues_bases_pk', ['year', 'person_id']),
  );
  exec(
    k.schema
      .createTable('dues_payments')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('month', 'integer', (c) => c.notNull().check(sql`month BETWEEN 1 AND 12`))
      .addColumn('amount', 'real', (c) => c.notNull().check(sql`amount >= 0`))
      .addColumn('paid_date', 'text', (c) => c.notNull())
      .addColumn('collector', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull()),
  );
  exec(sql`CREATE UNIQUE INDEX dues_payments_month ON dues_payments (person_id, year, month)`.compile(k));
}
