import * as z from 'zod';
import { ElementId, Expression, Identifier } from './common';

export const Channel = z.enum([
  'search',
  'email',
  'manual',
  'video',
  'webinar',
  'meeting',
  'in_app',
]);
export const TouchModel = z.enum(['high', 'low', 'tech']);

/** A measurable condition to leave a stage. */
export const ExitCriterion = z.object({
  id: ElementId,
  label: z.string(),
  expr: Expression,
  required: z.boolean(),
});

/** A text item in a journey lane cell. */
export const LaneItem = z.object({ id: ElementId, text: z.string() });
/** The customer's expected feeling at a moment of truth: −2 (very bad) … +2 (very good). */
export const Feeling = z.number().int().min(-2).max(2);
export const MomentOfTruth = LaneItem.extend({
  channel: Channel,
  /** Designed (expected) feeling, drawn as the map's emotion curve; optional. */
  feeling: Feeling.optional(),
});
/**
 * A KPI of a stage. Bound to a health measure (its raw value) or to an expression over the
 * fields, it is computed over the stage's accounts in every run: the mean of a number, the share
 * of true for a yes/no. Unbound, it is a note. At most one of the two is set.
 */
export const KpiItem = LaneItem.extend({
  measure: ElementId.optional(),
  expr: Expression.optional(),
});

/** A lifecycle stage: what runs (definition, exit criteria, duration) and what is drawn (lanes). */
export const Stage = z.object({
  id: Identifier,
  label: z.string(),
  /** The customer's state in this stage. */
  definition: z.string(),
  exitCriteria: z.array(ExitCriterion),
  /** Expected time in the stage; beyond it an account is "behind", beyond twice it "stuck". */
  expectedDays: z.number().int().positive().optional(),
  customerActions: z.array(LaneItem),
  momentsOfTruth: z.array(MomentOfTruth),
  resources: z.array(LaneItem),
  touch: TouchModel,
  kpis: z.array(KpiItem),
});

/** Where an account's current stage comes from. */
export const StageSource = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('field'),
    stageField: Identifier,
    enteredAtField: Identifier.optional(),
  }),
  z.object({ kind: z.literal('inferred') }),
]);

/** Who the map is for: a persona and the segment it serves (drawn as a card on the map). */
export const Persona = z.object({
  name: z.string(),
  description: z.string(),
  /** The segment the map serves; the live layer opens on it. */
  segment: Identifier.optional(),
});

export const Journey = z.object({
  /** The customer's goal: why they bought. */
  goal: z.string(),
  stages: z.array(Stage),
  stageSource: StageSource,
  /** Persona card (optional; project document only, not part of the scoring playbook). */
  persona: Persona.optional(),
  /** Numeric field measuring experience (NPS, CSAT) averaged per stage beside the emotion curve. */
  experienceField: Identifier.optional(),
});

export type Channel = z.infer<typeof Channel>;
export type TouchModel = z.infer<typeof TouchModel>;
export type ExitCriterion = z.infer<typeof ExitCriterion>;
export type LaneItem = z.infer<typeof LaneItem>;
export type MomentOfTruth = z.infer<typeof MomentOfTruth>;
export type Feeling = z.infer<typeof Feeling>;
export type Persona = z.infer<typeof Persona>;
export type KpiItem = z.infer<typeof KpiItem>;
export type Stage = z.infer<typeof Stage>;
export type StageSource = z.infer<typeof StageSource>;
export type Journey = z.infer<typeof Journey>;
