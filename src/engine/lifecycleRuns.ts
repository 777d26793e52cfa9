import {
  ctaLifecycle,
  lifecycleKey,
  type CtaEpisode,
  type FiredRun,
  type Lifecycle,
} from './lifecycle';
import { buildQueue, type Queue } from './ctaQueue';
import { isoToDays } from '../table/columns';
import { IdIndex } from '../util/idIndex';

/**
 * The CTA lifecycle (lifecycle.ts, same rules) computed from stored runs read column by column:
 * of each earlier run only its key list and the fired-CTA columns of the dedupe keys whose streak
 * is still open, newest first, stopping as soon as none is. Episodes are counted by row, not by a
 * string key per fired CTA: a million accounts cost a pass over a few byte columns per run, not
 * a Map of a million strings per run. Ids of the current run that repeat (a key the import
 * warned about) fall back to the string-keyed rule (ctaLifecycle), which merges them.
 */

/** An earlier stored run as the lifecycle reads it: lazily, one column at a time. */
export interface StoredFiredRun {
  asOf: string;
  ctas: { id: string; dedupeKey: string }[];
  /** Runs with the same non-null id list the same accounts in the same order. */
  keysId: string | null;
  accountIds(): Promise<readonly string[]>;
  /** CTA `k`'s fired flags by row (0/1). */
  fired(k: number): Promise<ArrayLike<number>>;
}

/** What the CTA tab draws and the queue export writes (compact: sent from the run worker). */
export interface RunLife {
  previousAsOf: string | null;
  /** As-of dates of the earlier runs read, newest first: a streak of `runs` began on dates[runs - 2]. */
  dates: string[];
  newCount: number;
  continuingCount: number;
  resolvedCount: number;
  /** The first 200 resolved CTAs (what the tab lists). */
  resolved: Lifecycle['resolved'];
  /**
   * By queue entry (buildQueue's order: CTA, then row): the consecutive runs the entry's CTA
   * (by account and dedupe key) fired in, this one included; 1 = new.
   */
  runs: Uint16Array;
}

export const RESOLVED_LISTED = 200;

/** The episode of queue entry `k` (undefined when it has none). */
export function entryEpisode(life: RunLife, k: number, asOf: string): CtaEpisode | undefined {
  const runs = life.runs[k];
  if (!runs) return undefined;
  const since = runs === 1 ? asOf : life.dates[runs - 2];
  // The run read just before the streak: it did not fire there (none when the streak reaches
  // the oldest run read).
  const before = life.dates[runs - 1] ?? null;
  return { since, runs, days: isoToDays(asOf) - isoToDays(since), isNew: runs === 1, before };
}

/** The queue entry of (row, CTA), or -1 when that CTA did not fire for that row. */
export function entryOf(q: Queue, row: number, cta: number): number {
  // Entries are sorted by CTA, then row: two binary searches.
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (q.cta[m] < cta || (q.cta[m] === cta && q.row[m] < row)) lo = m + 1;
    else hi = m;
  }
  return lo < q.length && q.cta[lo] === cta && q.row[lo] === row ? lo : -1;
}

/** Cached per current run: its id → row index (null: an id repeats) and alignments by key list. */
interface CurIndex {
  index: IdIndex | null;
  byKeys: Map<string, Int32Array | null>;
}
const indexes = new WeakMap<readonly string[], CurIndex>();
function curIndex(ids: readonly string[]): CurIndex {
  let c = indexes.get(ids);
  if (!c) {
    // A typed-array index, not a Map of a million strings (which was most of the worker's time).
    c = { index: IdIndex.of(ids), byKeys: new Map() };
    indexes.set(ids, c);
  }
  return c;
}

const REPEATS = Symbol('repeated ids');

/**
 * Earlier run's rows → current rows (-1: not in the current run); null when both list the same
 * accounts in the same order. REPEATS when an id repeats in the earlier run.
 */
async function alignment(
  cur: readonly string[],
  ci: CurIndex,
  prev: StoredFiredRun,
): Promise<Int32Array | null | typeof REPEATS> {
  if (prev.keysId !== null && ci.byKeys.has(prev.keysId)) return ci.byKeys.get(prev.keysId)!;
  const ids = await prev.accountIds();
  let out: Int32Array | null = null;
  let same = ids.length === cur.length;
  for (let i = 0; same && i < ids.length; i++) same = ids[i] === cur[i];
  if (!same) {
    out = new Int32Array(ids.length);
    const seen = new Uint8Array(cur.length);
    const gone = new Set<string>();
    for (let j = 0; j < ids.length; j++) {
      const i = ci.index!.get(ids[j]);
      out[j] = i;
      if (i >= 0) {
        if (seen[i]) return REPEATS;
        seen[i] = 1;
      } else {
        if (gone.has(ids[j])) return REPEATS;
        gone.add(ids[j]);
      }
    }
  }
  if (prev.keysId !== null) ci.byKeys.set(prev.keysId, out);
  return out;
}

/**
 * The lifecycle of `current` against the earlier runs `runAt(0)`, `runAt(1)`, … (newest first;
 * null ends the history: a run that is gone ends it, as it always did).
 */
export async function runLifecycle(
  current: FiredRun,
  runAt: (i: number) => Promise<StoredFiredRun | null>,
  queue: Queue = buildQueue(current),
): Promise<RunLife> {
  const ids = current.accountIds;
  const n = ids.length;
  const ci = curIndex(ids);
  if (!ci.index) return byStrings(current, runAt, queue);
  // Current CTAs grouped by dedupe key: one episode per account and key.
  const groupOf = new Map<string, number>();
  const members: number[][] = [];
  current.ctas.forEach((c, k) => {
    let g = groupOf.get(c.dedupeKey);
    if (g === undefined) groupOf.set(c.dedupeKey, (g = members.push([]) - 1));
    members[g].push(k);
  });
  const keys = [...groupOf.keys()];
  const fired: Uint8Array[] = members.map((ks) => {
    const f = new Uint8Array(n);
    for (const k of ks) {
      const col = current.ctaFired[k];
      for (let i = 0; i < n; i++) if (col[i]) f[i] = 1;
    }
    return f;
  });
  const runs = fired.map(() => new Uint16Array(n));
  // Rows of each group whose streak is still open.
  const alive = fired.map((f, g) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += f[i];
    const list = new Int32Array(m);
    m = 0;
    for (let i = 0; i < n; i++)
      if (f[i]) {
        list[m++] = i;
        runs[g][i] = 1;
      }
    return list;
  });
  const dates: string[] = [];
  let resolvedCount = 0;
  const resolved: Lifecycle['resolved'] = [];
  for (let p = 0; p === 0 || alive.some((a) => a.length > 0); p++) {
    const prev = await runAt(p);
    if (!prev) break;
    const align = await alignment(ids, ci, prev);
    if (align === REPEATS) return byStrings(current, runAt, queue);
    dates.push(prev.asOf);
    if (p === 0) {
      const r = await resolvedIn(prev, align, ids, groupOf, fired);
      resolvedCount = r.count;
      resolved.push(...r.listed);
    }
    for (let g = 0; g < keys.length; g++) {
      const list = alive[g];
      if (!list.length) continue;
      const ks: number[] = [];
      prev.ctas.forEach((c, k) => c.dedupeKey === keys[g] && ks.push(k));
      const cols = await Promise.all(ks.map((k) => prev.fired(k)));
      let on: ArrayLike<number>;
      if (align === null && cols.length === 1) on = cols[0];
      else {
        const a = new Uint8Array(n);
        for (const col of cols)
          for (let j = 0; j < col.length; j++) {
            const i = align === null ? j : align[j];
            if (col[j] && i >= 0) a[i] = 1;
          }
        on = a;
      }
      const rg = runs[g];
      let w = 0;
      for (let t = 0; t < list.length; t++) {
        const i = list[t];
        if (on[i]) {
          list[w++] = i;
          if (rg[i] < 0xffff) rg[i]++;
        }
      }
      alive[g] = list.subarray(0, w);
    }
  }
  const byEntry = new Uint16Array(queue.length);
  const ctaGroup = current.ctas.map((c) => groupOf.get(c.dedupeKey)!);
  for (let k = 0; k < queue.length; k++) byEntry[k] = runs[ctaGroup[queue.cta[k]]][queue.row[k]];
  let newCount = 0;
  let episodes = 0;
  for (let g = 0; g < keys.length; g++)
    for (let i = 0; i < n; i++)
      if (fired[g][i]) {
        episodes++;
        if (runs[g][i] === 1) newCount++;
      }
  return {
    previousAsOf: dates[0] ?? null,
    dates,
    newCount,
    continuingCount: episodes - newCount,
    resolvedCount,
    resolved,
    runs: byEntry,
  };
}

/**
 * CTAs (account × dedupe key) that fired in the previous run and not in this one, counted, and
 * the first RESOLVED_LISTED in the order the string-keyed rule lists them (by the earlier run's
 * CTA, then row; named by the last of its CTAs with that dedupe key that fired).
 */
async function resolvedIn(
  prev: StoredFiredRun,
  align: Int32Array | null,
  ids: readonly string[],
  groupOf: Map<string, number>,
  fired: Uint8Array[],
): Promise<{ count: number; listed: Lifecycle['resolved'] }> {
  const prevIds = align === null ? ids : await prev.accountIds();
  const m = prevIds.length;
  // Per dedupe key of the earlier run: its entry (+1) by row.
  const entryBy = new Map<string, Int32Array>();
  const rowOf: number[] = [];
  const keyOf: string[] = [];
  const ctaOf: number[] = [];
  for (let k = 0; k < prev.ctas.length; k++) {
    const dk = prev.ctas[k].dedupeKey;
    const col = await prev.fired(k);
    const g = groupOf.get(dk);
    const now = g === undefined ? null : fired[g];
    let at = entryBy.get(dk);
    if (!at) entryBy.set(dk, (at = new Int32Array(m)));
    for (let j = 0; j < m; j++) {
      if (!col[j]) continue;
      const i = align === null ? j : align[j];
      if (now && i >= 0 && now[i]) continue;
      if (at[j]) ctaOf[at[j] - 1] = k;
      else {
        at[j] = rowOf.push(j);
        keyOf.push(dk);
        ctaOf.push(k);
      }
    }
  }
  const listed = rowOf.slice(0, RESOLVED_LISTED).map((j, e) => ({
    accountId: prevIds[j],
    dedupeKey: keyOf[e],
    ctaId: prev.ctas[ctaOf[e]].id,
  }));
  return { count: rowOf.length, listed };
}

/** The string-keyed rule (ctaLifecycle) over whole fired columns: for runs whose ids repeat. */
async function byStrings(
  current: FiredRun,
  runAt: (i: number) => Promise<StoredFiredRun | null>,
  queue: Queue,
): Promise<RunLife> {
  const dates: string[] = [];
  let p = 0;
  const life = await ctaLifecycle(current, async () => {
    const prev = await runAt(p++);
    if (!prev) return null;
    dates.push(prev.asOf);
    return {
      asOf: prev.asOf,
      accountIds: [...(await prev.accountIds())],
      ctas: prev.ctas,
      ctaFired: await Promise.all(
        prev.ctas.map((_, k) => prev.fired(k).then((a) => Uint8Array.from(a))),
      ),
    };
  });
  return fromEpisodes(current, life, queue, dates);
}

/** A string-keyed lifecycle by queue entry. */
export function fromEpisodes(
  current: FiredRun,
  life: Lifecycle,
  queue: Queue,
  dates: string[],
): RunLife {
  const runs = new Uint16Array(queue.length);
  for (let k = 0; k < queue.length; k++) {
    const c = current.ctas[queue.cta[k]];
    const e = life.episodes.get(lifecycleKey(current.accountIds[queue.row[k]], c.dedupeKey));
    runs[k] = e ? Math.min(e.runs, 0xffff) : 0;
  }
  let newCount = 0;
  for (const e of life.episodes.values()) if (e.isNew) newCount++;
  return {
    previousAsOf: life.previousAsOf,
    dates,
    newCount,
    continuingCount: life.episodes.size - newCount,
    resolvedCount: life.resolved.length,
    resolved: life.resolved.slice(0, RESOLVED_LISTED),
    runs,
  };
}
