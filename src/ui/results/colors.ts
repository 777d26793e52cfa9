import type { HealthModel } from '../../model';

/** Colour id → hex from the base bands and every segment's override bands. */
export function colorHex(health: HealthModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of health.overrides) for (const b of o.bands ?? []) out[b.id] = b.color;
  for (const b of health.bands) out[b.id] = b.color;
  return out;
}

export function colorLabel(health: HealthModel, id: string): string {
  return health.bands.find((b) => b.id === id)?.label ?? health.overrides.flatMap((o) => o.bands ?? []).find((b) => b.id === id)?.label ?? id;
}
