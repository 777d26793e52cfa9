import { ctaOwner, type ScoreResult } from '../../engine';
import { buildQueue, numberAt, queueSteps, type Queue } from '../../engine/ctaQueue';
import { mrrFieldOf, type FieldContract } from '../../model';
import type { AccountTable, Column } from '../../table/columns';
import { dictAt } from '../../table/packedDict';
import { columnOf } from '../../table/columns';
import { idAt } from '../../table/runIds';

// The queue itself and its CSV live in the engine (the export worker writes it).
export {
  buildQueue,
  numberAt,
  queueCsv,
  type Queue,
  type QueueLabels,
} from '../../engine/ctaQueue';

/**
 * A string cell as the page draws it: one value of the dictionary, read without decoding a
 * packed one whole (a reloaded dataset's names stay packed on the page: table/packedDict.ts).
 */
export function textAt(col: Column | undefined, row: number): string {
  if (!col || col.type !== 'string') return '';
  const c = col.codes[row];
  return c < 0 ? '' : dictAt(col, c);
}

const built = new WeakMap<ScoreResult, Queue>();
/** The run's queue, built once per run. */
export function queueOf(r: ScoreResult): Queue {
  let q = built.get(r);
  if (!q) built.set(r, (q = buildQueue(r)));
  return q;
}

/**
 * Build the run's queue when the page is idle (a run just arrived), so that opening the CTA tab
 * only filters it: building and filtering a million-account queue in the click's task took
 * ~100 ms. Built in steps of QUEUE_STEP_ROWS rows while each idle period lasts (in one idle
 * callback the whole build was one task of 50–200 ms after a reload); the CTA tab opened before
 * it is done builds it at once (queueOf). Returns a cancel.
 */
export function prepareQueue(r: ScoreResult): () => void {
  if (built.has(r)) return () => {};
  return idleSteps(
    queueSteps(r, QUEUE_STEP_ROWS),
    () => built.has(r),
    (q) => built.set(r, q),
  );
}

/**
 * Run `steps` while the page is idle, at most QUEUE_SLICE_MS of them per idle callback (an idle
 * period may last 50 ms, and a 50 ms task on a loaded machine's main thread takes 100 ms or
 * more of wall time), then hand their value to `done`; stops early once `had` holds (the value
 * was made another way meanwhile). Returns a cancel.
 */
export function idleSteps<T>(
  steps: Generator<void, T, void>,
  had: () => boolean,
  done: (value: T) => void,
): () => void {
  let stopped = false;
  const step = (more: () => boolean) => {
    if (stopped || had()) return;
    do {
      const s = steps.next();
      if (s.done) {
        done(s.value);
        return;
      }
    } while (more());
    later();
  };
  let cancel = () => {};
  const later = () => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(
        (d) => {
          const end = performance.now() + QUEUE_SLICE_MS;
          step(() => d.timeRemaining() > 2 && performance.now() < end);
        },
        { timeout: 1000 },
      );
      cancel = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(() => step(() => false), 0);
      cancel = () => clearTimeout(id);
    }
  };
  later();
  return () => {
    stopped = true;
    cancel();
  };
}

/** The run's queue is built already (by queueOf or prepareQueue). */
export function queueBuilt(r: ScoreResult): boolean {
  return built.has(r);
}

/** Longest stretch of steps in one idle callback (idleSteps), ms. */
export const QUEUE_SLICE_MS = 8;

/** Rows of one CTA's column per step of the idle-time queue build. */
export const QUEUE_STEP_ROWS = 1 << 16;

/** The numeric field holding MRR, if the contract declares or has one (model/fields.ts). */
export function mrrField(contract: FieldContract): string | null {
  return mrrFieldOf(contract);
}

/** The CTA's owner: the person from its owner field, else its role, else the routed owner. */
export function ownerOf(r: ScoreResult, cta: number, row: number): string {
  return ctaOwner(r, cta, row);
}

export interface QueueFilter {
  /** Lifecycle: open (default: not done/snoozed/dismissed), new since the last run, continuing, marked, all. */
  status?: 'open' | 'new' | 'continuing' | 'marked' | 'all';
  type?: string;
  owner?: string;
  priority?: string;
  search?: string;
  sort: 'priority' | 'mrr' | 'score' | 'due';
}

const PRIORITY = { high: 0, medium: 1, low: 2 } as const;

/** The lifecycle as the queue filter reads it (useLifecycle's LifeView and the marks). */
export interface QueueLifeFilter {
  /** By queue entry: the consecutive runs its CTA fired in (1: new since the last run). */
  runs: ArrayLike<number>;
  /** Rows of accounts with a mark: only their entries are asked `marked` (marks are few). */
  markedRows: ReadonlySet<number>;
  /** Whether entry `k` (row, CTA index) has an active mark. */
  marked: (row: number, cta: number, k: number) => boolean;
}

/**
 * Indices into the queue that pass the filter, sorted. Typed arrays and per-CTA tests only, no
 * object or closure per entry: a million-entry queue is filtered on the page when the tab opens
 * and on every filter change (a call and an object per entry took the page ~100 ms).
 */
export function filterQueue(
  q: Queue,
  r: ScoreResult,
  table: AccountTable,
  contract: FieldContract,
  f: QueueFilter,
  /**
   * The lifecycle; null while it is being read (only "open" then shows entries, all of them);
   * absent: no status filter at all.
   */
  life?: QueueLifeFilter | null,
): Int32Array {
  const steps = filterQueueSteps(q, r, table, contract, f, life, Infinity);
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}

/** Queue entries per step of filterQueueSteps (filtering, then merging). */
export const FILTER_STEP_ENTRIES = 1 << 15;

/**
 * filterQueue in steps: yields after every `entries` entries filtered and every `entries`
 * entries merged into the priority / due order, returns the same indices. The CTA tab runs it
 * a few steps per task (useSteps), so a million-entry queue's filter is not one task of the
 * page (50–100 ms on a loaded machine, 250 ms traced). The MRR and score sorts' comparator
 * sort is one step.
 */
export function* filterQueueSteps(
  q: Queue,
  r: ScoreResult,
  table: AccountTable,
  contract: FieldContract,
  f: QueueFilter,
  life?: QueueLifeFilter | null,
  entries: number = FILTER_STEP_ENTRIES,
): Generator<void, Int32Array, void> {
  const nameCol = contract.nameField ? columnOf(table, contract.nameField) : undefined;
  const mrrCol = (() => {
    const m = mrrField(contract);
    return m ? columnOf(table, m) : undefined;
  })();
  const needle = f.search?.trim().toLowerCase() ?? '';
  // What depends on the CTA alone, tested once per CTA. Its label matching the search lets
  // every entry of it through the search.
  const ctaPass = r.ctas.map(
    (info) => (!f.type || info.type === f.type) && (!f.priority || info.priority === f.priority),
  );
  const labelHit = r.ctas.map((info) => !!needle && info.label.toLowerCase().includes(needle));
  const st = f.status ?? 'open';
  if (life === null && st !== 'open' && st !== 'all') return new Int32Array(0);
  const runs = life && st !== 'all' ? life.runs : null;
  const out = new Int32Array(q.length);
  let w = 0;
  let pause = entries;
  for (let k = 0; k < q.length; k++) {
    if (k === pause) {
      pause += entries;
      yield;
    }
    const c = q.cta[k];
    if (!ctaPass[c]) continue;
    const i = q.row[k];
    if (runs) {
      const marked = life!.markedRows.has(i) && life!.marked(i, c, k);
      if (st === 'marked' ? !marked : marked) continue;
      if (st === 'new' && runs[k] !== 1) continue;
      if (st === 'continuing' && runs[k] === 1) continue;
    }
    if (f.owner && ownerOf(r, c, i) !== f.owner) continue;
    if (
      needle &&
      !labelHit[c] &&
      !(
        idAt(r, i).toLowerCase().includes(needle) ||
        textAt(nameCol, i).toLowerCase().includes(needle)
      )
    )
      continue;
    out[w++] = k;
  }
  const kept = out.subarray(0, w);
  // The priority and due-date sorts' key: a CTA's alone.
  const ctaKey = (c: number): number =>
    f.sort === 'due'
      ? r.ctas[c].dueInDays * 10 + PRIORITY[r.ctas[c].priority]
      : PRIORITY[r.ctas[c].priority] * 1e6 + r.ctas[c].dueInDays;
  if (f.sort !== 'mrr' && f.sort !== 'score') return yield* byCtaKey(q, kept, ctaKey, entries);
  yield;
  const keys = new Float64Array(q.length);
  pause = entries;
  for (let j = 0; j < w; j++) {
    if (j === pause) {
      pause += entries;
      yield;
    }
    const k = kept[j];
    const v = f.sort === 'mrr' ? -numberAt(mrrCol, q.row[k]) : r.total[q.row[k]];
    keys[k] = Number.isNaN(v) ? Infinity : v;
  }
  yield;
  const sorted = Array.from(kept).sort((a, b) => keys[a] - keys[b] || q.row[a] - q.row[b]);
  return Int32Array.from(sorted);
}

/**
 * `out` (queue entries in queue order: by CTA, then row) ordered by a key that depends on the
 * CTA only, then by row, ties in CTA order — what the stable comparator sort gives, without
 * sorting: each CTA's entries are already by row, so CTAs of one key are merged by row (a sort
 * of a million-entry queue on the page took ~50–150 ms).
 */
function* byCtaKey(
  q: Queue,
  out: Int32Array,
  keyOf: (c: number) => number,
  entries: number,
): Generator<void, Int32Array, void> {
  yield;
  const res = new Int32Array(out.length);
  // Each CTA's entries form one run of `out`.
  const runs = new Map<number, [number, number]>();
  for (let t = 0; t < out.length;) {
    const c = q.cta[out[t]];
    let e = t + 1;
    while (e < out.length && q.cta[out[e]] === c) e++;
    runs.set(c, [t, e]);
    t = e;
  }
  const cs = [...runs.keys()].sort((a, b) => keyOf(a) - keyOf(b) || a - b);
  let w = 0;
  let pause = entries;
  for (let g = 0; g < cs.length;) {
    let h = g + 1;
    while (h < cs.length && keyOf(cs[h]) === keyOf(cs[g])) h++;
    const at = cs.slice(g, h).map((c) => [...runs.get(c)!]);
    for (;;) {
      if (w >= pause) {
        pause = w + entries;
        yield;
      }
      let best = -1;
      for (let m = 0; m < at.length; m++)
        if (at[m][0] < at[m][1] && (best < 0 || q.row[out[at[m][0]]] < q.row[out[at[best][0]]]))
          best = m;
      if (best < 0) break;
      res[w++] = out[at[best][0]++];
    }
    g = h;
  }
  return res;
}
