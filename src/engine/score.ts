/**
 * scoreTable: the hot path. Rows are scored in blocks of BLOCK rows, so every temporary column
 * stays in the CPU cache (the vectorised-database way: at a million rows a full column is 8 MB
 * and each pass over it would be bound by memory bandwidth). Within a block, expressions are
 * evaluated a column at a time by src/expr and combined by the loop kernels of kernels.ts in a
 * fixed order (segments, measures, stages, CTAs as listed), so results are deterministic and
 * match the SQL bit for bit. Every computation is row-local, so blocking changes no number.
 */
import {
  MISSING_BOOL,
  isoToDays,
  type AccountTable,
  type Column,
  type StringColumn,
} from '../table/columns';
import { sliceTable } from '../table/slice';
import type { CompiledPlaybook } from './compile';
import type { CheckedExpr } from '../expr';
import type { Normalisation } from '../model';
import { Arena } from './arena';
import { codePointsWeighted, numericPointsWeighted } from './weightedPoints';
import { evalColumn, evalNumberInto, type BuiltinColumns } from './exprBridge';
import { categoryPoints, numericPoints } from './normalise';
import {
  addContribution,
  addContributionAndDimension,
  addContributionDimPair,
  addWeight,
  assignFirstTrue,
  boolPoints,
  codePoints,
  colorize,
  divideOrNaN,
  fireCta,
  invertColumn,
  keepFirstFired,
  numericPointsColumn,
  statusOf,
  statusRequired,
  totalNaNWithoutWeight,
  uniformWeight,
  zeroMissing,
} from './kernels';
import {
  BEHIND,
  ON_TRACK,
  PROGRESS_UNKNOWN,
  STUCK,
  type CriterionInfo,
  type ScoreOptions,
  type ScoreResult,
} from './types';
import { columnOf, newColumns } from '../table/columns';
import { accountIdsOf } from '../table/accountIds';
import {
  daysInStageFromHistory,
  daysSourceWithoutHistory,
  stageStreaks,
  type StageStreaks,
} from './stageHistory';

// Module-local copies: an imported binding read per row is slow under tsx (a getter per read).
const P_UNKNOWN: number = PROGRESS_UNKNOWN;
const P_STUCK: number = STUCK;
const P_BEHIND: number = BEHIND;
const P_ON_TRACK: number = ON_TRACK;

/** Rows per block: ~100 columns of 8 KB-64 KB stay in L2/L3. */
export const BLOCK = 8192;

export function scoreTable(
  c: CompiledPlaybook,
  table: AccountTable,
  opts: ScoreOptions = {},
): ScoreResult {
  const asOf = opts.asOf ?? c.asOf;
  if (asOf === undefined)
    throw new Error('scoreTable: no as-of date (give opts.asOf or set the playbook asOf)');
  const asOfDays = isoToDays(asOf);
  if (Number.isNaN(asOfDays))
    throw new Error(`scoreTable: as-of "${asOf}" is not a date YYYY-MM-DD`);
  table = withAllFields(table, c);
  // Activity aggregates are columns withActivity adds; say so rather than "no column".
  const noActivity = c.aggregates.filter((a) => !table.columns[a.id]).map((a) => a.id);
  if (noActivity.length)
    throw new Error(
      `scoreTable: the playbook reads activity (${noActivity.join(', ')}): score the table withActivity returns`,
    );
  const n = table.rowCount;
  // Arrays of the result, sized up front: one buffer instead of several chunks, so the run
  // crosses V8's external-memory limit once (each crossing forces a full GC, ~30 ms per 1M rows).
  // A measure that is a bare number or date field keeps the table's own column as its raw values
  // (no copy: ~8 MB less to write and fault in per measure and million rows).
  const sharedRaw = c.measures.map((ms) => plainNumberColumn(ms.expr.checked, table));
  // Likewise a bare text or category field: its raw values are the table's codes and dictionary.
  const sharedText = c.measures.map((ms) => plainTextColumn(ms.expr.checked, table));
  const textRaw = c.measures.filter((ms, k) => ms.rawKind === 'string' && !sharedText[k]).length;
  const numRaw = c.measures.filter((ms, k) => ms.rawKind !== 'string' && !sharedRaw[k]).length;
  const A = Arena.forBytes(resultBytes(c, n, !!opts.contributions, numRaw, textRaw));
  const nSeg = c.segmentIds.length;
  const nM = c.measures.length;

  // Result columns (full length).
  const segment = A.u16(n);
  const measureRaw = c.measures.map(
    (ms, k) =>
      sharedRaw[k] ?? sharedText[k]?.codes ?? (ms.rawKind === 'string' ? A.i32(n) : A.f64(n)),
  );
  const rawDicts = c.measures.map(() => new RawDict());
  const measurePoints = c.measures.map(() => A.f64(n));
  const measureContribution = opts.contributions ? c.measures.map(() => A.f64(n)) : null;
  const dimensionScores = c.dimensionIds.map(() => A.f64(n));
  const total = A.f64(n);
  const coverage = A.f64(n);
  const color = A.i8(n);
  const criteria: CriterionInfo[] = [];
  c.stages.forEach((st, si) =>
    st.criteria.forEach((cr) =>
      criteria.push({
        stage: st.id,
        stageIndex: si,
        id: cr.id,
        label: cr.label,
        required: cr.required,
      }),
    ),
  );
  const criteriaStatus = criteria.map(() => A.u8(n));
  const stage = A.i16(n);
  const daysInStage = A.f64(n);
  const daysSource = A.u8(n);
  const readyToAdvance = A.u8(n);
  const progress = A.u8(n);
  const owner = A.u16(n);
  const ctaFired = c.ctas.map(() => A.u8(n));

  // Per-run constants.
  const totalWeight = new Float64Array(nSeg);
  for (const ms of c.measures)
    for (let s = 0; s < nSeg; s++) totalWeight[s] += ms.weightBySegment[s];
  const sameNorm = c.measures.map((ms) => ms.normBySegment.every((x) => x === ms.normBySegment[0]));
  // Measures with a dimension and one weight for every segment: their contributions go two at a time.
  const weightOf = c.measures.map((ms) => uniformWeight(ms.weightBySegment));
  const pairable = c.measures.map((ms, k) => ms.dimIndex >= 0 && weightOf[k] === weightOf[k]);
  // The weight of a measure whose weight every segment shares, when missing values are excluded
  // (the points kernel then adds the weight itself: weightedPoints.ts).
  const fuseWeight = weightOf.map((u) => (c.missing === 'exclude' && u === u ? u : null));
  const flatBands = c.bandsBySegment.flat();
  const bandStart = new Int32Array(nSeg);
  const bandEnd = new Int32Array(nSeg);
  {
    let at = 0;
    c.bandsBySegment.forEach((bands, s) => {
      bandStart[s] = at;
      at += bands.length;
      bandEnd[s] = at;
    });
  }
  const bandMins = Float64Array.from(flatBands, (b) => b.band.min);
  const bandInclusive = Uint8Array.from(flatBands, (b) => (b.band.inclusive ? 1 : 0));
  const bandColors = Int8Array.from(flatBands, (b) => b.color);
  const expected = Float64Array.from(c.stages, (s) => s.expectedDays ?? NaN);
  const stageIds = c.stages.map((s) => s.id);
  const dedupeOrders = dedupeGroups(c);
  const stageMap = stageFieldMap(c, table);
  const ids = accountIdsOf(table, c.accountKey);
  // Days in stage from the history when the data gives no entered-at date.
  const fromField = c.stageSource.kind === 'field' && !!c.stageSource.enteredAtField;
  const historyRead = !fromField && (opts.stageStreaks !== undefined || !!opts.stageHistory);
  const streaks = fromField
    ? null
    : opts.stageStreaks !== undefined
      ? opts.stageStreaks
      : opts.stageHistory
        ? stageStreaks(opts.stageHistory, asOf)
        : null;

  // Block scratch (reused for every block).
  const B = Math.min(BLOCK, Math.max(1, n));
  const S = new Arena(B * 8 * (16 + c.stages.length + c.dimensionIds.length));
  const assigned = S.u8(B);
  const availWeight = S.f64(B);
  const valueWeight = c.missing === 'zero' ? S.f64(B) : availWeight;
  const dimWeight = c.dimensionIds.map(() => S.f64(B));
  const allRequiredMet = c.stages.map(() => S.u8(B));
  const segCodes = S.i32(B);
  const colorCodes = S.i32(B);
  const stageCodes = S.i32(B);

  const run = new Run({
    c,
    table,
    asOfDays,
    nSeg,
    nM,
    sharedRaw,
    sharedText,
    rawDicts,
    totalWeight,
    sameNorm,
    weightOf,
    pairable,
    fuseWeight,
    bandStart,
    bandEnd,
    bandMins,
    bandInclusive,
    bandColors,
    expected,
    stageIds,
    dedupeOrders,
    stageMap,
    ids,
    streaks,
    historyRead,
    assigned,
    availWeight,
    valueWeight,
    dimWeight,
    allRequiredMet,
    segCodes,
    colorCodes,
    stageCodes,
    segment,
    measureRaw,
    measurePoints,
    measureContribution,
    dimensionScores,
    total,
    coverage,
    color,
    criteriaStatus,
    stage,
    daysInStage,
    daysSource,
    readyToAdvance,
    progress,
    owner,
    ctaFired,
  });
  // One call per block: a top-level function gets optimised once for all runs (a loop inside
  // scoreTable was OSR-compiled against each run's arrays and thrown away when they died).
  for (let lo = 0; lo < n; lo += B) scoreBlock(run, lo, Math.min(n, lo + B));

  return {
    resultVersion: 1,
    playbookName: c.playbook.name,
    asOf,
    rowCount: n,
    accountIds: ids,
    segmentIds: [...c.segmentIds],
    segment,
    stageIds,
    stage,
    daysInStage,
    daysSource,
    ...(historyRead ? { stageHistoryRuns: [...(streaks?.runs ?? [])] } : {}),
    progress,
    criteria,
    criteriaStatus,
    readyToAdvance,
    measures: c.measures.map((ms) => ({
      id: ms.id,
      label: ms.label,
      dimension: ms.dimension,
      rawKind: ms.rawKind,
    })),
    measureRaw,
    rawDict: c.measures.map((ms, k) =>
      ms.rawKind === 'string' ? (sharedText[k]?.dict ?? rawDicts[k].dict) : null,
    ),
    measurePoints,
    ...(measureContribution ? { measureContribution } : {}),
    dimensionIds: [...c.dimensionIds],
    dimensionScores,
    total,
    coverage,
    colorIds: [...c.colorIds],
    color,
    ownerIds: [...c.ownerIds],
    owner,
    ctas: c.ctas.map((x) => ({ ...x.info, dueDate: isoPlus(asOfDays, x.info.dueInDays) })),
    ctaFired,
    ...ctaPersonColumns(c, table),
  };
}

/**
 * The owner-field columns of CTAs that take their owner from a field: the table's own codes and
 * dictionary, shared, not copied (a missing column is all blank, so the role owns it).
 */
function ctaPersonColumns(
  c: CompiledPlaybook,
  table: AccountTable,
): Pick<ScoreResult, 'ctaPerson'> {
  if (!c.ctas.some((x) => x.info.ownerField !== undefined)) return {};
  return {
    ctaPerson: c.ctas.map((x) => {
      if (x.info.ownerField === undefined) return null;
      const col = columnOf(table, x.info.ownerField);
      return col?.type === 'string'
        ? { dict: col.dict, codes: col.codes }
        : { dict: [], codes: new Int32Array(table.rowCount).fill(-1) };
    }),
  };
}

/**
 * Everything one run's blocks share: the compiled playbook, per-run constants, scratch and result
 * columns. A class, not an object literal, so every run's object has the one hidden class that
 * scoreBlock's optimised code was built for (a literal's may die with the run, discarding it).
 */
class Run {
  c!: CompiledPlaybook;
  table!: AccountTable;
  asOfDays!: number;
  nSeg!: number;
  nM!: number;
  sharedRaw!: (Float64Array | null)[];
  sharedText!: (StringColumn | null)[];
  rawDicts!: RawDict[];
  totalWeight!: Float64Array;
  sameNorm!: boolean[];
  weightOf!: number[];
  pairable!: boolean[];
  fuseWeight!: (number | null)[];
  bandStart!: Int32Array;
  bandEnd!: Int32Array;
  bandMins!: Float64Array;
  bandInclusive!: Uint8Array;
  bandColors!: Int8Array;
  expected!: Float64Array;
  stageIds!: string[];
  dedupeOrders!: number[][];
  stageMap!: Int16Array | null;
  ids!: string[];
  streaks!: StageStreaks | null;
  historyRead!: boolean;
  assigned!: Uint8Array;
  availWeight!: Float64Array;
  valueWeight!: Float64Array;
  dimWeight!: Float64Array[];
  allRequiredMet!: Uint8Array[];
  segCodes!: Int32Array;
  colorCodes!: Int32Array;
  stageCodes!: Int32Array;
  segment!: Uint16Array;
  measureRaw!: (Float64Array | Int32Array)[];
  measurePoints!: Float64Array[];
  measureContribution!: Float64Array[] | null;
  dimensionScores!: Float64Array[];
  total!: Float64Array;
  coverage!: Float64Array;
  color!: Int8Array;
  criteriaStatus!: Uint8Array[];
  stage!: Int16Array;
  daysInStage!: Float64Array;
  daysSource!: Uint8Array;
  readyToAdvance!: Uint8Array;
  progress!: Uint8Array;
  owner!: Uint16Array;
  ctaFired!: Uint8Array[];
  constructor(init: Run) {
    Object.assign(this, init);
  }
}

/** Scores rows lo..hi into the run's result columns. */
function scoreBlock(run: Run, lo: number, hi: number): void {
  const {
    c,
    table,
    asOfDays,
    nSeg,
    nM,
    sharedRaw,
    sharedText,
    rawDicts,
    totalWeight,
    sameNorm,
    weightOf,
    pairable,
    fuseWeight,
    bandStart,
    bandEnd,
    bandMins,
    bandInclusive,
    bandColors,
    expected,
    stageIds,
    dedupeOrders,
    stageMap,
    assigned,
    availWeight,
    valueWeight,
    dimWeight,
    allRequiredMet,
    segCodes,
    colorCodes,
    stageCodes,
    segment,
    measureRaw,
    measurePoints,
    measureContribution,
    dimensionScores,
    total,
    coverage,
    color,
    criteriaStatus,
    stage,
    daysInStage,
    readyToAdvance,
    progress,
    owner,
    ctaFired,
  } = run;
  const len = hi - lo;
  const t = sliceTable(table, lo, hi);
  const builtins: BuiltinColumns = {
    segment: undefined,
    score: undefined,
    color: undefined,
    stage: undefined,
    days_in_stage: undefined,
  };
  const segB = segment.subarray(lo, hi);

  // 1. Segment: rules in order, first true wins; false or unknown falls through to the default.
  segB.fill(c.defaultSegment);
  if (c.segmentRules.length) {
    const asg = assigned.subarray(0, len).fill(0);
    for (const rule of c.segmentRules)
      assignFirstTrue(
        segB,
        asg,
        boolValues(evalColumn(rule.expr, t, builtins, asOfDays)),
        rule.index,
      );
  }
  builtins.segment = codesColumn(segCodes.subarray(0, len), segB, c.segmentIds);

  // 2. Measures → points (inverted when asked) → weights; missing excluded or zero by policy.
  const W = availWeight.subarray(0, len).fill(0);
  const V = c.missing === 'zero' ? valueWeight.subarray(0, len).fill(0) : W;
  for (let k = 0; k < nM; k++) {
    const ms = c.measures[k];
    const pts = measurePoints[k].subarray(lo, hi);
    const norms = sameNorm[k] ? [ms.normBySegment[0]] : ms.normBySegment;
    const segArg = sameNorm[k] ? null : segB;
    const type = ms.expr.checked.type;
    // The common case adds the weight inside the points kernel (no second pass over the points).
    const fused = fuseWeight[k] !== null && segArg === null;
    if (type === 'number' || type === 'date') {
      // Raw values are the table's column (shared) or computed straight into the result.
      const raw = (measureRaw[k] as Float64Array).subarray(lo, hi);
      if (!sharedRaw[k]) evalNumberInto(ms.expr, t, builtins, asOfDays, raw);
      if (fused) numericPointsWeighted(norms[0], raw, pts, ms.invert, fuseWeight[k]!, W);
      else if (segArg === null) numericPointsColumn(norms[0], raw, pts, null, 0, ms.invert);
      else
        for (let s = 0; s < nSeg; s++)
          numericPointsColumn(norms[s], raw, pts, segArg, s, ms.invert);
    } else {
      const col = evalColumn(ms.expr, t, builtins, asOfDays);
      if (col.type === 'string') {
        // Raw codes: the table's own (shared), or the block's recoded into the run's dictionary.
        if (!sharedText[k])
          recode(
            col.codes,
            rawDicts[k].codesOf(col.dict),
            (measureRaw[k] as Int32Array).subarray(lo, hi),
          );
        const lut = categoryLut(norms, col.dict);
        if (fused) codePointsWeighted(col.codes, lut, pts, fuseWeight[k]!, W);
        else codePoints(col.codes, lut, col.dict.length, segArg, pts);
        if (ms.invert) invertColumn(pts);
      } else {
        boolMeasurePoints(
          col,
          norms,
          segArg,
          (measureRaw[k] as Float64Array).subarray(lo, hi),
          pts,
          ms.invert,
        );
      }
      if (fused && col.type !== 'string') addWeight(pts, ms.weightBySegment, segB, W);
    }
    if (c.missing === 'zero') {
      addWeight(pts, ms.weightBySegment, segB, V);
      zeroMissing(pts);
    }
    if (!fused) addWeight(pts, ms.weightBySegment, segB, W);
  }

  // Σ over measures of points × w / W, in measure order: the contributions add up to the total exactly.
  const totB = total.subarray(lo, hi);
  const covB = coverage.subarray(lo, hi);
  coverageOf(segB, totalWeight, V, covB);
  for (const dw of dimWeight) dw.subarray(0, len).fill(0);
  // The total and dimension sums are added into, so their first touch would be a read: Linux maps
  // the shared zero page for it and faults again on the write. Writing the zeros first (the arena
  // gave zeros already) takes one fault per page instead of two.
  totB.fill(0);
  for (const d of dimensionScores) d.subarray(lo, hi).fill(0);
  for (let k = 0; k < nM; k++) {
    const ms = c.measures[k];
    if (!measureContribution && pairable[k] && k + 1 < nM && pairable[k + 1]) {
      // Two measures in one pass (the total stays in a register between them); same order.
      const m2 = c.measures[k + 1];
      addContributionDimPair(
        measurePoints[k].subarray(lo, hi),
        weightOf[k],
        dimensionScores[ms.dimIndex].subarray(lo, hi),
        dimWeight[ms.dimIndex].subarray(0, len),
        measurePoints[k + 1].subarray(lo, hi),
        weightOf[k + 1],
        dimensionScores[m2.dimIndex].subarray(lo, hi),
        dimWeight[m2.dimIndex].subarray(0, len),
        W,
        totB,
      );
      k++;
      continue;
    }
    const contrib = measureContribution ? measureContribution[k].subarray(lo, hi) : null;
    const pts = measurePoints[k].subarray(lo, hi);
    if (ms.dimIndex < 0) addContribution(pts, ms.weightBySegment, segB, W, totB, contrib);
    else
      addContributionAndDimension(
        pts,
        ms.weightBySegment,
        segB,
        W,
        totB,
        contrib,
        dimensionScores[ms.dimIndex].subarray(lo, hi),
        dimWeight[ms.dimIndex].subarray(0, len),
      );
  }
  // (With no measures at all nothing was added: the total stays 0, as before.)
  if (!measureContribution && nM > 0) totalNaNWithoutWeight(totB, W);
  for (let di = 0; di < dimensionScores.length; di++)
    divideOrNaN(dimensionScores[di].subarray(lo, hi), dimWeight[di].subarray(0, len));
  builtins.score = { type: 'number', values: totB };

  // 3. Colour: the segment's bands, best first; the first band the total reaches.
  const colB = color.subarray(lo, hi);
  colorize(totB, segB, bandStart, bandEnd, bandMins, bandInclusive, bandColors, colB);
  builtins.color = codesColumn(colorCodes.subarray(0, len), colB, c.colorIds);

  // 4. Exit criteria, then the stage (field or inferred), time in stage, progress, readiness.
  const met: Uint8Array[] = [];
  for (const a of allRequiredMet) met.push(a.subarray(0, len).fill(1));
  let k = 0;
  for (let si = 0; si < c.stages.length; si++) {
    for (const cr of c.stages[si].criteria) {
      const v = boolValues(evalColumn(cr.expr, t, builtins, asOfDays));
      if (cr.required) statusRequired(v, criteriaStatus[k].subarray(lo, hi), met[si]);
      else statusOf(v, criteriaStatus[k].subarray(lo, hi));
      k++;
    }
  }
  const stB = stage.subarray(lo, hi);
  const dB = daysInStage.subarray(lo, hi);
  stages(c, t, stageMap, met, asOfDays, stB, dB);
  const srcB = run.daysSource.subarray(lo, hi);
  if (run.streaks)
    daysInStageFromHistory(run.streaks, run.ids, lo, stB, stageIds, asOfDays, dB, srcB);
  else daysSourceWithoutHistory(stB, dB, run.historyRead, srcB);
  readinessAndProgress(
    stB,
    dB,
    met,
    expected,
    readyToAdvance.subarray(lo, hi),
    progress.subarray(lo, hi),
  );
  builtins.stage = codesColumn(stageCodes.subarray(0, len), stB, stageIds);
  builtins.days_in_stage = { type: 'number', values: dB };

  // 5. Owner: routing rules in order, first true wins.
  const ownB = owner.subarray(lo, hi).fill(c.defaultOwner);
  if (c.routing.length) {
    const asg = assigned.subarray(0, len).fill(0);
    for (const rule of c.routing)
      assignFirstTrue(
        ownB,
        asg,
        boolValues(evalColumn(rule.expr, t, builtins, asOfDays)),
        rule.owner,
      );
  }

  // 6. CTAs: trigger true (unknown does not fire) and applicable to the segment and stage; then
  // per dedupe key the highest priority (first listed on ties) survives.
  const firedB: Uint8Array[] = [];
  for (let j = 0; j < c.ctas.length; j++) {
    const cta = c.ctas[j];
    firedB.push(ctaFired[j].subarray(lo, hi));
    fireCta(
      boolValues(evalColumn(cta.expr, t, builtins, asOfDays)),
      cta.segmentMask,
      cta.stageMask,
      segB,
      stB,
      firedB[j],
    );
  }
  for (const order of dedupeOrders) keepFirstFired(firedB, order, len);
}

/** Share of the segment's total weight whose measure had a value (0 when the segment weighs nothing). */
function coverageOf(
  segB: Uint16Array,
  totalWeight: Float64Array,
  V: Float64Array,
  cov: Float64Array,
): void {
  for (let i = 0; i < cov.length; i++) {
    const tw = totalWeight[segB[i]];
    cov[i] = tw > 0 ? V[i] / tw : 0;
  }
}

/** Ready to advance (every required criterion of the current stage met) and on track / behind / stuck. */
function readinessAndProgress(
  stB: Int16Array,
  dB: Float64Array,
  met: Uint8Array[],
  expected: Float64Array,
  readyB: Uint8Array,
  progB: Uint8Array,
): void {
  for (let i = 0; i < stB.length; i++) {
    const s = stB[i];
    if (s < 0) {
      readyB[i] = 0;
      progB[i] = P_UNKNOWN;
      continue;
    }
    readyB[i] = met[s][i];
    const e = expected[s];
    const d = dB[i];
    progB[i] = e !== e || d !== d ? P_UNKNOWN : d > 2 * e ? P_STUCK : d > e ? P_BEHIND : P_ON_TRACK;
  }
}

/**
 * The table's column when a measure's expression is a bare number or date field: the result
 * shares it (ScoreResult's arrays may be the input table's; neither side writes to them).
 */
function plainNumberColumn(e: CheckedExpr, table: AccountTable): Float64Array | null {
  if (e.kind !== 'field' || (e.type !== 'number' && e.type !== 'date')) return null;
  const col = columnOf(table, e.id);
  return col && col.type === e.type && col.values.length === table.rowCount ? col.values : null;
}

/** The table's codes and dictionary when a measure's expression is a bare text or category field. */
function plainTextColumn(e: CheckedExpr, table: AccountTable): StringColumn | null {
  if (e.kind !== 'field' || e.type !== 'string') return null;
  const col = columnOf(table, e.id);
  return col && col.type === 'string' && col.codes.length === table.rowCount ? col : null;
}

/** raw[i] = the run's code of a block code (-1 stays missing). */
function recode(codes: Int32Array, runCode: Int32Array, raw: Int32Array): void {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    raw[i] = c < 0 ? -1 : runCode[c];
  }
}

/** Points by segment and dictionary code: lut[s * dict.length + code]. */
function categoryLut(norms: Normalisation[], d: readonly string[]): Float64Array {
  const lut = new Float64Array(norms.length * d.length);
  norms.forEach((nm, s) => {
    for (let code = 0; code < d.length; code++)
      lut[s * d.length + code] = categoryPoints(nm, d[code]);
  });
  return lut;
}

/** Raw values (0/1/NaN) and points of a boolean measure, through a lookup table. */
function boolMeasurePoints(
  col: Column,
  norms: Normalisation[],
  segArg: Uint16Array | null,
  raw: Float64Array,
  pts: Float64Array,
  invert: boolean,
): void {
  if (col.type === 'boolean') {
    const lut = new Float64Array(norms.length * 2);
    norms.forEach((nm, s) => {
      lut[s * 2] = nm.kind === 'category' ? categoryPoints(nm, 'false') : numericPoints(nm, 0);
      lut[s * 2 + 1] = nm.kind === 'category' ? categoryPoints(nm, 'true') : numericPoints(nm, 1);
    });
    boolPoints(col.values, lut, segArg, raw, pts);
  } else
    throw new Error(
      `engine: a measure's expression gave a ${col.type} column where its type says text or boolean`,
    );
  if (invert) invertColumn(pts);
}

/**
 * Bytes of the result arrays below (alignment slack and Arena.GAP each); `numRaw` / `textRaw`
 * count the raw columns of their own (the others are the table's).
 */
function resultBytes(
  c: CompiledPlaybook,
  n: number,
  contributions: boolean,
  numRaw: number,
  textRaw: number,
): number {
  const nCrit = c.stages.reduce((k, st) => k + st.criteria.length, 0);
  const f64 = numRaw + c.measures.length * (contributions ? 2 : 1) + c.dimensionIds.length + 3; // raw, points, (contribution), dimensions, total, coverage, days in stage
  const i32 = textRaw;
  const u16 = 3; // segment, stage, owner
  const u8 = 1 + nCrit + 3 + c.ctas.length; // colour, criteria, ready, progress, days source, CTAs
  const arrays = f64 + i32 + u16 + u8;
  return n * (8 * f64 + 4 * i32 + 2 * u16 + u8) + (8 + Arena.GAP) * arrays;
}

/**
 * Raw text values of a measure in one dictionary for the whole run: blocks may come back with
 * their own dictionaries (computed text), so codes are remapped into the run's dictionary.
 */
class RawDict {
  readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  private last: readonly string[] | null = null;
  private map = new Int32Array(0);
  /** The run's code of each code of a block's dictionary (kernels write raw codes through it). */
  codesOf(blockDict: readonly string[]): Int32Array {
    if (blockDict !== this.last || this.map.length !== blockDict.length) {
      this.last = blockDict;
      this.map = new Int32Array(blockDict.length);
      for (let i = 0; i < blockDict.length; i++) {
        let g = this.index.get(blockDict[i]);
        if (g === undefined) {
          g = this.dict.push(blockDict[i]) - 1;
          this.index.set(blockDict[i], g);
        }
        this.map[i] = g;
      }
    }
    return this.map;
  }
}

/**
 * One idle instance of each class scoreBlock reads, kept for the life of the module. The hidden
 * classes of class instances hang off weak transitions: if every instance dies between runs the
 * classes are collected, and optimised code built against them is discarded and rebuilt on the
 * next run (~50 ms of compiling per run, measured with --trace-deopt: "weak objects").
 */
const SHAPE_ANCHORS: readonly object[] = [new RawDict(), new Run({} as Run)];
void SHAPE_ANCHORS;

/** Stage index by code of the stage field's dictionary (-1 = not a stage id). */
function stageFieldMap(c: CompiledPlaybook, table: AccountTable): Int16Array | null {
  const src = c.stageSource;
  if (src.kind !== 'field') return null;
  const col = columnOf(table, src.stageField);
  if (!col || col.type !== 'string') return null;
  return Int16Array.from(col.dict, (s) => c.stages.findIndex((st) => st.id === s));
}

/** Stage from the stage field (with days since the entered-at date) or inferred from the criteria. */
function stages(
  c: CompiledPlaybook,
  t: AccountTable,
  map: Int16Array | null,
  met: Uint8Array[],
  asOfDays: number,
  stage: Int16Array,
  days: Float64Array,
): void {
  const n = stage.length;
  const src = c.stageSource;
  const nStages = c.stages.length;
  stage.fill(-1);
  days.fill(NaN);
  if (src.kind === 'field') {
    const col = columnOf(t, src.stageField);
    if (map && col && col.type === 'string') {
      const codes = col.codes;
      for (let i = 0; i < n; i++) stage[i] = codes[i] < 0 ? -1 : map[codes[i]];
    }
    const entered = src.enteredAtField ? columnOf(t, src.enteredAtField) : undefined;
    if (entered && entered.type === 'date') {
      const v = entered.values;
      for (let i = 0; i < n; i++) if (stage[i] >= 0) days[i] = asOfDays - v[i];
    }
  } else if (nStages > 0) {
    // Inferred: the first stage whose required exit criteria are not all met; past all → the last.
    for (let i = 0; i < n; i++) {
      let s = 0;
      while (s < nStages - 1 && met[s][i] === 1) s++;
      stage[i] = s;
    }
  }
}

/** CTA indices per dedupe key with more than one CTA, best first (priority, then playbook order). */
function dedupeGroups(c: CompiledPlaybook): number[][] {
  const groups = new Map<number, number[]>();
  c.ctas.forEach((cta, k) => {
    const g = groups.get(cta.dedupe);
    if (g) g.push(k);
    else groups.set(cta.dedupe, [k]);
  });
  return [...groups.values()]
    .filter((ks) => ks.length > 1)
    .map((ks) => [...ks].sort((a, b) => c.ctas[a].priorityRank - c.ctas[b].priorityRank));
}

function boolValues(col: Column): Uint8Array {
  if (col.type !== 'boolean') throw new Error(`engine: expected a boolean column, got ${col.type}`);
  return col.values;
}

function codesColumn(codes: Int32Array, idx: ArrayLike<number>, dict: string[]): StringColumn {
  for (let i = 0; i < codes.length; i++) codes[i] = idx[i];
  return { type: 'string', codes, dict };
}

function isoPlus(days: number, plus: number): string {
  return new Date((days + plus) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Fields of the contract the data has no column for read as missing in every row (the import
 * already warned about them), so expressions never meet an absent column.
 */
function withAllFields(table: AccountTable, c: CompiledPlaybook): AccountTable {
  const absent = c.playbook.fields.fields.filter((f) => !columnOf(table, f.id));
  if (!absent.length) return table;
  const n = table.rowCount;
  const columns = newColumns(table.columns);
  for (const f of absent) {
    if (f.type === 'boolean')
      columns[f.id] = { type: 'boolean', values: new Uint8Array(n).fill(MISSING_BOOL) };
    else if (f.type === 'string' || f.type === 'category')
      columns[f.id] = { type: 'string', codes: new Int32Array(n).fill(-1), dict: [] };
    else
      columns[f.id] = {
        type: f.type === 'date' ? 'date' : 'number',
        values: new Float64Array(n).fill(NaN),
      };
  }
  return { rowCount: n, columns };
}
