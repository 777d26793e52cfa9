import type { StageRun, StageStreaks } from './stageHistory';
/**
 * Result types of the scoring engine. Everything per account is column-wise (typed arrays
 * indexed by row), so a ScoreResult is structured-clone-able: a Worker can post it and Dexie
 * can store it in chunks. Per-account objects are only built by explainAccount / export.
 */
import type { CtaType, DocIssue, Priority } from '../model';
import type { AggregateSpec, BuiltinName, CheckedExpr, Scope } from '../expr';

/** Criterion status codes (Uint8Array values). */
export const NOT_MET = 0;
export const MET = 1;
export const UNKNOWN = 2;

/** Progress in stage codes: time in stage vs the stage's expectedDays. */
export const ON_TRACK = 0;
export const BEHIND = 1; // > expectedDays
export const STUCK = 2; // > 2 × expectedDays
export const PROGRESS_UNKNOWN = 255; // no expectedDays or no entered-at date

/** Trend codes (Int8Array values). */
export const TREND_DOWN = -1;
export const TREND_SAME = 0;
export const TREND_UP = 1;
export const TREND_NEW = 2; // not in the previous run (or no score either side)

export interface CompileOptions {
  /** Scoring date 'YYYY-MM-DD'; overrides the playbook's asOf. */
  asOf?: string;
  /**
   * The playbook is one validatePlaybook found nothing wrong with (what readPlaybook returned):
   * that check — every expression parsed and type-checked — is not run a second time.
   * `waymark validate` spent ~4 ms of its start-up on it (issue 17 point 4).
   */
  validated?: boolean;
}

export interface ScoreOptions {
  /** Scoring date 'YYYY-MM-DD'; overrides the compiled one. One of the two is required. */
  asOf?: string;
  /** Also keep every measure's contribution column (measureContribution). */
  contributions?: boolean;
  /**
   * Stored runs (any order; only those before the as-of count): days in stage then come from the
   * history where the data has no entered-at date (stageHistory.ts has the rule).
   */
  stageHistory?: readonly StageRun[];
  /**
   * The same, already reduced to streaks (StreakBuilder) by a caller that reads stored runs one
   * at a time (the app's worker); null = history read, no earlier run. Wins over stageHistory.
   */
  stageStreaks?: StageStreaks | null;
}

export interface CriterionInfo {
  stage: string;
  stageIndex: number;
  id: string;
  label: string;
  required: boolean;
}

export interface MeasureInfo {
  id: string;
  label: string;
  dimension: string;
  /** 'string' measures store raw values as codes into rawDict. */
  rawKind: 'number' | 'string' | 'boolean';
}

export interface CtaInfo {
  id: string;
  label: string;
  type: CtaType;
  priority: Priority;
  /** Empty = the account's routed owner. */
  ownerRole: string;
  /** Text/category field naming the owning person; blank values fall back to the role. */
  ownerField?: string;
  dueInDays: number;
  /** asOf + dueInDays, 'YYYY-MM-DD'. */
  dueDate: string;
  dedupeKey: string;
}

/** Per-account results of one run, column-wise. Arrays are indexed by row of the input table. */
export interface ScoreResult {
  resultVersion: 1;
  playbookName: string;
  asOf: string;
  rowCount: number;
  accountIds: string[];

  /** segment[row] indexes segmentIds. */
  segmentIds: string[];
  segment: Uint16Array;

  /** stage[row] indexes stageIds; -1 = unknown (stage field empty or not a stage id). */
  stageIds: string[];
  stage: Int16Array;
  /** Days since the account entered its stage; NaN = unknown. */
  daysInStage: Float64Array;
  /**
   * Where daysInStage came from: a DAYS_* code of stageHistory.ts (the data's date, the run
   * history exactly or as a lower bound, or why it is unknown). Absent on runs stored before it.
   */
  daysSource?: Uint8Array;
  /** As-of dates of the earlier runs read for days in stage, newest first (when history was given). */
  stageHistoryRuns?: string[];
  /** ON_TRACK | BEHIND | STUCK | PROGRESS_UNKNOWN. */
  progress: Uint8Array;
  /** All criteria of all stages, in stage then criterion order. */
  criteria: CriterionInfo[];
  /** criteriaStatus[k][row]: NOT_MET | MET | UNKNOWN for criteria[k]. */
  criteriaStatus: Uint8Array[];
  /** 1 when every required exit criterion of the account's current stage is met. */
  readyToAdvance: Uint8Array;

  measures: MeasureInfo[];
  /**
   * measureRaw[m][row]: the expression's value. Numbers and dates: Float64Array, NaN missing;
   * booleans: Float64Array of 0/1, NaN missing; text: Int32Array of codes into rawDict[m], -1
   * missing (read them with export.ts rawValue). For a measure that is a bare number, date, text
   * or category field this is the input table's own column (and for text its dictionary is
   * rawDict[m]): shared, not copied, so never write to either.
   */
  measureRaw: (Float64Array | Int32Array)[];
  rawDict: (string[] | null)[];
  /** measurePoints[m][row]: 0–100 after normalisation and inversion; NaN = missing (excluded). */
  measurePoints: Float64Array[];
  /**
   * measureContribution[m][row]: points × weight / available weight; Σ over m = total, exactly.
   * Only with ScoreOptions.contributions (it doubles the memory of a run); explainAccount and
   * contributionsOf compute the same numbers on demand.
   */
  measureContribution?: Float64Array[];

  dimensionIds: string[];
  /** dimensionScores[d][row]: weighted mean of the dimension's available measures, NaN if none. */
  dimensionScores: Float64Array[];

  /** 0–100, NaN when no weighted measure is available. */
  total: Float64Array;
  /** Share (0–1) of the segment's total weight whose measure had a value. */
  coverage: Float64Array;
  /** color[row] indexes colorIds (union of all bands, base first); -1 = no score. */
  colorIds: string[];
  color: Int8Array;

  /** owner[row] indexes ownerIds. */
  ownerIds: string[];
  owner: Uint16Array;

  ctas: CtaInfo[];
  /** ctaFired[c][row] = 1 when CTA c fired for the account (after applicability and dedupe). */
  ctaFired: Uint8Array[];
  /**
   * By CTA: for a CTA with ownerField, the field's values (codes into dict, -1 = blank, then the
   * role or routed owner owns it); null otherwise. Read it with ctaOwner(). Absent in runs
   * stored before owners could come from a field.
   */
  ctaPerson?: ({ dict: string[]; codes: Int32Array } | null)[];
}

export type CompileResult<C> = { ok: true; compiled: C } | { ok: false; issues: DocIssue[] };

/** One measure's share of an account's total. */
export interface MeasureExplanation {
  id: string;
  label: string;
  dimension: string;
  raw: number | string | boolean | null;
  points: number | null;
  /** Weight as entered (after the segment's override). */
  weight: number;
  /** Weight after rescaling over the available measures (0 when excluded). */
  normalisedWeight: number;
  contribution: number;
  excluded: boolean;
  /** Field values the measure's expression read. */
  inputs: Record<string, number | string | boolean | null>;
}

export interface CriterionExplanation {
  id: string;
  label: string;
  required: boolean;
  expr: string;
  status: 'met' | 'not_met' | 'unknown';
  inputs: Record<string, number | string | boolean | null>;
}

export interface CtaExplanation {
  id: string;
  label: string;
  type: CtaType;
  priority: Priority;
  owner: string;
  dueDate: string;
  trigger: string;
  steps: string[];
  /** The values that made the trigger true. */
  reason: Record<string, number | string | boolean | null>;
}

export interface AccountExplanation {
  accountId: string;
  row: number;
  asOf: string;
  segment: string;
  stage: string | null;
  daysInStage: number | null;
  progress: 'on_track' | 'behind' | 'stuck' | 'unknown';
  readyToAdvance: boolean;
  total: number | null;
  color: string | null;
  coverage: number;
  owner: string;
  measures: MeasureExplanation[];
  dimensions: { id: string; score: number | null }[];
  criteria: CriterionExplanation[];
  ctas: CtaExplanation[];
}

/** One stage KPI over the stage's accounts in a run (engine/kpis.ts). */
export interface KpiValue {
  stage: string;
  id: string;
  label: string;
  /** mean of a number; share of true (0–1) of a yes/no; text has no single value. */
  kind: 'mean' | 'share' | 'text';
  sum: number;
  /** Accounts in the stage with a value. */
  n: number;
  /** Accounts in the stage. */
  of: number;
  /** sum / n; null when no account has a value (or text). */
  value: number | null;
}

export interface Summary {
  rowCount: number;
  /** Key `${color}|${segment}|${stage}` (stage '' = unknown, color '' = no score) → count; keys sorted. */
  byColorSegmentStage: { color: string; segment: string; stage: string; count: number }[];
  byColor: { color: string; count: number }[];
  ctasByTypeOwner: { type: CtaType; owner: string; count: number }[];
  ctasById: { id: string; count: number }[];
  /** When the contract has an MRR field: MRR per colour. Absent in runs stored before. */
  mrr?: MrrSummary;
  /** Bound stage KPIs (absent in runs stored before they existed). */
  kpis?: KpiValue[];
}

export interface MrrSummary {
  /** The field the sums came from. */
  field: string;
  /** MRR of every account with a value. */
  total: number;
  /** Accounts without an MRR value (left out of the sums). */
  missing: number;
  byColor: { color: string; mrr: number }[];
}

export interface TrendResult {
  /** TREND_DOWN | TREND_SAME | TREND_UP | TREND_NEW per row of the current result. */
  direction: Int8Array;
  /** total − previous total; NaN when either is missing. */
  delta: Float64Array;
  counts: { up: number; down: number; same: number; new: number };
}

export interface BacktestResult {
  outcomeField: string;
  /** Accounts with a known outcome and a score. */
  n: number;
  perColor: {
    color: string;
    accounts: number;
    churned: number;
    expanded: number;
    churnRate: number | null;
    expansionRate: number | null;
  }[];
  /** P(score of a retained account > score of a churned one), ties count half; null without both classes. */
  aucChurn: number | null;
  warnings: { code: 'band_concentration'; color: string; share: number; message: string }[];
}

/** One expression of a compiled playbook, checked against the field contract. */
export interface CompiledExpr {
  source: string;
  /** JSON path of the expression in the playbook, for messages. */
  path: string;
  scope: Scope;
  checked: CheckedExpr;
  fields: string[];
  builtins: BuiltinName[];
  /** Activity aggregates it reads (columns withActivity adds to the table). */
  aggregates: AggregateSpec[];
}
