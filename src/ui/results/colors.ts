import type { HealthModel } from '../../model';
import { DEFAULT_BANDS, DEFAULT_NAMES } from '../../model/defaults';

/** Colour id → hex from the base bands and every segment's override bands. */
export function colorHex(health: HealthModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of health.overrides) for (const b of o.bands ?? []) out[b.id] = b.color;
  for (const b of health.bands) out[b.id] = b.color;
  return out;
}

/**
 * A colour's label. A band still carrying its default English name (green / lime / yellow /
 * red) is shown in the UI language; a name the user wrote is shown as written.
 */
export function colorLabel(health: HealthModel, id: string, t: (key: string) => string): string {
  const label =
    health.bands.find((b) => b.id === id)?.label ??
    health.overrides.flatMap((o) => o.bands ?? []).find((b) => b.id === id)?.label ??
    id;
  // A default name in either language (a project created in Japanese reads "Green" in English).
  const isDefault =
    DEFAULT_BANDS.some((b) => b.id === id) &&
    (label === DEFAULT_NAMES.en.bands[id] || label === DEFAULT_NAMES.ja.bands[id]);
  return isDefault ? t(`colors.${id}`) : label;
}
