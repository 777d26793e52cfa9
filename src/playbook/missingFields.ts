/**
 * What a contract field with no column in the data file does to the score: every measure that
 * reads it is missing for every account, so (missing: exclude) its weight is rescaled onto the
 * other measures, or (missing: zero) it scores 0 points. Said on import, never left silent.
 */
import type { Playbook } from '../model';
import { referencedFields } from '../expr';

export interface MissingFieldEffect {
  field: string;
  label: string;
  /** Measures reading the field (their labels). */
  measures: string[];
  /** exclude: weight rescaled away; zero: 0 points; none: no measure reads it. */
  effect: 'exclude' | 'zero' | 'none';
}

export function missingFieldEffects(
  pb: Pick<Playbook, 'fields' | 'health'>,
  missing: readonly string[],
  lang: 'ja' | 'en',
): MissingFieldEffect[] {
  return missing.map((id) => {
    const f = pb.fields.fields.find((x) => x.id === id);
    const label = (f && (f.label[lang] || f.label.ja || f.label.en)) || id;
    const measures = pb.health.measures
      .filter((m) => referencedFields(m.expr).includes(id))
      .map((m) => m.label || m.id);
    return {
      field: id,
      label,
      measures,
      effect: measures.length === 0 ? 'none' : pb.health.missing,
    };
  });
}
