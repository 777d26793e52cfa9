import type { Diagram, PrepEdge, PrepNode } from '../model';
import type { Finding } from './types';
import { lintDiagram, type LintOptions } from './lint';

/** Fields whose change counts as "changed" (position and size are drawing, not content). */
export const COMPARED_FIELDS = [
  'kind',
  'label',
  'holders',
  'organisation',
  'description',
  'leadTimeDays',
  'link',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface NodeChange {
  before: PrepNode;
  after: PrepNode;
  fields: ComparedField[];
}

export interface DiagramDiff {
  added: PrepNode[];
  removed: PrepNode[];
  changed: NodeChange[];
  unchanged: number;
  edgesAdded: PrepEdge[];
  edgesRemoved: PrepEdge[];
  /** Findings of the first diagram that the second no longer has. */
  resolved: Finding[];
  /** Findings the second diagram has and the first did not. */
  introduced: Finding[];
  /** Node id in `from` → matched node id in `to`. */
  match: Map<string, string>;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** Match nodes by id first, then by label (to-be diagrams are often redrawn, not copied). */
export function matchNodes(from: Diagram, to: Diagram): Map<string, string> {
  const match = new Map<string, string>();
  const toIds = new Set(to.nodes.map((n) => n.id));
  for (const n of from.nodes) if (toIds.has(n.id)) match.set(n.id, n.id);
  const taken = new Set(match.values());
  const byLabel = new Map<string, string[]>();
  for (const n of to.nodes) {
    if (taken.has(n.id)) continue;
    const k = norm(n.label);
    byLabel.set(k, [...(byLabel.get(k) ?? []), n.id]);
  }
  for (const n of from.nodes) {
    if (match.has(n.id)) continue;
    const cands = byLabel.get(norm(n.label));
    const id = cands?.shift();
    if (id) match.set(n.id, id);
  }
  return match;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i]);
  return (a ?? '') === (b ?? '');
}

export function compareDiagrams(from: Diagram, to: Diagram, lint: LintOptions = {}): DiagramDiff {
  const match = matchNodes(from, to);
  const matchedTo = new Set(match.values());
  const toById = new Map(to.nodes.map((n) => [n.id, n]));
  const changed: NodeChange[] = [];
  let unchanged = 0;
  for (const n of from.nodes) {
    const id = match.get(n.id);
    if (!id) continue;
    const after = toById.get(id)!;
    const fields = COMPARED_FIELDS.filter((f) => !same(n[f], after[f]));
    if (fields.length) changed.push({ before: n, after, fields });
    else unchanged++;
  }
  // Edges compared in the second diagram's id space.
  const key = (e: PrepEdge, map: (id: string) => string) =>
    `${e.kind}|${map(e.source)}|${map(e.target)}`;
  const fromMap = (id: string) => match.get(id) ?? `from:${id}`;
  const fromKeys = new Set(from.edges.map((e) => key(e, fromMap)));
  const toKeys = new Set(to.edges.map((e) => key(e, (id) => id)));
  const fKey = (f: Finding, map: (id: string) => string) => `${f.ruleId}|${map(f.nodeId)}`;
  const a = lintDiagram(from, lint).findings;
  const b = lintDiagram(to, lint).findings;
  const aKeys = new Set(a.map((f) => fKey(f, fromMap)));
  const bKeys = new Set(b.map((f) => fKey(f, (id) => id)));
  return {
    added: to.nodes.filter((n) => !matchedTo.has(n.id)),
    removed: from.nodes.filter((n) => !match.has(n.id)),
    changed,
    unchanged,
    edgesAdded: to.edges.filter((e) => !fromKeys.has(key(e, (id) => id))),
    edgesRemoved: from.edges.filter((e) => !toKeys.has(key(e, fromMap))),
    resolved: a.filter((f) => !bKeys.has(fKey(f, fromMap))),
    introduced: b.filter((f) => !aKeys.has(fKey(f, (id) => id))),
    match,
  };
}
