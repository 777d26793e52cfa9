/**
 * "Create field …" — the fix for an expression naming a field the contract lacks. The type is
 * inferred from a column of that name in the file being imported into this project (if any);
 * otherwise the field is a number, the type a measure or a comparison most often needs.
 */
import type { Field, FieldContract } from '../../model';
import { RESERVED_NAMES } from '../../model/fields';
import { inferFieldsFromFile } from '../../data/inferFile';
import { halfWidth } from '../../data/coerce';
import type { PickedFile } from '../data/useImportFlow';
import { inferredNow } from '../data/inferredFields';

export function proposeMissingField(
  name: string,
  contract: FieldContract,
  file: PickedFile | null,
): { field: Field; column: number | null } | null {
  if ((RESERVED_NAMES as readonly string[]).includes(name)) return null;
  if (contract.fields.some((f) => f.id === name)) return null;
  const norm = (s: string) => halfWidth(s).normalize('NFKC').trim().toLowerCase();
  if (file) {
    try {
      // The worker's reading when it is done (inferredFields.ts), else read here from what the
      // page holds (a big file's start only: cut at its last line break).
      const whole = !file.blob || file.bytes.length >= file.blob.size;
      const bytes = whole ? file.bytes : file.bytes.subarray(0, file.bytes.lastIndexOf(0x0a) + 1);
      const inferred =
        inferredNow(file) ??
        inferFieldsFromFile(bytes, file.name, {
          encoding: file.preview.encoding,
          ...(file.preview.sheet ? { sheet: file.preview.sheet } : {}),
        });
      const hit = inferred.fields.find((f) => norm(f.header) === norm(name) || f.field.id === name);
      if (hit) return { field: { ...hit.field, id: name, required: false }, column: hit.column };
    } catch {
      // an unreadable file proposes nothing from it
    }
  }
  return {
    field: { id: name, label: { ja: '', en: name }, type: 'number', required: false },
    column: null,
  };
}
