/**
 * compilePlaybook: validate once, type-check every expression against the field contract, and
 * resolve everything the hot loop needs into arrays indexed by segment / stage / measure, so
 * scoreTable only walks typed arrays.
 */
import type { ColorBand, Normalisation, Playbook, Priority } from '../model';
import { issue, validatePlaybook, type PlaybookIssue } from '../playbook/validate';
import { isoToDays } from '../table/columns';
import type { AggregateSpec, Scope } from '../expr';
import { checkIn } from './exprBridge';
import type { CompiledExpr, CompileOptions, CompileResult, CtaInfo } from './types';

// CompiledExpr lives in types.ts so exprBridge can use it without importing compile (no cycle).
export type { CompiledExpr };

export interface CompiledMeasure {
  id: string;
  label: string;
  dimension: string;
  dimIndex: number;
  expr: CompiledExpr;
  rawKind: 'number' | 'string' | 'boolean';
  invert: boolean;
  /** By segment index (overrides applied). */
  normBySegment: Normalisation[];
  weightBySegment: Float64Array;
  /** The weight as written in the base model (before overrides). */
  baseWeight: number;
}

export interface CompiledCriterion {
  id: string;
  label: string;
  required: boolean;
  expr: CompiledExpr;
}

export interface CompiledStage {
  id: string;
  label: string;
  expectedDays: number | undefined;
  criteria: CompiledCriterion[];
  /** Bound KPIs: a measure's index, or an expression (scope 'measure'). */
  kpis: { id: string; label: string; measure: number; expr: CompiledExpr | null }[];
}

export interface CompiledCta {
  info: CtaInfo;
  steps: string[];
  expr: CompiledExpr;
  /** 1 when the CTA applies to segment s. */
  segmentMask: Uint8Array;
  /** 1 when the CTA applies to stage t (slot 0 = unknown stage: only when `stages` is empty). */
  stageMask: Uint8Array;
  priorityRank: number;
  /** Index into dedupeKeys. */
  dedupe: number;
}

export interface CompiledPlaybook {
  playbook: Playbook;
  /** From options or the playbook; scoreTable's option overrides it. */
  asOf: string | undefined;
  accountKey: string;
  segmentIds: string[];
  segmentRules: { index: number; expr: CompiledExpr }[];
  defaultSegment: number;
  dimensionIds: string[];
  measures: CompiledMeasure[];
  missing: 'exclude' | 'zero';
  colorIds: string[];
  /** By segment: bands best first, each with its index into colorIds. */
  bandsBySegment: { band: ColorBand; color: number }[][];
  stages: CompiledStage[];
  stageSource: Playbook['stageSource'];
  routing: { owner: number; expr: CompiledExpr }[];
  ownerIds: string[];
  defaultOwner: number;
  ctas: CompiledCta[];
  dedupeKeys: string[];
  /** Every activity aggregate of every expression, once each (by id), in playbook order. */
  aggregates: AggregateSpec[];
}

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };

export function compilePlaybook(
  pb: Playbook,
  opts: CompileOptions = {},
): CompileResult<CompiledPlaybook> {
  const issues: PlaybookIssue[] = opts.validated ? [] : validatePlaybook(pb);
  const asOf = opts.asOf ?? pb.asOf;
  if (asOf !== undefined && Number.isNaN(isoToDays(asOf))) {
    issues.push(issue('$.asOf', 'bad_as_of', { value: asOf }));
  }
  if (issues.length) return { ok: false, issues };

  const segmentIds = pb.segments.items.map((s) => s.id);
  const stageIds = pb.stages.map((s) => s.id);
  const known = {
    segments: segmentIds,
    stages: stageIds,
    colors: colorUnion(pb),
    activity: pb.activity,
  };
  const aggregates: AggregateSpec[] = [];
  const compileExpr = (source: string, path: string, scope: Scope): CompiledExpr | null => {
    const r = checkIn(pb.fields, scope, source, known);
    if (!r.ok) {
      // validatePlaybook already reported it; unreachable unless the two disagree.
      issues.push(
        issue(path, 'expression', {
          detail: r.errors.map((e) => e.message).join('; '),
          at: r.errors[0]?.start ?? 0,
          source,
        }),
      );
      return null;
    }
    for (const a of r.aggregates) if (!aggregates.some((x) => x.id === a.id)) aggregates.push(a);
    return {
      source,
      path,
      scope,
      checked: r.expr,
      fields: r.fields,
      builtins: r.builtins,
      aggregates: r.aggregates,
    };
  };

  const segmentRules: CompiledPlaybook['segmentRules'] = [];
  pb.segments.items.forEach((s, i) => {
    if (s.when.trim() === '') return; // the default segment (or one only reached by default)
    const e = compileExpr(s.when, `$.segments.items[${i}].when`, 'segment');
    if (e) segmentRules.push({ index: i, expr: e });
  });

  const dimensionIds = pb.health.dimensions.map((d) => d.id as string);
  const overrideBySeg = segmentIds.map((id) => pb.health.overrides.find((o) => o.segment === id));
  const measures: CompiledMeasure[] = [];
  pb.health.measures.forEach((m, i) => {
    const e = compileExpr(m.expr, `$.health.measures[${i}].expr`, 'measure');
    if (!e) return;
    const t = e.checked.type;
    measures.push({
      id: m.id,
      label: m.label,
      dimension: m.dimension,
      dimIndex: dimensionIds.indexOf(m.dimension),
      expr: e,
      rawKind: t === 'string' ? 'string' : t === 'boolean' ? 'boolean' : 'number',
      invert: m.invert,
      normBySegment: overrideBySeg.map((o) => o?.normalise?.[m.id] ?? m.normalise),
      weightBySegment: Float64Array.from(overrideBySeg, (o) => o?.weights?.[m.id] ?? m.weight),
      baseWeight: m.weight,
    });
  });

  const colorIds = colorUnion(pb);
  const bandsBySegment = overrideBySeg.map((o) =>
    (o?.bands ?? pb.health.bands).map((band) => ({ band, color: colorIds.indexOf(band.id) })),
  );

  const stages: CompiledStage[] = [];
  pb.stages.forEach((s, si) => {
    const criteria: CompiledCriterion[] = [];
    s.exitCriteria.forEach((c, ci) => {
      const e = compileExpr(c.expr, `$.stages[${si}].exitCriteria[${ci}].expr`, 'criterion');
      if (e) criteria.push({ id: c.id, label: c.label, required: c.required, expr: e });
    });
    const kpis: CompiledStage['kpis'] = [];
    s.kpis?.forEach((k, ki) => {
      const measure = k.measure !== undefined ? measures.findIndex((m) => m.id === k.measure) : -1;
      if (measure >= 0) kpis.push({ id: k.id, label: k.label, measure, expr: null });
      else if (k.expr !== undefined) {
        const e = compileExpr(k.expr, `$.stages[${si}].kpis[${ki}].expr`, 'measure');
        if (e) kpis.push({ id: k.id, label: k.label, measure: -1, expr: e });
      }
    });
    stages.push({ id: s.id, label: s.label, expectedDays: s.expectedDays, criteria, kpis });
  });

  // Owners: the default first, then rule owners and CTA roles in order of appearance.
  const ownerIds: string[] = [pb.routing.defaultOwner];
  const ownerIndex = (o: string) => {
    let k = ownerIds.indexOf(o);
    if (k < 0) k = ownerIds.push(o) - 1;
    return k;
  };
  const routing: CompiledPlaybook['routing'] = [];
  pb.routing.rules.forEach((r, i) => {
    const e = compileExpr(r.when, `$.routing.rules[${i}].when`, 'routing');
    if (e) routing.push({ owner: ownerIndex(r.owner), expr: e });
  });

  const asOfDays = asOf !== undefined ? isoToDays(asOf) : NaN;
  const dedupeKeys: string[] = [];
  const ctas: CompiledCta[] = [];
  pb.ctas.forEach((c, i) => {
    const e = compileExpr(c.trigger, `$.ctas[${i}].trigger`, 'cta');
    if (!e) return;
    const key = c.dedupeKey && c.dedupeKey.trim() ? c.dedupeKey : c.id;
    let dedupe = dedupeKeys.indexOf(key);
    if (dedupe < 0) dedupe = dedupeKeys.push(key) - 1;
    const stageMask = new Uint8Array(stageIds.length + 1);
    stageMask.fill(c.stages.length ? 0 : 1);
    for (const s of c.stages) stageMask[stageIds.indexOf(s) + 1] = 1;
    const segmentMask = new Uint8Array(segmentIds.length);
    segmentMask.fill(c.segments.length ? 0 : 1);
    for (const s of c.segments) segmentMask[segmentIds.indexOf(s)] = 1;
    ctas.push({
      info: {
        id: c.id,
        label: c.label,
        type: c.type,
        priority: c.priority,
        ownerRole: c.ownerRole,
        ...(c.ownerField !== undefined ? { ownerField: c.ownerField } : {}),
        dueInDays: c.dueInDays,
        dueDate: Number.isNaN(asOfDays) ? '' : daysIso(asOfDays + c.dueInDays),
        dedupeKey: key,
      },
      steps: c.steps,
      expr: e,
      segmentMask,
      stageMask,
      priorityRank: PRIORITY_RANK[c.priority],
      dedupe,
    });
  });

  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    compiled: {
      playbook: pb,
      asOf,
      accountKey: pb.fields.accountKey,
      segmentIds,
      segmentRules,
      defaultSegment: segmentIds.indexOf(pb.segments.defaultId),
      dimensionIds,
      measures,
      missing: pb.health.missing,
      colorIds,
      bandsBySegment,
      stages,
      stageSource: pb.stageSource,
      routing,
      ownerIds,
      defaultOwner: 0,
      ctas,
      dedupeKeys,
      aggregates,
    },
  };
}

/** Base bands first, then band ids only segment overrides add, in order of appearance. */
function colorUnion(pb: Playbook): string[] {
  const ids = pb.health.bands.map((b) => b.id);
  for (const o of pb.health.overrides)
    for (const b of o.bands ?? []) if (!ids.includes(b.id)) ids.push(b.id);
  return ids;
}

function daysIso(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}
