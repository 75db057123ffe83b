/**
 * The one typed contract between the renderer and the core: every method of the app, each with
 * an input schema (checked at the boundary in both transports) and a result type. Each domain
 * declares its methods, and the types they use, in shared/methods/<domain>.ts; this file only
 * merges those maps.
 *
 * When adding a method: add it to its domain's map in shared/methods/, implement it in
 * electron/core/<domain>/handlers.ts (the compiler insists), and the preload, the web host and
 * the renderer's client pick it up from this list. test/unit/contract.test.ts checks that
 * malformed input to it is refused.
 */
import type { z } from 'zod';
import { APP_METHODS } from './methods/app.js';
import { ARCHIVE_METHODS } from './methods/archive.js';
import { ATTACHMENTS_METHODS } from './methods/attachments.js';
import { AUTH_METHODS } from './methods/auth.js';
import { BACKUP_METHODS } from './methods/backup.js';
import { BRANCH_METHODS } from './methods/branch.js';
import { CADENCE_METHODS } from './methods/cadence.js';
import { COMPLETENESS_METHODS } from './methods/completeness.js';
import { DEVELOPMENT_METHODS } from './methods/development.js';
import { DUES_METHODS } from './methods/dues.js';
import { MEMBERS_METHODS } from './methods/members.js';
import { mergeMethods } from './methods/method.js';
import { PEOPLE_METHODS } from './methods/people.js';
import { RECORDS_METHODS } from './methods/records.js';
import { REGISTERS_METHODS } from './methods/registers.js';
import { RULES_METHODS } from './methods/rules.js';
import { SEAL_METHODS } from './methods/seal.js';
import { SEARCH_METHODS } from './methods/search.js';

/** Every method of the app; a name defined twice throws at start. */
export const contract = mergeMethods(
  APP_METHODS,
  BRANCH_METHODS,
  PEOPLE_METHODS,
  RECORDS_METHODS,
  ATTACHMENTS_METHODS,
  SEARCH_METHODS,
  RULES_METHODS,
  MEMBERS_METHODS,
  DEVELOPMENT_METHODS,
  DUES_METHODS,
  REGISTERS_METHODS,
  COMPLETENESS_METHODS,
  SEAL_METHODS,
  ARCHIVE_METHODS,
  CADENCE_METHODS,
  BACKUP_METHODS,
  AUTH_METHODS,
);

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Exclude<Contract[M]['output'], undefined>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** IPC channel of a method: one channel per method, never a generic one. */
export const channelOf = (m: MethodName) => `api:${m}`;
