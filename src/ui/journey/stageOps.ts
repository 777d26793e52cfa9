import type { Draft } from 'immer';
import type { Project, Stage } from '../../model';
import { Identifier } from '../../model';

/**
 * Journey edits as pure draft recipes (no React), so they are unit-tested and each runs inside
 * one projectStore.edit() — one undo step.
 */

/** A stage id that is a valid expression identifier and not yet used. */
export function uniqueStageId(existing: readonly string[], base = 'stage'): string {
  const clean = base
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  const start = /^[\p{L}_]/u.test(clean) ? clean : `stage_${clean}`;
  let id = start || 'stage';
  for (let n = 2; existing.includes(id); n++) id = `${start || 'stage'}_${n}`;
  return id;
}

export function newStage(id: string, label: string): Stage {
  return {
    id,
    label,
    definition: '',
    exitCriteria: [],
    customerActions: [],
    momentsOfTruth: [],
    resources: [],
    touch: 'low',
    kpis: [],
  };
}

/** Insert a new stage at `index` (end when omitted); returns its id. */
export function addStage(draft: Draft<Project>, label: string, index?: number): string {
  const stages = draft.journey.stages;
  const id = uniqueStageId(
    stages.map((s) => s.id),
    `stage_${stages.length + 1}`,
  );
  const at = index === undefined ? stages.length : Math.max(0, Math.min(index, stages.length));
  stages.splice(at, 0, newStage(id, label));
  return id;
}

/** Move the stage `id` to position `to` (clamped). */
export function moveStage(draft: Draft<Project>, id: string, to: number): void {
  const stages = draft.journey.stages;
  const from = stages.findIndex((s) => s.id === id);
  if (from < 0) return;
  const target = Math.max(0, Math.min(to, stages.length - 1));
  if (target === from) return;
  const [s] = stages.splice(from, 1);
  stages.splice(target, 0, s);
}

/**
 * Delete a stage and drop it from every CTA's stage list. A CTA that applied only to this stage
 * is removed too: leaving its list empty would make it fire in every stage. Returns the ids of
 * the removed CTAs (the view says so; undo restores everything at once).
 */
export function deleteStage(draft: Draft<Project>, id: string): string[] {
  const stages = draft.journey.stages;
  const i = stages.findIndex((s) => s.id === id);
  if (i < 0) return [];
  stages.splice(i, 1);
  const removed: string[] = [];
  for (const c of draft.ctas) {
    if (!c.stages.includes(id)) continue;
    c.stages = c.stages.filter((x) => x !== id);
    if (c.stages.length === 0) removed.push(c.id);
  }
  if (removed.length) draft.ctas = draft.ctas.filter((c) => !removed.includes(c.id));
  return removed;
}

/** CTAs shown in a stage's lane: those listing the stage, or applying to every stage. */
export function ctasForStage<T extends { stages: readonly string[] }>(
  ctas: readonly T[],
  stageId: string,
): { cta: T; all: boolean }[] {
  return ctas
    .filter((c) => c.stages.length === 0 || c.stages.includes(stageId))
    .map((c) => ({ cta: c, all: c.stages.length === 0 }));
}

export type StageIdProblem = 'invalid_id' | 'duplicate' | 'unknown';

/** Why `to` cannot be the new id of stage `from`, or null. */
export function checkStageId(
  stages: readonly { id: string }[],
  from: string,
  to: string,
): StageIdProblem | null {
  if (!stages.some((s) => s.id === from)) return 'unknown';
  if (!Identifier.safeParse(to).success) return 'invalid_id';
  if (to !== from && stages.some((s) => s.id === to)) return 'duplicate';
  return null;
}

/**
 * Change a stage's id (the value the stage field holds in the data) and the references to it:
 * CTAs' stage lists and the stage field's allowed values. Expressions comparing `stage == '…'`
 * are left for the checker to flag, since the data may still use the old value.
 */
export function renameStageId(
  draft: Draft<Project>,
  from: string,
  to: string,
): StageIdProblem | null {
  const problem = checkStageId(draft.journey.stages, from, to);
  if (problem || from === to) return problem;
  draft.journey.stages.find((s) => s.id === from)!.id = to;
  for (const c of draft.ctas) c.stages = c.stages.map((x) => (x === from ? to : x));
  const src = draft.journey.stageSource;
  if (src.kind === 'field') {
    const f = draft.fields.fields.find((x) => x.id === src.stageField);
    if (f?.values) f.values = f.values.map((v) => (v === from ? to : v));
  }
  return null;
}

/** Ids addStage() makes up; such a stage takes an id from its first real name. */
export const isPlaceholderStageId = (id: string) => /^stage_\d+(_\d+)?$/.test(id);

/**
 * An id suggested by a stage label: its Latin words when it has any ("オンボーディング /
 * Onboarding" → onboarding, since data exports usually carry those), else the label itself.
 */
export function stageIdFromLabel(label: string, existing: readonly string[]): string {
  const latin = label.normalize('NFKC').match(/[A-Za-z0-9]+/g);
  const base = latin && /[A-Za-z]/.test(latin.join('')) ? latin.join('_') : label;
  return uniqueStageId(existing, base);
}
