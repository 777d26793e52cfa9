import * as z from 'zod';
import { ElementId, Expression } from './common';

export const CtaType = z.enum(['expansion', 'risk', 'lifecycle', 'other']);
export const Priority = z.enum(['high', 'medium', 'low']);

/** A call to action: fires for an account when its trigger is true. */
export const Cta = z.object({
  id: ElementId,
  label: z.string(),
  type: CtaType,
  trigger: Expression,
  priority: Priority,
  /** Role that owns it; empty = use the owner-routing rule. */
  ownerRole: z.string(),
  /**
   * Optional: a text or category field naming the person who owns it (e.g. the account's CSM
   * column). Where the field is blank the owner is ownerRole, else the routed owner.
   */
  ownerField: z.string().optional(),
  dueInDays: z.number().int().min(0),
  /** Segment ids it applies to; empty = all. */
  segments: z.array(ElementId),
  /** Stage ids it applies to; empty = all. */
  stages: z.array(ElementId),
  steps: z.array(z.string()),
  /** CTAs of one account sharing a dedupe key collapse to the highest priority one. Default: the CTA id. */
  dedupeKey: z.string().optional(),
  description: z.string().optional(),
});

/** Owner routing: first rule whose expression is true gives the account's owner role. */
export const Routing = z.object({
  rules: z.array(z.object({ id: ElementId, when: Expression, owner: z.string() })),
  defaultOwner: z.string(),
});

export type CtaType = z.infer<typeof CtaType>;
export type Priority = z.infer<typeof Priority>;
export type Cta = z.infer<typeof Cta>;
export type Routing = z.infer<typeof Routing>;
