import type { CtaType } from '../model';
import { aucWithInterval, wilson, type AucInterval } from './stats';
import { CONCENTRATION_WARNING } from './backtest';

/**
 * The backtest that predicts (答え合わせ, DOMAIN §7): scores as they were at an earlier date
 * against what customers did afterwards, joined by account key. The user says which outcome
 * values mean churn and which expansion; nothing is guessed. Every rate carries a 95% Wilson
 * interval and every AUC a 95% Hanley–McNeil interval; with too few outcomes no verdict is drawn.
 */

/** Predictions: what a stored run knew about each account (a ScoreResult or a run snapshot). */
export interface Predictions {
  asOf: string;
  accountIds: string[];
  total: Float64Array;
  colorIds: string[];
  color: Int8Array;
  ctas: { id: string; label: string; type: CtaType; dedupeKey: string }[];
  ctaFired: Uint8Array[];
  measures: { id: string; label: string }[];
  /** measurePoints[m][row]: 0–100, higher = healthier; NaN = missing. */
  measurePoints: ArrayLike<number>[];
}

/** Outcomes: one value per account key, observed at or after the predictions' date. */
export interface Outcomes {
  keys: string[];
  /** The outcome field's value per key; null or '' = unknown. */
  values: (string | null)[];
  /** When the outcomes were observed (for the label); optional. */
  observedAt?: string;
}

export interface OutcomeLabels {
  field: string;
  churn: string[];
  expansion: string[];
}

/** How many of each class a verdict needs at least (below: the numbers are shown, no verdict). */
export const MIN_EVENTS = 10;
/** How many unmatched keys are listed (all are counted). */
export const UNMATCHED_LISTED = 100;

export interface Rate {
  count: number;
  of: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  /** rate ÷ base rate; null when either is unknown or the base rate is 0. */
  lift: number | null;
}

export type Verdict =
  | {
      code: 'insufficient';
      reason: 'no_events' | 'few_events' | 'no_non_events' | 'few_non_events';
      events: number;
      nonEvents: number;
    }
  | { code: 'predicts' | 'no_better_than_chance' | 'inverted'; auc: number };

export interface PredictiveBacktestResult {
  /** 'predictive' when outcomes were observed after the predictions; 'descriptive' otherwise. */
  mode: 'predictive' | 'descriptive';
  predictionsAsOf: string;
  outcomesObservedAt: string | null;
  outcomeField: string;
  churnValues: string[];
  expansionValues: string[];
  /** Accounts with a score and a known outcome: what every rate below is computed over. */
  n: number;
  join: {
    matched: number;
    /** Accounts of the run with no outcome row. */
    predictionsWithoutOutcome: number;
    /** Outcome rows naming an account the run did not score. */
    outcomesWithoutPrediction: number;
    /** Matched accounts whose outcome value is empty. */
    outcomeMissing: number;
    /** Matched accounts without a score (no colour). */
    noScore: number;
    /** Keys that appear more than once in the outcomes: left out (which row is right?). */
    duplicateOutcomeKeys: string[];
    /** The first UNMATCHED_LISTED keys of each unmatched kind. */
    listedPredictionsWithoutOutcome: string[];
    listedOutcomesWithoutPrediction: string[];
  };
  base: { churn: Rate; expansion: Rate };
  perColor: { color: string; accounts: number; share: number; churn: Rate; expansion: Rate }[];
  auc: { method: 'hanley-mcneil-1982'; churn: AucInterval | null; expansion: AucInterval | null };
  perCta: {
    id: string;
    label: string;
    type: CtaType;
    fired: number;
    churn: Rate;
    expansion: Rate;
  }[];
  perMeasure: {
    id: string;
    label: string;
    n: number;
    churn: AucInterval | null;
    expansion: AucInterval | null;
  }[];
  verdict: { churn: Verdict; expansion: Verdict };
  /** Churn falls and expansion rises from the worst band to the best; null without a verdict. */
  monotonic: boolean | null;
  warnings: { code: 'band_concentration'; color: string; share: number }[];
}

/** The values an outcome column holds, most frequent first, with how many accounts hold each. */
export function outcomeValueCounts(values: (string | null)[]): {
  values: { value: string; count: number }[];
  blank: number;
} {
  const counts = new Map<string, number>();
  let blank = 0;
  for (const v of values) {
    if (v === null || v.trim() === '') blank++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return {
    values: [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
    blank,
  };
}

const CHURN = 1;
const EXPAND = 2;
const OTHER = 0;
const UNKNOWN = -1;

function rate(count: number, of: number, base: number | null): Rate {
  const w = wilson(count, of);
  const r = of ? count / of : null;
  return {
    count,
    of,
    rate: r,
    low: w?.low ?? null,
    high: w?.high ?? null,
    lift: r !== null && base ? r / base : null,
  };
}

function verdictOf(a: AucInterval | null, events: number, nonEvents: number): Verdict {
  if (events === 0) return { code: 'insufficient', reason: 'no_events', events, nonEvents };
  if (nonEvents === 0) return { code: 'insufficient', reason: 'no_non_events', events, nonEvents };
  if (events < MIN_EVENTS) return { code: 'insufficient', reason: 'few_events', events, nonEvents };
  if (nonEvents < MIN_EVENTS)
    return { code: 'insufficient', reason: 'few_non_events', events, nonEvents };
  const auc = a!.auc;
  if (a!.low > 0.5) return { code: 'predicts', auc };
  if (a!.high < 0.5) return { code: 'inverted', auc };
  return { code: 'no_better_than_chance', auc };
}

/**
 * Join predictions with outcomes by account key and measure how well the score, each colour,
 * each CTA and each measure anticipated churn and expansion.
 * - churn AUC: P(a retained account outscored a churned one) — higher is better;
 * - expansion AUC: P(an expanded account outscored one that did not expand).
 */
export function predictiveBacktest(
  pred: Predictions,
  outcomes: Outcomes,
  labels: OutcomeLabels,
): PredictiveBacktestResult {
  const churnSet = new Set(labels.churn);
  const expandSet = new Set(labels.expansion);
  // Outcome per key; a key seen twice is ambiguous and left out.
  const byKey = new Map<string, string | null>();
  const dup = new Set<string>();
  for (let i = 0; i < outcomes.keys.length; i++) {
    const k = outcomes.keys[i];
    if (byKey.has(k)) dup.add(k);
    else byKey.set(k, outcomes.values[i]);
  }
  const n = pred.accountIds.length;
  const cls = new Int8Array(n).fill(UNKNOWN);
  const seen = new Set<string>();
  const noOutcome: string[] = [];
  let withoutOutcome = 0;
  let missing = 0;
  let noScore = 0;
  let matched = 0;
  for (let i = 0; i < n; i++) {
    const id = pred.accountIds[i];
    seen.add(id);
    if (dup.has(id)) continue;
    if (!byKey.has(id)) {
      withoutOutcome++;
      if (noOutcome.length < UNMATCHED_LISTED) noOutcome.push(id);
      continue;
    }
    matched++;
    const v = byKey.get(id);
    if (v === null || v === undefined || v.trim() === '') {
      missing++;
      continue;
    }
    if (pred.color[i] < 0 || Number.isNaN(pred.total[i])) {
      noScore++;
      continue;
    }
    cls[i] = churnSet.has(v) ? CHURN : expandSet.has(v) ? EXPAND : OTHER;
  }
  let withoutPrediction = 0;
  const noPrediction: string[] = [];
  for (const k of byKey.keys())
    if (!seen.has(k)) {
      withoutPrediction++;
      if (noPrediction.length < UNMATCHED_LISTED) noPrediction.push(k);
    }

  let total = 0;
  let churned = 0;
  let expanded = 0;
  const nColor = pred.colorIds.length;
  const cAcc = new Float64Array(nColor);
  const cChurn = new Float64Array(nColor);
  const cExp = new Float64Array(nColor);
  const churnScores: number[] = [];
  const keptScores: number[] = [];
  const expScores: number[] = [];
  const notExpScores: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = cls[i];
    if (k === UNKNOWN) continue;
    total++;
    const c = pred.color[i];
    const t = pred.total[i];
    cAcc[c]++;
    if (k === CHURN) {
      churned++;
      cChurn[c]++;
      churnScores.push(t);
    } else keptScores.push(t);
    if (k === EXPAND) {
      expanded++;
      cExp[c]++;
      expScores.push(t);
    } else notExpScores.push(t);
  }
  const baseChurn = total ? churned / total : null;
  const baseExp = total ? expanded / total : null;
  const perColor = pred.colorIds.map((color, c) => ({
    color,
    accounts: cAcc[c],
    share: total ? cAcc[c] / total : 0,
    churn: rate(cChurn[c], cAcc[c], baseChurn),
    expansion: rate(cExp[c], cAcc[c], baseExp),
  }));
  const perCta = pred.ctas.map((cta, j) => {
    const fired = pred.ctaFired[j];
    let f = 0;
    let fc = 0;
    let fe = 0;
    for (let i = 0; i < n; i++) {
      if (cls[i] === UNKNOWN || !fired[i]) continue;
      f++;
      if (cls[i] === CHURN) fc++;
      if (cls[i] === EXPAND) fe++;
    }
    return {
      id: cta.id,
      label: cta.label,
      type: cta.type,
      fired: f,
      churn: rate(fc, f, baseChurn),
      expansion: rate(fe, f, baseExp),
    };
  });
  const perMeasure = pred.measures.map((m, j) => {
    const pts = pred.measurePoints[j];
    const kept: number[] = [];
    const lost: number[] = [];
    const exp: number[] = [];
    const notExp: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = cls[i];
      const p = pts[i];
      if (k === UNKNOWN || Number.isNaN(p)) continue;
      (k === CHURN ? lost : kept).push(p);
      (k === EXPAND ? exp : notExp).push(p);
    }
    return {
      id: m.id,
      label: m.label,
      n: kept.length + lost.length,
      churn: aucWithInterval(kept, lost),
      expansion: aucWithInterval(exp, notExp),
    };
  });
  const aucChurn = aucWithInterval(keptScores, churnScores);
  const aucExp = aucWithInterval(expScores, notExpScores);
  const verdict = {
    churn: verdictOf(aucChurn, churned, total - churned),
    expansion: verdictOf(aucExp, expanded, total - expanded),
  };
  // Bands are ordered best first: read them worst → best.
  let monotonic: boolean | null = null;
  if (verdict.churn.code !== 'insufficient') {
    const rows = perColor.filter((p) => p.accounts > 0).reverse();
    monotonic = rows.every(
      (p, i) =>
        i === 0 ||
        ((p.churn.rate ?? 0) <= (rows[i - 1].churn.rate ?? 0) + 1e-9 &&
          (verdict.expansion.code === 'insufficient' ||
            (p.expansion.rate ?? 0) >= (rows[i - 1].expansion.rate ?? 0) - 1e-9)),
    );
  }
  const warnings = perColor
    .filter((p) => p.share > CONCENTRATION_WARNING)
    .map((p) => ({ code: 'band_concentration' as const, color: p.color, share: p.share }));
  const observed = outcomes.observedAt ?? null;
  return {
    mode: observed !== null && observed > pred.asOf ? 'predictive' : 'descriptive',
    predictionsAsOf: pred.asOf,
    outcomesObservedAt: observed,
    outcomeField: labels.field,
    churnValues: [...labels.churn],
    expansionValues: [...labels.expansion],
    n: total,
    join: {
      matched,
      predictionsWithoutOutcome: withoutOutcome,
      outcomesWithoutPrediction: withoutPrediction,
      outcomeMissing: missing,
      noScore,
      duplicateOutcomeKeys: [...dup],
      listedPredictionsWithoutOutcome: noOutcome,
      listedOutcomesWithoutPrediction: noPrediction,
    },
    base: { churn: rate(churned, total, baseChurn), expansion: rate(expanded, total, baseExp) },
    perColor,
    auc: { method: 'hanley-mcneil-1982', churn: aucChurn, expansion: aucExp },
    perCta,
    perMeasure,
    verdict,
    monotonic,
    warnings,
  };
}
