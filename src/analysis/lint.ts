import type { Diagram } from '../model';
import type { Finding, Impact, Rule, Severity } from './types';
import { downstreamCounter, indexDiagram, leadsToFinal, type DiagramIndex } from './graph';
import { RULES } from './rules';
import { PRESETS, type PresetName, type RuleConfig } from './presets';

export interface LintOptions {
  preset?: PresetName;
  /** Per-rule overrides on top of the preset. */
  rules?: RuleConfig;
  /** Rules to run instead of the built-in set (tests). */
  ruleSet?: Rule[];
  /** Keep dismissed findings in `findings` and the counts (`waymark lint --include-dismissed`). */
  includeDismissed?: boolean;
}

export interface LintResult {
  /** The findings to act on, most urgent first (dismissed ones only with includeDismissed). */
  findings: Finding[];
  /** Findings the consultant dismissed (stored with the diagram), in the same order. */
  dismissed: Finding[];
  errors: number;
  warnings: number;
  /** Diagram-wide notices (e.g. holders not recorded). */
  infos: number;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

/**
 * Impact of each flagged box, computed once per box: reach (deliverables downstream), whether
 * it leads to a final deliverable, and whether its neighbourhood or downstream crosses
 * organisations.
 */
function impactOf(ix: DiagramIndex): (nodeId: string, related: string[]) => Impact {
  const downstream = downstreamCounter(ix);
  let toFinal: Uint8Array | null = null;
  const orgOf = (i: number) => ix.nodes[i].organisation.trim();
  // Does any deliverable downstream of `start` belong to an organisation other than `own`?
  // BFS with a shared stamp array, stopping at the first such box.
  const n = ix.nodes.length;
  let stamp: Int32Array | null = null;
  let queue: Int32Array | null = null;
  let round = 0;
  const otherOrgBelow = (start: number, own: string): boolean => {
    stamp ??= new Int32Array(n);
    queue ??= new Int32Array(n);
    round++;
    let head = 0,
      tail = 0;
    stamp[start] = round;
    queue[tail++] = start;
    while (head < tail) {
      for (const w of ix.ioOut[queue[head++]]) {
        if (stamp[w] === round) continue;
        const o = orgOf(w);
        if (o && o !== own) return true;
        stamp[w] = round;
        queue[tail++] = w;
      }
    }
    return false;
  };
  return (nodeId, related) => {
    const i = ix.indexOf.get(nodeId);
    if (i === undefined) return { reach: 0, finalPath: false, crossOrg: false, score: 0 };
    const own = orgOf(i);
    const around = [...ix.ioIn[i], ...ix.sync[i], ...related.map((id) => ix.indexOf.get(id) ?? i)];
    const crossOrg =
      own !== '' &&
      (around.some((j) => orgOf(j) !== '' && orgOf(j) !== own) || otherOrgBelow(i, own));
    const reach = downstream(i);
    toFinal ??= leadsToFinal(ix);
    const finalPath = toFinal[i] === 1;
    return { reach, finalPath, crossOrg, score: reach + (finalPath ? 2 : 0) + (crossOrg ? 2 : 0) };
  };
}

/**
 * Run every enabled rule over one diagram. Pure: the same diagram gives the same findings, so
 * the editor re-runs it on each edit (debounced) and the CLI prints it as is.
 * Order: errors, warnings, then notices; within a severity the highest impact first (what most
 * depends on), then rule order, the rule's own rank, and node order.
 */
export function lintDiagram(diagram: Diagram, opts: LintOptions = {}): LintResult {
  const config: RuleConfig = { ...PRESETS[opts.preset ?? 'recommended'], ...opts.rules };
  const ix = indexDiagram(diagram);
  const impact = impactOf(ix);
  const reviews = new Map((diagram.reviews ?? []).map((r) => [r.key, r]));
  const all: Finding[] = [];
  const rules = opts.ruleSet ?? RULES;
  rules.forEach((rule) => {
    const setting = config[rule.meta.id] ?? 'off';
    if (setting === 'off') return;
    for (const raw of rule.check(diagram, ix)) {
      const key = raw.key ?? `${rule.meta.id}@${raw.nodeId}`;
      const r = reviews.get(key);
      all.push({
        ...raw,
        key,
        ruleId: rule.meta.id,
        severity: setting,
        impact: impact(raw.nodeId, raw.relatedNodeIds),
        ...(r ? { review: { status: r.status, note: r.note } } : {}),
      });
    }
  });
  const ruleOrder = new Map(rules.map((r, i) => [r.meta.id, i]));
  all.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      b.impact.score - a.impact.score ||
      ruleOrder.get(a.ruleId)! - ruleOrder.get(b.ruleId)! ||
      b.rank - a.rank ||
      (ix.indexOf.get(a.nodeId) ?? 0) - (ix.indexOf.get(b.nodeId) ?? 0),
  );
  const dismissed = all.filter((f) => f.review?.status === 'dismissed');
  const findings = opts.includeDismissed
    ? all
    : all.filter((f) => f.review?.status !== 'dismissed');
  let errors = 0,
    warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warn') warnings++;
  }
  return { findings, dismissed, errors, warnings, infos: findings.length - errors - warnings };
}

/** Worst severity per node, for the markers on the canvas (notices and dismissed ones mark nothing). */
export function markersByNode(findings: Finding[]): Map<string, 'error' | 'warn'> {
  const m = new Map<string, 'error' | 'warn'>();
  for (const f of findings) {
    if (f.severity === 'info' || f.review?.status === 'dismissed') continue;
    for (const id of [f.nodeId, ...(f.ruleId === 'rework-loop' ? f.relatedNodeIds : [])]) {
      if (m.get(id) !== 'error') m.set(id, f.severity);
    }
  }
  return m;
}
