import * as z from 'zod';
import { ElementId, Expression } from './common';

/** A segment: accounts matching `when` (ordered, first match wins). */
export const Segment = z.object({
  id: ElementId,
  label: z.string(),
  /** Expression; empty for the default segment. */
  when: Expression,
  description: z.string().optional(),
});

export const Segments = z.object({
  /** Evaluated in order; the first whose `when` is true wins. */
  items: z.array(Segment),
  /** Segment given to accounts no rule matches (or whose rules are unknown). */
  defaultId: ElementId,
});

export type Segment = z.infer<typeof Segment>;
export type Segments = z.infer<typeof Segments>;
