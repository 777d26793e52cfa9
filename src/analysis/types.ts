import type { Diagram } from '../model';
import type { DiagramIndex } from './graph';

/** error and warn are reported; off disables a rule (bpmnlint's presets). */
export type Severity = 'error' | 'warn';
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
}

/** What a rule returns before the preset sets its severity. */
export type RawFinding = Omit<Finding, 'severity' | 'ruleId'>;

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
