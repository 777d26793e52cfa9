import { z } from 'zod';
import { IsoDate } from './common';
import { FieldContract } from './fields';
import { Segments } from './segments';
import { HealthModel } from './health';
import { ExitCriterion, StageSource } from './journey';
import { Cta, Routing } from './cta';
import { Identifier } from './common';
import type { Project } from './project';

export const PLAYBOOK_FORMAT = 'waymark-playbook';
export const PLAYBOOK_VERSION = 1;

/** A lifecycle stage as the engine runs it (the journey's drawing lanes are left out). */
export const LifecycleStage = z.object({
  id: Identifier,
  label: z.string(),
  definition: z.string(),
  exitCriteria: z.array(ExitCriterion),
  expectedDays: z.number().int().positive().optional(),
});

/** Playbook v1: the portable file CS Ops runs against account data. */
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
});

export type LifecycleStage = z.infer<typeof LifecycleStage>;
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
    })),
    stageSource: p.journey.stageSource,
    ctas: p.ctas,
    routing: p.routing,
  };
}
