import type { Diagram } from '../model';
import type { Finding, Rule } from './types';
import { indexDiagram } from './graph';
import { RULES } from './rules';
import { PRESETS, type PresetName, type RuleConfig } from './presets';

export interface LintOptions {
  preset?: PresetName;
  /** Per-rule overrides on top of the preset. */
  rules?: RuleConfig;
  /** Rules to run instead of the built-in set (tests). */
  ruleSet?: Rule[];
}

export interface LintResult {
  findings: Finding[];
  errors: number;
  warnings: number;
}

/**
 * Run every enabled rule over one diagram. Pure: the same diagram gives the same findings, so
 * the editor re-runs it on each edit (debounced) and the CLI prints it as is.
 * Order: errors first, then by rule order, then most urgent (rank) first, then node order.
 */
export function lintDiagram(diagram: Diagram, opts: LintOptions = {}): LintResult {
  const config: RuleConfig = { ...PRESETS[opts.preset ?? 'recommended'], ...opts.rules };
  const ix = indexDiagram(diagram);
  const findings: Finding[] = [];
  const rules = opts.ruleSet ?? RULES;
  rules.forEach((rule) => {
    const setting = config[rule.meta.id] ?? 'off';
    if (setting === 'off') return;
    for (const f of rule.check(diagram, ix))
      findings.push({ ...f, ruleId: rule.meta.id, severity: setting });
  });
  const ruleOrder = new Map(rules.map((r, i) => [r.meta.id, i]));
  findings.sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      ruleOrder.get(a.ruleId)! - ruleOrder.get(b.ruleId)! ||
      b.rank - a.rank ||
      ix.indexOf.get(a.nodeId)! - ix.indexOf.get(b.nodeId)!,
  );
  let errors = 0;
  for (const f of findings) if (f.severity === 'error') errors++;
  return { findings, errors, warnings: findings.length - errors };
}

/** Worst severity per node, for the markers on the canvas. */
export function markersByNode(findings: Finding[]): Map<string, 'error' | 'warn'> {
  const m = new Map<string, 'error' | 'warn'>();
  for (const f of findings) {
    for (const id of [f.nodeId, ...(f.ruleId === 'rework-loop' ? f.relatedNodeIds : [])]) {
      if (m.get(id) !== 'error') m.set(id, f.severity);
    }
  }
  return m;
}
