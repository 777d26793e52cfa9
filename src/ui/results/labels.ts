import type { Project } from '../../model';
import { colorLabel } from './colors';

type T = (key: string) => string;

/**
 * Id → the label the user gave (segments, stages), falling back to the id only when there is none;
 * colours, CTA types and priorities in the UI language. `t` is the results namespace.
 */
export function resultLabels(project: Project, t: T) {
  const seg = new Map(project.segments.items.map((s) => [s.id, s.label]));
  const stage = new Map(project.journey.stages.map((s) => [s.id, s.label]));
  return {
    segment: (id: string) => seg.get(id) || id,
    stage: (id: string) => stage.get(id) || id,
    color: (id: string) => colorLabel(project.health, id, t),
    /** CTA type (expansion / risk / lifecycle / other) in the UI language. */
    ctaType: (id: string) => t(`ctaTypes.${id}`),
    priority: (id: string) => t(`priorities.${id}`),
  };
}
