import * as z from 'zod';
import { IsoDate } from './common';
import { FieldContract } from './fields';
import { Segments } from './segments';
import { HealthModel } from './health';
import { ExitCriterion, StageSource, type KpiItem } from './journey';
import { Cta, Routing } from './cta';
import { ElementId, Expression, Identifier } from './common';
import type { Project } from './project';
import { ActivitySource, TimeZone } from './activity';

export const PLAYBOOK_FORMAT = 'waymark-playbook';
/** Version 2 added activity sources and the time zone (v1 files are migrated on read). */
export const PLAYBOOK_VERSION = 2;

/** A KPI bound to a measure or an expression: every run computes it over the stage's accounts. */
export const StageKpi = z.object({
  id: ElementId,
  label: z.string(),
  measure: ElementId.optional(),
  expr: Expression.optional(),
});

/** A lifecycle stage as the engine runs it (the journey's drawing lanes are left out). */
export const LifecycleStage = z.object({
  id: Identifier,
  label: z.string(),
  definition: z.string(),
  exitCriteria: z.array(ExitCriterion),
  expectedDays: z.number().int().positive().optional(),
  /** Bound KPIs (optional, v2): absent when the stage has none, so older files read the same. */
  kpis: z.array(StageKpi).optional(),
});

/** Playbook v2: the portable file CS Ops runs against account data. */
export const Playbook = z.object({
  format: z.literal(PLAYBOOK_FORMAT),
  version: z.literal(PLAYBOOK_VERSION),
  name: z.string(),
  /** Date to score as of; absent = the day it runs (the CLI's --as-of overrides). */
  asOf: IsoDate.optional(),
  fields: FieldContract,
  segments: Segments,
  health: HealthModel,
  stages: z.array(LifecycleStage),
  stageSource: StageSource,
  ctas: z.array(Cta),
  routing: Routing,
  /** IANA zone that turns activity date-times into days; absent = Asia/Tokyo. */
  timeZone: TimeZone.optional(),
  /** Activity logs the expressions aggregate over time windows (v2). */
  activity: z.array(ActivitySource).optional(),
});

export type LifecycleStage = z.infer<typeof LifecycleStage>;
export type StageKpi = z.infer<typeof StageKpi>;
export type Playbook = z.infer<typeof Playbook>;

/** The playbook a project runs: what is drawn is what runs. */
export function playbookFromProject(p: Project): Playbook {
  return {
    format: PLAYBOOK_FORMAT,
    version: PLAYBOOK_VERSION,
    name: p.meta.name,
    ...(p.asOf ? { asOf: p.asOf } : {}),
    fields: p.fields,
    segments: p.segments,
    health: p.health,
    stages: p.journey.stages.map((s) => ({
      id: s.id,
      label: s.label,
      definition: s.definition,
      exitCriteria: s.exitCriteria,
      ...(s.expectedDays !== undefined ? { expectedDays: s.expectedDays } : {}),
      ...boundKpis(s.kpis),
    })),
    stageSource: p.journey.stageSource,
    ctas: p.ctas,
    routing: p.routing,
    ...(p.timeZone ? { timeZone: p.timeZone } : {}),
    ...(p.activity?.length ? { activity: p.activity } : {}),
  };
}

/** The KPIs of a stage that run (bound to a measure or an expression), or nothing. */
function boundKpis(items: readonly KpiItem[]): { kpis?: StageKpi[] } {
  const kpis: StageKpi[] = [];
  for (const k of items) {
    if (k.measure !== undefined) kpis.push({ id: k.id, label: k.text, measure: k.measure });
    else if (k.expr !== undefined) kpis.push({ id: k.id, label: k.text, expr: k.expr });
  }
  return kpis.length ? { kpis } : {};
}
