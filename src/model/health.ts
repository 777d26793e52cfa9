import * as z from 'zod';
import { ElementId, Expression } from './common';

export const DimensionId = z.enum(['deployment', 'engagement', 'adoption', 'roi', 'experience']);

export const Dimension = z.object({
  id: DimensionId,
  label: z.string(),
  description: z.string().optional(),
});

/** Point tiers: the first tier (in order) whose `min` the value reaches gives its points. */
export const TierNormalisation = z.object({
  kind: z.literal('tiers'),
  tiers: z.array(z.object({ min: z.number(), points: z.number().min(0).max(100) })).min(1),
  /** Points when the value is below every tier's min. */
  below: z.number().min(0).max(100),
});

/** Linear between `min` (0 points) and `max` (100 points), clamped. */
export const LinearNormalisation = z.object({
  kind: z.literal('linear'),
  min: z.number(),
  max: z.number(),
});

/** Qualitative choice list: each category value scores fixed points. */
export const CategoryNormalisation = z.object({
  kind: z.literal('category'),
  points: z.record(z.string(), z.number().min(0).max(100)),
  /** Points for a value not in the map; absent = treated as missing. */
  otherwise: z.number().min(0).max(100).optional(),
});

export const Normalisation = z.discriminatedUnion('kind', [
  TierNormalisation,
  LinearNormalisation,
  CategoryNormalisation,
]);

export const Measure = z.object({
  id: ElementId,
  label: z.string(),
  dimension: DimensionId,
  /** Expression over fields giving the raw value. */
  expr: Expression,
  normalise: Normalisation,
  /** Lower raw values are better (points = 100 - points). */
  invert: z.boolean(),
  /** Weight as the user entered it; normalised over the available measures at run time. */
  weight: z.number().min(0),
  description: z.string().optional(),
});

export const ColorId = z.string().min(1);

/** A colour band: accounts whose total reaches `min` (>= when inclusive, > otherwise). Ordered best first. */
export const ColorBand = z.object({
  id: ColorId,
  label: z.string(),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  min: z.number().min(0).max(100),
  inclusive: z.boolean(),
});

export const ColorBands = z.array(ColorBand).min(2).max(6);

/** Per-segment overrides: only what differs from the base model is stored. */
export const SegmentOverride = z.object({
  segment: ElementId,
  weights: z.record(z.string(), z.number().min(0)).optional(),
  normalise: z.record(z.string(), Normalisation).optional(),
  bands: ColorBands.optional(),
  /** The colour an account of this segment must reach by the end of onboarding. */
  requiredColor: ColorId.optional(),
});

export const HealthModel = z.object({
  dimensions: z.array(Dimension),
  measures: z.array(Measure),
  bands: ColorBands,
  /** exclude: drop a missing measure and rescale the others' weights; zero: score it 0 points. */
  missing: z.enum(['exclude', 'zero']),
  overrides: z.array(SegmentOverride),
  /** Default colour required at the end of onboarding (segments may override). */
  requiredColor: ColorId.optional(),
});

export type DimensionId = z.infer<typeof DimensionId>;
export type Dimension = z.infer<typeof Dimension>;
export type Normalisation = z.infer<typeof Normalisation>;
export type Measure = z.infer<typeof Measure>;
export type ColorBand = z.infer<typeof ColorBand>;
export type SegmentOverride = z.infer<typeof SegmentOverride>;
export type HealthModel = z.infer<typeof HealthModel>;
