import type { FieldContract } from '../model';
import { headerKey, headerKeyNoUnit } from './normalize';

/** Field id → column index in the file (null = not in this file). */
export type ColumnMapping = Record<string, number | null>;

/**
 * Automatic mapping: a column maps to a field when its header equals the field's id, Japanese
 * label or English label (ignoring case, width, spacing and a unit in brackets). Each column is
 * used once; exact matches win over unit-stripped ones.
 */
export function autoMap(headers: readonly string[], contract: FieldContract): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const keys = headers.map(headerKey);
  const loose = headers.map(headerKeyNoUnit);
  for (const pass of [keys, loose]) {
    for (const f of contract.fields) {
      if (mapping[f.id] != null) continue;
      const names = new Set([headerKey(f.id), headerKey(f.label.ja), headerKey(f.label.en)]);
      const idx = pass.findIndex((k, i) => !used.has(i) && k !== '' && names.has(k));
      if (idx >= 0) {
        mapping[f.id] = idx;
        used.add(idx);
      }
    }
  }
  for (const f of contract.fields) if (!(f.id in mapping)) mapping[f.id] = null;
  return mapping;
}

/** Columns of the file no field maps to. */
export function unmappedColumns(headers: readonly string[], mapping: ColumnMapping): string[] {
  const used = new Set(Object.values(mapping).filter((v): v is number => v != null));
  return headers.filter((_, i) => !used.has(i));
}
