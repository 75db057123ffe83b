/** 身份证号 in exports: masked unless the user asks for them in full (ARCHITECTURE.md, security defaults). */
import { maskIdNumber } from '../rules/idcard.js';
import type { FieldDef, RecordTypeDef } from './types.js';

function maskFields(fields: readonly FieldDef[], data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  for (const f of fields) {
    const v = out[f.key];
    if (f.personalId && typeof v === 'string') out[f.key] = maskIdNumber(v);
    else if (f.kind === 'table' && Array.isArray(v)) out[f.key] = v.map((row) => maskFields(f.columns!, row as Record<string, unknown>));
    else if (f.kind === 'object' && v && typeof v === 'object') out[f.key] = maskFields(f.columns!, v as Record<string, unknown>);
  }
  return out;
}

/** A record's data with every field its definition marks `personalId` masked (sub-tables included). */
export function maskPersonalIds(def: RecordTypeDef, data: Record<string, unknown>): Record<string, unknown> {
  return maskFields(def.fields, data);
}

/** Whether the type has a field marked `personalId` (at any depth): its print and exports offer the full numbers. */
export function hasPersonalIds(def: RecordTypeDef): boolean {
  const any = (fields: readonly FieldDef[]): boolean => fields.some((f) => f.personalId || (f.columns ? any(f.columns) : false));
  return any(def.fields);
}

/** A record as printed or exported: its 身份证号 masked unless the user chose them in full. */
export function shownRecord<R extends { data: Record<string, unknown> }>(def: RecordTypeDef, rec: R, fullIds: boolean): R {
  return fullIds ? rec : { ...rec, data: maskPersonalIds(def, rec.data) };
}
