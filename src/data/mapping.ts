import type { FieldContract } from '../model';
import { headerKey, headerKeyNoUnit } from './normalize';

/** Field id → column index in the file (null = not in this file). */
export type ColumnMapping = Record<string, number | null>;

/**
 * The column mapped to field `id`, or null. Own keys only: a mapping that crossed a worker or
 * IndexedDB is a plain object, where `mapping.constructor` would be Object's constructor.
 */
export function mappedColumn(mapping: ColumnMapping, id: string): number | null {
  if (!Object.hasOwn(mapping, id)) return null;
  const v = mapping[id];
  return typeof v === 'number' ? v : null;
}

/** An empty mapping without a prototype (any field id, even `__proto__`, is an ordinary key). */
export function newMapping(): ColumnMapping {
  return Object.create(null) as ColumnMapping;
}

/**
 * Automatic mapping: a column maps to a field when its header equals the field's id, Japanese
 * label or English label (ignoring case, width, spacing and a unit in brackets). Each column is
 * used once; exact matches win over unit-stripped ones.
 */
export function autoMap(headers: readonly string[], contract: FieldContract): ColumnMapping {
  const mapping = newMapping();
  const used = new Set<number>();
  const keys = headers.map(headerKey);
  const loose = headers.map(headerKeyNoUnit);
  for (const pass of [keys, loose]) {
    for (const f of contract.fields) {
      if (mappedColumn(mapping, f.id) != null) continue;
      const names = new Set([headerKey(f.id), headerKey(f.label.ja), headerKey(f.label.en)]);
      const idx = pass.findIndex((k, i) => !used.has(i) && k !== '' && names.has(k));
      if (idx >= 0) {
        mapping[f.id] = idx;
        used.add(idx);
      }
    }
  }
  for (const f of contract.fields) if (!Object.hasOwn(mapping, f.id)) mapping[f.id] = null;
  return mapping;
}

/** Columns of the file no field maps to. */
export function unmappedColumns(headers: readonly string[], mapping: ColumnMapping): string[] {
  const used = new Set(Object.values(mapping).filter((v): v is number => v != null));
  return headers.filter((_, i) => !used.has(i));
}
