import type { Draft } from 'immer';
import type { Playbook, Project, Stage } from '../../model';

/**
 * Put a (validated) playbook into a project, as one recipe for projectStore.edit(): the field
 * contract, segments, health model, CTAs, routing and stage source are replaced; stages take
 * the playbook's order, label, definition, exit criteria and expected days, and a stage whose
 * id already exists keeps its journey lanes (actions, moments of truth, resources, touch,
 * KPIs). Diagrams, the project's name and the goal are not part of a playbook and stay.
 */
export function applyPlaybook(p: Draft<Project>, pb: Playbook): void {
  const old = new Map(p.journey.stages.map((s) => [s.id, s]));
  const stages: Stage[] = pb.stages.map((s) => {
    const prev = old.get(s.id);
    const base: Stage = prev
      ? { ...(prev as Stage) }
      : {
          id: s.id,
          label: s.label,
          definition: '',
          exitCriteria: [],
          customerActions: [],
          momentsOfTruth: [],
          resources: [],
          touch: 'low',
          kpis: [],
        };
    const next: Stage = {
      ...base,
      label: s.label,
      definition: s.definition,
      exitCriteria: s.exitCriteria,
    };
    if (s.expectedDays !== undefined) next.expectedDays = s.expectedDays;
    else delete next.expectedDays;
    return next;
  });
  p.journey.stages = stages as Draft<Stage>[];
  p.journey.stageSource = pb.stageSource;
  p.fields = pb.fields;
  p.segments = pb.segments;
  p.health = pb.health;
  p.ctas = pb.ctas;
  p.routing = pb.routing;
  if (pb.asOf) p.asOf = pb.asOf;
  else delete p.asOf;
}
