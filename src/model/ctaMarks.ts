import * as z from 'zod';
import { IsoDate } from './common';

/**
 * A user's mark on one CTA task: the account and the CTA's dedupe key identify it across runs,
 * `since` names the episode (the as-of date its uninterrupted firing started), so the mark
 * follows the task while it keeps firing and a later recurrence is a new task.
 * An optional addition to the project (schema version 1 documents without it stay valid).
 */
export const CtaMark = z.object({
  accountId: z.string().min(1),
  dedupeKey: z.string().min(1),
  state: z.enum(['done', 'snoozed', 'dismissed']),
  since: IsoDate,
  /** Snoozed until this date (shown again from it). */
  until: IsoDate.optional(),
  /** Why it was dismissed. */
  reason: z.string().optional(),
  /** When it was marked (ISO timestamp). */
  markedAt: z.string(),
});
export type CtaMark = z.infer<typeof CtaMark>;
