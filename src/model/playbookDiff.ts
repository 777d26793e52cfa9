import { fingerprint, stableStringify } from '../util/hash';
import type { Playbook } from './playbook';

/**
 * What a run's model is compared by. The name and the as-of date are not part of the model:
 * renaming a project or moving the date does not make a stored run stale.
 */
function modelPart(pb: Playbook): Omit<Playbook, 'name' | 'asOf' | 'format' | 'version'> {
  const { name: _n, asOf: _a, format: _f, version: _v, ...rest } = pb;
  return rest;
}

/** The content fingerprint stored with every run (16 hex digits). */
export function playbookFingerprint(pb: Playbook): string {
  return fingerprint(modelPart(pb));
}

/** Kinds of change, in the order a sentence lists them. */
export const PLAYBOOK_PART_KINDS = [
  'fields',
  'segments',
  'dimensions',
  'measures',
  'bands',
  'overrides',
  'stages',
  'criteria',
  'ctas',
  'routing',
  'settings',
] as const;
export type PlaybookPartKind = (typeof PLAYBOOK_PART_KINDS)[number];

export type PlaybookDiff = { kind: PlaybookPartKind; count: number }[];

/** Items added, removed or changed between two lists of things with ids. */
function countById<T>(a: T[], b: T[], id: (x: T) => string): number {
  const before = new Map(a.map((x) => [id(x), stableStringify(x)]));
  const after = new Map(b.map((x) => [id(x), stableStringify(x)]));
  let n = 0;
  for (const [k, v] of before) if (after.get(k) !== v) n++;
  for (const k of after.keys()) if (!before.has(k)) n++;
  return n;
}

const same = (a: unknown, b: unknown) => stableStringify(a) === stableStringify(b);

/**
 * A structural diff of two playbooks counted by kind ("3 measures, 1 band"): every measure,
 * band, segment, stage, criterion, CTA, field or routing rule added, removed or changed counts
 * once. Order-only changes of lists where order matters (segments, bands, routing) count too.
 * An empty list means the two models score alike.
 */
export function diffPlaybooks(before: Playbook, after: Playbook): PlaybookDiff {
  const counts: Record<PlaybookPartKind, number> = Object.fromEntries(
    PLAYBOOK_PART_KINDS.map((k) => [k, 0]),
  ) as Record<PlaybookPartKind, number>;
  counts.fields =
    countById(before.fields.fields, after.fields.fields, (f) => f.id) +
    (same({ ...before.fields, fields: undefined }, { ...after.fields, fields: undefined }) ? 0 : 1);
  counts.segments =
    countById(before.segments.items, after.segments.items, (s) => s.id) +
    (before.segments.defaultId === after.segments.defaultId ? 0 : 1);
  if (
    counts.segments === 0 &&
    !same(
      before.segments.items.map((s) => s.id),
      after.segments.items.map((s) => s.id),
    )
  )
    counts.segments = 1;
  counts.dimensions = countById(before.health.dimensions, after.health.dimensions, (d) => d.id);
  counts.measures = countById(before.health.measures, after.health.measures, (m) => m.id);
  counts.bands = countById(before.health.bands, after.health.bands, (b) => b.id);
  if (
    counts.bands === 0 &&
    !same(
      before.health.bands.map((b) => b.id),
      after.health.bands.map((b) => b.id),
    )
  )
    counts.bands = 1;
  counts.overrides = countById(before.health.overrides, after.health.overrides, (o) => o.segment);
  const stage = (s: Playbook['stages'][number]) => ({ ...s, exitCriteria: undefined });
  counts.stages =
    countById(before.stages.map(stage), after.stages.map(stage), (s) => s.id) +
    (same(before.stageSource, after.stageSource) ? 0 : 1);
  const crit = (pb: Playbook) =>
    pb.stages.flatMap((s) => s.exitCriteria.map((c) => ({ ...c, stage: s.id })));
  counts.criteria = countById(crit(before), crit(after), (c) => `${c.stage}/${c.id}`);
  counts.ctas = countById(before.ctas, after.ctas, (c) => c.id);
  counts.routing =
    countById(before.routing.rules, after.routing.rules, (r) => r.id) +
    (before.routing.defaultOwner === after.routing.defaultOwner ? 0 : 1);
  if (
    counts.routing === 0 &&
    !same(
      before.routing.rules.map((r) => r.id),
      after.routing.rules.map((r) => r.id),
    )
  )
    counts.routing = 1;
  // Whatever else scores differently (missing-value policy, required colour…).
  const rest = (pb: Playbook) => ({
    missing: pb.health.missing,
    requiredColor: pb.health.requiredColor,
  });
  counts.settings = same(rest(before), rest(after)) ? 0 : 1;
  const out = PLAYBOOK_PART_KINDS.filter((k) => counts[k] > 0).map((k) => ({
    kind: k,
    count: counts[k],
  }));
  // A change the kinds above do not see (a new top-level part) still makes the run stale.
  if (!out.length && playbookFingerprint(before) !== playbookFingerprint(after))
    out.push({ kind: 'settings', count: 1 });
  return out;
}
