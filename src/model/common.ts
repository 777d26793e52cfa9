import * as z from 'zod';

/** Identifier usable in expressions: letters of any script (so Japanese ids work), digits, `_`. */
export const Identifier = z
  .string()
  .regex(
    /^[\p{L}_][\p{L}\p{N}_]*$/u,
    'must start with a letter or _ and contain only letters, digits and _',
  );

/** Stable id of a document element (node, stage, measure…). Not necessarily an expression identifier. */
export const ElementId = z.string().min(1).max(120);

/** Calendar date as written in ISO 8601, e.g. 2026-11-23. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** Text the user writes in two languages (field labels are shown in the UI language). */
export const LocalizedText = z.object({ ja: z.string(), en: z.string() });

/** An expression in the Waymark expression language (see docs/expressions.md). */
export const Expression = z.string().max(4000);

export type LocalizedText = z.infer<typeof LocalizedText>;
