import type { Diagram } from '../model';
import type { DiagramIndex } from './graph';

/**
 * error and warn are reported and mark boxes; info is a notice about the diagram as a whole (no
 * marker, never fails `waymark lint`); off disables a rule (bpmnlint's presets).
 */
export type Severity = 'error' | 'warn' | 'info';
export type RuleSetting = Severity | 'off';

/** The three questions a PReP diagram exists to answer (DOMAIN §2). */
export type Question = 'inputs' | 'person' | 'coordination' | 'structure';

/** Interpolation values for the rule's message and question strings (i18n prep:rules.<id>.*). */
export type FindingParams = Record<string, string | number>;

/** One problem a rule found, pointing at the exact box (and links) it is about. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The node the marker sits on and that clicking the finding selects. */
  nodeId: string;
  /** Other nodes that take part (the cycle, the other end of a sync link). */
  relatedNodeIds: string[];
  edgeIds: string[];
  /** Message variant under prep:rules.<ruleId>.<messageKey>; the question is prep:rules.<ruleId>.question. */
  messageKey: string;
  params: FindingParams;
  /** Higher = more urgent within the rule (e.g. downstream deliverables depending on it). */
  rank: number;
  /**
   * What a review (accept/dismiss) is stored under: `<ruleId>@<nodeId>` unless the rule gives one
   * (a diagram-wide notice has no single box).
   */
  key: string;
  /** Why it ranks where it does (set by lintDiagram). */
  impact: Impact;
  /** The consultant's accept/dismiss decision stored with the diagram, if any. */
  review?: { status: 'accepted' | 'dismissed'; note: string };
}

/**
 * How much hangs on the flagged box: deliverables downstream of it along input/output links,
 * whether it lies on the path to a final deliverable, and whether the work around it crosses
 * organisations (a neighbour, a coordination partner or a downstream box of another one).
 */
export interface Impact {
  reach: number;
  finalPath: boolean;
  crossOrg: boolean;
  /** reach + 2 per flag: the order findings of one severity are listed in. */
  score: number;
}

/** What a rule returns before the preset sets its severity (and lint its key and impact). */
export type RawFinding = Omit<Finding, 'severity' | 'ruleId' | 'key' | 'impact' | 'review'> & {
  key?: string;
};

export interface RuleMeta {
  id: string;
  question: Question;
  /** Path of the doc page, relative to the repository root. */
  docs: string;
}

export interface Rule {
  meta: RuleMeta;
  check(diagram: Diagram, index: DiagramIndex): RawFinding[];
}
