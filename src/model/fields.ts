import * as z from 'zod';
import { Identifier, LocalizedText } from './common';

export const FieldType = z.enum(['number', 'integer', 'string', 'boolean', 'date', 'category']);

/** One column of account data as the playbook expects it (the data dictionary). */
export const Field = z.object({
  id: Identifier,
  label: LocalizedText,
  type: FieldType,
  /** Allowed values, for `category` fields only. */
  values: z.array(z.string()).optional(),
  unit: z.string().optional(),
  required: z.boolean(),
  description: z.string().optional(),
});

/**
 * The field contract: which columns account data has, and which of them play a role
 * (the account key, a display name used to join sources by company name).
 */
export const FieldContract = z.object({
  accountKey: Identifier,
  nameField: Identifier.optional(),
  /** Numeric field holding monthly recurring revenue, for shares of MRR (optional). */
  mrrField: Identifier.optional(),
  fields: z.array(Field),
});

/** Names the engine defines itself; a field may not use them. */
export const RESERVED_NAMES = [
  'score',
  'color',
  'segment',
  'stage',
  'days_in_stage',
  'as_of',
  'true',
  'false',
  'and',
  'or',
  'not',
  'in',
  'null',
  'missing',
] as const;

/**
 * The numeric field holding MRR: the declared `mrrField`; failing that, a number field whose id
 * is "mrr" or whose English label says MRR (templates made before the setting existed).
 */
export function mrrFieldOf(contract: {
  mrrField?: string;
  fields: { id: string; type: string; label: { en?: string } }[];
}): string | null {
  if (contract.mrrField !== undefined) return contract.mrrField;
  const f = contract.fields.find(
    (x) =>
      (x.type === 'number' || x.type === 'integer') &&
      (/^mrr$/i.test(x.id) || /\bmrr\b/i.test(x.label.en ?? '')),
  );
  return f?.id ?? null;
}

export type FieldType = z.infer<typeof FieldType>;
export type Field = z.infer<typeof Field>;
export type FieldContract = z.infer<typeof FieldContract>;
