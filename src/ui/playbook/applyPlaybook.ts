import type { Draft } from 'immer';
import type { KpiItem, Playbook, Project, Stage, StageKpi } from '../../model';

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
    next.kpis = mergeKpis(next.kpis, s.kpis ?? []);
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

/**
 * The stage's KPI lane after import: the playbook's bound KPIs take their place by id (or are
 * added), and a KPI bound here but not in the playbook keeps its text as a note.
 */
function mergeKpis(lane: readonly KpiItem[], bound: readonly StageKpi[]): KpiItem[] {
  const byId = new Map(bound.map((k) => [k.id, k]));
  const out: KpiItem[] = lane.map((item) => {
    const k = byId.get(item.id);
    byId.delete(item.id);
    const note: KpiItem = { id: item.id, text: item.text };
    if (!k) return note;
    return { ...note, text: k.label, ...binding(k) };
  });
  for (const k of byId.values()) out.push({ id: k.id, text: k.label, ...binding(k) });
  return out;
}

const binding = (k: StageKpi) =>
  k.measure !== undefined ? { measure: k.measure } : k.expr !== undefined ? { expr: k.expr } : {};
