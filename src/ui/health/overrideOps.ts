import type { Draft } from 'immer';
import type { ColorBand, HealthModel, Normalisation, Project, SegmentOverride } from '../../model';

/**
 * Per-segment overrides store only what differs from the base model. These recipes keep it so:
 * setting a value equal to the base removes it, and an override left with nothing is dropped.
 */
function get(h: Draft<HealthModel>, segment: string): Draft<SegmentOverride> {
  let o = h.overrides.find((x) => x.segment === segment);
  if (!o) {
    h.overrides.push({ segment });
    o = h.overrides[h.overrides.length - 1];
  }
  return o;
}

function prune(h: Draft<HealthModel>): void {
  for (const o of h.overrides) {
    if (o.weights && Object.keys(o.weights).length === 0) delete o.weights;
    if (o.normalise && Object.keys(o.normalise).length === 0) delete o.normalise;
  }
  h.overrides = h.overrides.filter(
    (o) => o.weights || o.normalise || o.bands || o.requiredColor !== undefined,
  );
}

/** Weight of `measure` for `segment`; undefined clears the override (inherit the base). */
export function setWeightOverride(
  h: Draft<HealthModel>,
  segment: string,
  measure: string,
  weight: number | undefined,
): void {
  const base = h.measures.find((m) => m.id === measure)?.weight;
  const o = get(h, segment);
  if (weight === undefined || weight === base) {
    if (o.weights) delete o.weights[measure];
  } else {
    o.weights = { ...(o.weights ?? {}), [measure]: weight };
  }
  prune(h);
}

export function setNormaliseOverride(
  h: Draft<HealthModel>,
  segment: string,
  measure: string,
  n: Normalisation | undefined,
): void {
  const o = get(h, segment);
  if (n === undefined) {
    if (o.normalise) delete o.normalise[measure];
  } else {
    o.normalise = { ...(o.normalise ?? {}), [measure]: n };
  }
  prune(h);
}

export function setBandsOverride(
  h: Draft<HealthModel>,
  segment: string,
  bands: ColorBand[] | undefined,
): void {
  const o = get(h, segment);
  if (bands === undefined) delete o.bands;
  else o.bands = bands;
  prune(h);
}

/** Required colour at the end of onboarding; undefined = inherit the model's default. */
export function setRequiredColor(
  h: Draft<HealthModel>,
  segment: string,
  color: string | undefined,
): void {
  const o = get(h, segment);
  if (color === undefined || color === '') delete o.requiredColor;
  else o.requiredColor = color;
  prune(h);
}

/** Delete a measure and every override that mentions it. */
export function deleteMeasure(h: Draft<HealthModel>, measure: string): void {
  h.measures = h.measures.filter((m) => m.id !== measure);
  for (const o of h.overrides) {
    if (o.weights) delete o.weights[measure];
    if (o.normalise) delete o.normalise[measure];
  }
  prune(h);
}

/** Effective weights of a segment, in measure order (base unless overridden). */
export function effectiveWeights(h: HealthModel, segment: string | null): number[] {
  const o = segment ? h.overrides.find((x) => x.segment === segment) : undefined;
  return h.measures.map((m) => o?.weights?.[m.id] ?? m.weight);
}

/**
 * Delete a segment with its overrides, and drop it from CTAs' segment lists. A CTA that applied
 * only to this segment is removed (an empty list would make it fire for every segment); returns
 * the removed CTA ids. The default segment cannot be deleted (the caller prevents it).
 */
export function deleteSegment(p: Draft<Project>, id: string): string[] {
  p.segments.items = p.segments.items.filter((y) => y.id !== id);
  p.health.overrides = p.health.overrides.filter((o) => o.segment !== id);
  const removed: string[] = [];
  for (const c of p.ctas) {
    if (!c.segments.includes(id)) continue;
    c.segments = c.segments.filter((x) => x !== id);
    if (c.segments.length === 0) removed.push(c.id);
  }
  if (removed.length) p.ctas = p.ctas.filter((c) => !removed.includes(c.id));
  return removed;
}

/**
 * Replace the base colour bands. When a band's id changes in place (same position), the
 * required colours that named it follow, so "green required" does not silently dangle.
 */
export function setBaseBands(h: Draft<HealthModel>, bands: ColorBand[]): void {
  const renamed = new Map<string, string>();
  if (bands.length === h.bands.length)
    bands.forEach((b, i) => {
      if (b.id !== h.bands[i].id) renamed.set(h.bands[i].id, b.id);
    });
  h.bands = bands;
  if (h.requiredColor && renamed.has(h.requiredColor))
    h.requiredColor = renamed.get(h.requiredColor);
  for (const o of h.overrides)
    if (!o.bands && o.requiredColor && renamed.has(o.requiredColor))
      o.requiredColor = renamed.get(o.requiredColor);
}
