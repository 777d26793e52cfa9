import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable, selectRows, trend } from '../../engine';
import { demoPlaybook } from '../../engine/testing/demo';
import { generateDemoTable } from '../../data/demo/generate';
import { isoToDays, type AccountTable, type Column } from '../../table/columns';
import {
  filterRows,
  hasTextRanks,
  rowSource,
  sortByKeys,
  sortRows,
  textCollator,
  type RowSource,
} from './accountRows';
import { collationRanks } from './collationRanks';
import { placeSelection, SORT_KEYS, type AccountFilter, type LiveSelection } from './place';
import { numberAt, textAt } from './queue';
import { detach, SpareBuffers } from '../../workers/pieces';
import { packedDecodeCount, packedPartsColumn, packedPartsOf } from '../../table/packedDict';
import { packStrings } from '../../store/datasets';
import { slicePacked } from '../../workers/datasetLoad';
import {
  inOrder,
  KeptOrder,
  queryFilter,
  queryRows,
  splitRun,
  withLabels,
  RowQueryServer,
  INPUT_HOLD_MS,
  WARM_WAIT_MS,
  warmPhases,
  warmSteps,
  type Ranker,
  type RowQueryArgs,
  type RowQueryResponse,
} from './rowQuery';

/**
 * The worker's answers against the table's definitions: the filters and sort as they were
 * written before the worker existed (a comparator with Intl.Collator on every comparison, a
 * lowercase per row and keystroke) are the oracle here, so the rank-based sort and the
 * dictionary search can only be faster, never different.
 */
const pb = demoPlaybook();
const c = compilePlaybook(pb);
if (!c.ok) throw new Error('demo playbook does not compile');
const table = generateDemoTable({ rows: 3000, seed: 5 });
// Awkward text: empty names, case, numbers inside ids ("A2" before "A10"), duplicates.
const names = table.columns[pb.fields.nameField!];
if (names.type !== 'string') throw new Error('name is not a string column');
names.dict.push('', 'acme 10', 'ACME 9', 'Ümlaut', 'acme 10 ');
for (let i = 0; i < table.rowCount; i += 7) names.codes[i] = names.dict.length - 1 - (i % 5);
for (let i = 3; i < table.rowCount; i += 11) names.codes[i] = -1;
const r = scoreTable(c.compiled, table, { asOf: '2026-10-01' });
for (let i = 0; i < r.rowCount; i += 13) r.accountIds[i] = `a${i % 40}`;
const prev = scoreTable(c.compiled, generateDemoTable({ rows: 2500, seed: 5 }), {
  asOf: '2026-09-01',
});
const tr = trend(r, prev);
const segLabel = (id: string) => (id.length % 2 ? `Z ${id}` : `a ${id}`);
const stageLabel = (id: string) => `T ${id}`;
const src = rowSource(r, tr, table, pb.fields, segLabel, stageLabel);

/** The filters row by row, by the ids' names (no codes, no loop shared with filterRows). */
function plainFilter(s: RowSource, f: AccountFilter): number[] {
  const { r } = s;
  const asOf = isoToDays(r.asOf);
  const out: number[] = [];
  for (let i = 0; i < r.rowCount; i++) {
    if (f.color !== undefined) {
      const c = r.color[i];
      if (f.color === 'none' ? c !== -1 : c < 0 || r.colorIds[c] !== f.color) continue;
    }
    if (f.segment !== undefined && r.segmentIds[r.segment[i]] !== f.segment) continue;
    if (f.stage !== undefined) {
      const t = r.stage[i];
      if (f.stage === 'none' ? t !== -1 : t < 0 || r.stageIds[t] !== f.stage) continue;
    }
    if (f.owner !== undefined && f.owner !== '' && r.ownerIds[r.owner[i]] !== f.owner) continue;
    if (f.renewal) {
      const d = numberAt(s.renewal, i) - asOf;
      if (!(d >= 0 && d <= f.renewal)) continue;
    }
    out.push(i);
  }
  return out;
}

function oracleFilter(s: RowSource, f: AccountFilter): number[] {
  const base = plainFilter(s, f);
  const needle = f.q?.trim().toLowerCase() ?? '';
  return [...base].filter(
    (i) =>
      !needle ||
      s.r.accountIds[i].toLowerCase().includes(needle) ||
      textAt(s.name, i).toLowerCase().includes(needle),
  );
}

function oracleSort(s: RowSource, rows: number[], key: string, dir: 'asc' | 'desc'): number[] {
  const { r } = s;
  const sign = dir === 'asc' ? 1 : -1;
  const coll = new Intl.Collator(undefined, { numeric: true });
  const text: Record<string, (i: number) => string> = {
    account: (i) => r.accountIds[i],
    company: (i) => textAt(s.name, i),
    segment: (i) => s.segmentLabel(r.segmentIds[r.segment[i]]),
    stage: (i) => (r.stage[i] < 0 ? '' : s.stageLabel(r.stageIds[r.stage[i]])),
    owner: (i) => r.ownerIds[r.owner[i]],
  };
  const num: Record<string, (i: number) => number> = {
    score: (i) => r.total[i],
    trend: (i) => (s.trend ? s.trend.delta[i] : NaN),
    ctas: (i) => s.ctaCount[i],
    mrr: (i) => numberAt(s.mrr, i),
    renewal: (i) => numberAt(s.renewal, i),
  };
  if (text[key])
    return rows.slice().sort((a, b) => {
      const x = text[key](a),
        y = text[key](b);
      if (!x || !y) return !x ? (!y ? a - b : 1) : -1;
      return sign * coll.compare(x, y) || a - b;
    });
  return rows.slice().sort((a, b) => {
    const x = num[key](a),
      y = num[key](b);
    if (Number.isNaN(x) || Number.isNaN(y))
      return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
    return x === y ? a - b : sign * (x - y);
  });
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) as number;
}

function randomQuery(rand: () => number): RowQueryArgs {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const filter: AccountFilter = {};
  if (rand() < 0.3) filter.color = pick([...r.colorIds, 'none']);
  if (rand() < 0.3) filter.segment = pick(r.segmentIds);
  if (rand() < 0.3) filter.stage = pick([...r.stageIds, 'none']);
  if (rand() < 0.2) filter.owner = pick(r.ownerIds);
  if (rand() < 0.2) filter.renewal = pick([30, 90, 365]);
  if (rand() < 0.5) filter.q = pick(['acme', 'A1', ' ümlaut ', '10', 'zzz', 'a3', 'Co']);
  let live: LiveSelection | undefined;
  if (rand() < 0.25) live = pick<LiveSelection>([{ ready: true }, { progress: 'stuck' }]);
  const sort =
    rand() < 0.8
      ? { key: pick(SORT_KEYS), dir: rand() < 0.5 ? ('asc' as const) : ('desc' as const) }
      : undefined;
  return {
    filter,
    live,
    sort,
    segmentLabels: r.segmentIds.map(segLabel),
    stageLabels: r.stageIds.map(stageLabel),
  };
}

function oracle(q: RowQueryArgs): number[] {
  let rows = oracleFilter(src, q.filter);
  if (q.live) {
    const keep = new Set(selectRows(r, placeSelection({ filter: q.filter, live: q.live })));
    rows = rows.filter((i) => keep.has(i));
  }
  return q.sort ? oracleSort(src, rows, q.sort.key, q.sort.dir) : rows;
}

const tick = () => new Promise((res) => setTimeout(res, 0));

/**
 * A ranker the test drives: each ranking records its state (running, paused, cancelled, done)
 * and finishes (collationRanks, or its reverse) or fails when told.
 */
function fakeRanker(reversed = false) {
  const made: {
    values: readonly string[];
    state: 'running' | 'paused' | 'cancelled' | 'done';
    finish: () => void;
    fail: () => void;
  }[] = [];
  const ranker: Ranker = (values) => {
    let settle: { ok: (r: Int32Array) => void; no: (e: Error) => void } | null = null;
    const ranks = new Promise<Int32Array>((ok, no) => (settle = { ok, no }));
    const m: (typeof made)[number] = {
      values,
      state: 'running',
      finish: () => {
        if (m.state !== 'cancelled') m.state = 'done';
        const rank = collationRanks([...values], textCollator());
        settle!.ok(reversed ? rank.map((x) => (x < 0 ? x : values.length - x)) : rank);
      },
      fail: () => settle!.no(new Error('no worker')),
    };
    made.push(m);
    const set = (s: 'running' | 'paused') => {
      if (m.state === 'running' || m.state === 'paused') m.state = s;
    };
    return {
      ranks,
      pause: () => set('paused'),
      resume: () => set('running'),
      cancel: () => {
        m.state = 'cancelled';
      },
    };
  };
  return { ranker, made };
}

/** A server on the far side of a structured clone, as the worker is. */
function serve(
  ranker?: Ranker,
  rankAheadMin = 1,
  source: RowSource = src,
  loadNow?: () => void,
  keptOrderMinShare?: number,
) {
  const got: RowQueryResponse[] = [];
  const tasks: (() => void)[] = [];
  /** The quiet wait after an answer before the ranker resumes: armed (the latest), or null. */
  const idle: { fire: (() => void) | null } = { fire: null };
  const server = new RowQueryServer(
    (m, transfer) => {
      // Copied, then what the worker transferred is zeroed (no longer its own; a clone with
      // `transfer` here does not detach it): an answer sharing memory the server keeps shows.
      got.push(structuredClone(m));
      for (const b of transfer ?? []) new Uint8Array(b as ArrayBuffer).fill(0);
    },
    (f) => tasks.push(f),
    ranker,
    rankAheadMin,
    (f) => {
      const me = () => {
        if (idle.fire === me) idle.fire = null;
        f();
      };
      idle.fire = me;
      return () => {
        if (idle.fire === me) idle.fire = null;
      };
    },
    keptOrderMinShare,
  );
  const load = () => {
    const { skeleton, pieces } = splitRun(source);
    server.handle(structuredClone({ type: 'hold' as const, skeleton, pieces: pieces.length }));
    for (const p of pieces) {
      const { piece, transfer } = detach(p);
      server.handle(structuredClone({ type: 'piece' as const, piece }, { transfer }));
    }
  };
  (loadNow ?? load)();
  // The search index is built once the run is in (the worker's first idle task).
  const flush = () => {
    while (tasks.length) tasks.splice(0).forEach((f) => f());
  };
  /** Query `id` asked and every task run: the rows answered (an answer of another kind fails). */
  const ask = (id: number, q: RowQueryArgs): number[] => {
    server.handle({ type: 'query', id, ...q });
    flush();
    const m = got.pop()!;
    expect(m.type, JSON.stringify(q)).toBe('rows');
    return [...(m as Extract<RowQueryResponse, { type: 'rows' }>).rows];
  };
  return { server, got, flush, ask, idle, load, step: () => tasks.shift()?.() };
}

describe('row query (the account table off the main thread)', () => {
  it('the page keeps its own columns when a run is packed for the worker', () => {
    const before = r.total[5];
    serve();
    expect(r.total.length).toBe(r.rowCount);
    expect(r.total[5]).toBe(before);
  });

  it('a name column still packed on the page (a reloaded dataset) goes as its slices: same answers, nothing decoded on the page', () => {
    if (names.type !== 'string') throw new Error('name is not a string column');
    const packed = packedPartsColumn(names.codes, slicePacked(packStrings(names.dict), 97));
    const before = packedDecodeCount();
    const { ask } = serve(undefined, 1, { ...src, name: packed });
    expect(packedDecodeCount()).toBe(before);
    expect(packedPartsOf(packed)).not.toBeNull();
    const rand = rng(7);
    for (let k = 1; k <= 60; k++) {
      const q = k % 3 ? randomQuery(rand) : { ...randomQuery(rand), filter: { q: 'acme 1' } };
      expect(ask(k, q), JSON.stringify(q)).toEqual(oracle(q));
    }
    expect(packedDecodeCount()).toBe(before);
  });

  it.each([
    ['sliced (1,000-byte slices, 1,000-byte buffers)', 1000, 1000],
    ['whole (arrays under 32 KB, 32 KB buffers)', 1 << 20, 32768],
  ])(
    'a run sent through spare buffers (handed back by the worker and reused) gives the same answers: %s',
    (_, sliceBytes, bufferBytes) => {
      const { server, got, ask } = serve(undefined, 1, src, () => undefined);
      // A pool of 3 buffers: most pieces go in a reused one.
      const { skeleton, pieces } = splitRun(src, sliceBytes);
      const spares = new SpareBuffers(bufferBytes, 3);
      let made = 0;
      server.handle(structuredClone({ type: 'hold' as const, skeleton, pieces: pieces.length }));
      for (const p of pieces) {
        if ('array' in p && p.array.byteLength <= bufferBytes && spares.size === 0) made++;
        const { piece, transfer } = spares.detach(p);
        server.handle(structuredClone({ type: 'piece' as const, piece }, { transfer }));
        // The worker's answers as they come: the spare buffers go back to the pool.
        for (const m of got.splice(0))
          if (m.type === 'spare') spares.give(m.buffer);
          else got.push(m);
      }
      expect(pieces.filter((p) => 'array' in p).length).toBeGreaterThan(20);
      expect(made).toBe(1);
      const rand = rng(11);
      for (let k = 1; k <= 60; k++) {
        const q = randomQuery(rand);
        expect(ask(k, q), JSON.stringify(q)).toEqual(oracle(q));
      }
    },
  );

  it('sorting by every column equals the collator comparator, ties in table order', () => {
    const all = [...filterRows(src, {})];
    for (const key of SORT_KEYS)
      for (const dir of ['asc', 'desc'] as const)
        expect([...sortRows(src, Int32Array.from(all), key, dir)], `${key} ${dir}`).toEqual(
          oracleSort(src, all, key, dir),
        );
  });

  it('the worker answers 120 random queries exactly as the pure functions do', () => {
    const { ask } = serve();
    const rand = rng(42);
    for (let k = 1; k <= 120; k++) {
      const q = randomQuery(rand);
      const rows = ask(k, q);
      expect(rows, JSON.stringify(q)).toEqual(oracle(q));
      expect(rows).toEqual([...queryRows(src, q)]);
    }
  });

  it('after a sort of every row, any filter and search comes in its kept order, as a fresh sort would', () => {
    const rand = rng(29);
    const labels = {
      segmentLabels: r.segmentIds.map(segLabel),
      stageLabels: r.stageIds.map(stageLabel),
    };
    const s = withLabels(src, labels.segmentLabels, labels.stageLabels);
    for (const key of SORT_KEYS)
      for (const dir of ['asc', 'desc'] as const) {
        const sort = { key, dir };
        // Every share taken from the kept order (0), and the default (small answers sorted).
        for (const minShare of [0, undefined]) {
          const kept = new KeptOrder(minShare);
          const all = { filter: {}, sort, ...labels };
          expect([...kept.sort(s, all, queryFilter(src, all))]).toEqual(oracle(all));
          for (let k = 0; k < 8; k++) {
            const q = { ...randomQuery(rand), sort };
            expect([...kept.sort(s, q, queryFilter(src, q))], JSON.stringify(q)).toEqual(oracle(q));
          }
          // The clear: the kept order itself, not sorted again.
          expect([...kept.sort(s, all, queryFilter(src, all))]).toEqual(oracle(all));
          if (minShare === 0) expect(kept.sorts, `${key} ${dir}`).toBe(1);
        }
      }
    // Other labels (another language) sort the label columns anew.
    const kept = new KeptOrder(0);
    const sort = { key: 'segment' as const, dir: 'asc' as const };
    kept.sort(s, { sort, ...labels }, queryFilter(src, { filter: {} }));
    const other = (id: string) => `${id.length % 2 ? 'a' : 'Z'} ${id}`;
    const s2 = withLabels(src, r.segmentIds.map(other), labels.stageLabels);
    const q2 = { sort, segmentLabels: r.segmentIds.map(other), stageLabels: labels.stageLabels };
    expect([...kept.sort(s2, q2, queryFilter(src, { filter: {} }))]).toEqual(
      oracleSort({ ...src, segmentLabel: other }, oracleFilter(src, {}), 'segment', 'asc'),
    );
    expect(kept.sorts).toBe(2);
    const keep = new Uint8Array(5);
    expect([
      ...inOrder(Int32Array.from([4, 2, 0, 3, 1]), Int32Array.from([1, 2, 4]), keep),
    ]).toEqual([4, 2, 1]);
    expect([...keep]).toEqual([0, 0, 0, 0, 0]);
  });

  it('the worker answers 120 random queries with sorts of every row between them as the oracle does', () => {
    const rand = rng(7);
    for (const minShare of [0, 0.2]) {
      const { ask } = serve(undefined, 1, src, undefined, minShare);
      for (let k = 1; k <= 120; k++) {
        const q0 = randomQuery(rand);
        // One sort for 12 queries, then another; every third query with no filter (the kept
        // order made, then taken again: what the page is given must not be the kept order).
        const sort = {
          key: (['renewal', 'company', 'segment', 'score'] as const)[Math.floor(k / 12) % 4],
          dir: Math.floor(k / 48) % 2 ? ('desc' as const) : ('asc' as const),
        };
        const q = k % 3 ? { ...q0, sort } : { ...q0, filter: {}, live: undefined, sort };
        const rows = ask(k, q);
        expect(rows, JSON.stringify(q)).toEqual(oracle(q));
      }
    }
  });

  it("a new run's sort never comes from the old run's kept order", () => {
    const { server, got, flush } = serve(undefined, 1, src, undefined, 0);
    const sort = { key: 'score' as const, dir: 'asc' as const };
    server.handle({ type: 'query', id: 1, filter: {}, sort, segmentLabels: [], stageLabels: [] });
    flush();
    const t2 = generateDemoTable({ rows: 3000, seed: 11 });
    const r2 = scoreTable(c.compiled, t2, { asOf: '2026-10-01' });
    const src2 = rowSource(r2, null, t2, pb.fields, segLabel, stageLabel);
    const { skeleton, pieces } = splitRun(src2);
    server.handle(structuredClone({ type: 'hold' as const, skeleton, pieces: pieces.length }));
    for (const p of pieces) {
      const { piece, transfer } = detach(p);
      server.handle(structuredClone({ type: 'piece' as const, piece }, { transfer }));
    }
    for (const [id, filter] of [
      [2, {}],
      [3, { color: r2.colorIds[0] }],
    ] as const) {
      server.handle({ type: 'query', id, filter, sort, segmentLabels: [], stageLabels: [] });
      flush();
      expect([...(got.pop() as Extract<RowQueryResponse, { type: 'rows' }>).rows]).toEqual(
        oracleSort(src2, oracleFilter(src2, filter), 'score', 'asc'),
      );
    }
  });

  it('a search finds ids and names in any case; renewal windows count from the run date', () => {
    const rows = [...queryRows(src, { filter: { q: 'ACME 1' } })];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((i) => textAt(src.name, i).toLowerCase().includes('acme 1'))).toBe(true);
    const asOf = isoToDays(r.asOf);
    const w = [...queryRows(src, { filter: { renewal: 30 } })];
    expect(w.every((i) => numberAt(src.renewal, i) - asOf <= 30)).toBe(true);
  });

  it('queries sent while one waits are superseded: only the newest is computed', () => {
    const { server, got, flush } = serve();
    const q = (id: number, text: string) =>
      server.handle({ type: 'query', id, filter: { q: text }, segmentLabels: [], stageLabels: [] });
    q(1, 'a');
    q(2, 'ac');
    q(3, 'acm');
    flush();
    expect(got.map((m) => `${m.id}:${m.type}`)).toEqual(['1:superseded', '2:superseded', '3:rows']);
    const rows = (got[2] as Extract<RowQueryResponse, { type: 'rows' }>).rows;
    expect([...rows]).toEqual(oracleFilter(src, { q: 'acm' }));
  });

  it('a query replaced between its filter and its sort is dropped before the sort', () => {
    const { server, got, flush, step } = serve();
    flush();
    const sorted = (id: number, text: string) =>
      server.handle({
        type: 'query',
        id,
        filter: { q: text },
        sort: { key: 'company', dir: 'desc' },
        segmentLabels: [],
        stageLabels: [],
      });
    sorted(1, 'a');
    // One task: query 1 is filtered, its sort waits for the next task.
    step();
    expect(got).toEqual([]);
    sorted(2, 'ac');
    flush();
    expect(got.map((m) => `${m.id}:${m.type}`)).toEqual(['1:superseded', '2:rows']);
    const rows = [...(got[1] as Extract<RowQueryResponse, { type: 'rows' }>).rows];
    expect(rows).toEqual(oracleSort(src, oracleFilter(src, { q: 'ac' }), 'company', 'desc'));
  });

  it('queries sent before the last piece of the run are answered once it is in', () => {
    const got: RowQueryResponse[] = [];
    const tasks: (() => void)[] = [];
    const server = new RowQueryServer(
      (m, transfer) => got.push(structuredClone(m, { transfer })),
      (f) => tasks.push(f),
    );
    const { skeleton, pieces } = splitRun(src);
    expect(pieces.length).toBeGreaterThan(5);
    server.handle({ type: 'hold', skeleton: structuredClone(skeleton), pieces: pieces.length });
    server.handle({
      type: 'query',
      id: 1,
      filter: { q: 'a1' },
      segmentLabels: [],
      stageLabels: [],
    });
    for (const p of pieces.slice(0, -1)) server.handle({ type: 'piece', piece: detach(p).piece });
    while (tasks.length) tasks.splice(0).forEach((f) => f());
    expect(got).toEqual([]);
    server.handle({ type: 'piece', piece: detach(pieces[pieces.length - 1]).piece });
    while (tasks.length) tasks.splice(0).forEach((f) => f());
    expect(got.map((m) => `${m.id}:${m.type}`)).toEqual(['1:rows']);
    const rows = [...(got[0] as Extract<RowQueryResponse, { type: 'rows' }>).rows];
    expect(rows).toEqual(oracleFilter(src, { q: 'a1' }));
  });

  it('an account id holding the index separator is found as itself, never across two ids', () => {
    const bad: AccountTable = generateDemoTable({ rows: 5, seed: 1 });
    const r2 = scoreTable(c.compiled, bad, { asOf: '2026-10-01' });
    r2.accountIds[2] = 'x\u0000y';
    r2.accountIds[3] = 'Yz';
    const s2 = rowSource(r2, null, bad, pb.fields, segLabel, stageLabel);
    for (const q of ['x', 'y', 'x\u0000y', 'y\u0000y', 'yz', 'x\u0000'])
      expect([...queryRows(s2, { filter: { q } })], JSON.stringify(q)).toEqual(
        oracleFilter(s2, { q }),
      );
  });

  it('the filters equal a plain row-by-row filter, the renewal window to its last day, with and without a search', () => {
    const asOf = isoToDays(r.asOf);
    const days = [...filterRows(src, {})]
      .map((i) => numberAt(src.renewal, i) - asOf)
      .filter((d) => d > 0);
    expect(days.length).toBeGreaterThan(100);
    const rand = rng(17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    let renewalRows = 0;
    const firstName = (src.name as { dict: string[] }).dict[0].slice(0, 6);
    for (let k = 0; k < 200; k++) {
      const f: AccountFilter = {};
      if (rand() < 0.4) f.color = pick([...r.colorIds, 'none']);
      if (rand() < 0.4) f.segment = pick(r.segmentIds);
      if (rand() < 0.4) f.stage = pick([...r.stageIds, 'none']);
      if (rand() < 0.3) f.owner = pick(r.ownerIds);
      // A window ending on some row's own day: that row is in it.
      if (rand() < 0.5) f.renewal = pick(days);
      // The first name's own text too (its code is 0).
      if (rand() < 0.3) f.q = pick(['a1', '10', 'Co', 'zzz', firstName]);
      const got = [...filterRows(src, f)];
      expect(got, JSON.stringify(f)).toEqual(oracleFilter(src, f));
      if (f.renewal && !f.q) renewalRows += got.length;
    }
    expect(renewalRows).toBeGreaterThan(0);
    // A row named by the dictionary's first name (code 0), found by its name with its own
    // segment chosen.
    const col = src.name as Extract<Column, { type: 'string' }>;
    const codes = Int32Array.from(col.codes);
    const row = 40;
    codes[row] = 0;
    const s0: RowSource = { ...src, name: { ...col, codes } };
    const f: AccountFilter = { segment: r.segmentIds[r.segment[row]], q: firstName };
    expect(filterRows(s0, f)).toContain(row);
    expect([...filterRows(s0, f)]).toEqual(oracleFilter(s0, f));
  });

  it.each([
    ['packed ranks', Infinity],
    ['radix', 0],
  ])('the %s sort equals the comparator: -0 and 0 one key, NaN last, ties by row', (_, min) => {
    const rand = rng(7);
    const pool = [
      0,
      -0,
      NaN,
      -NaN,
      1.5,
      -2,
      1e300,
      -1e300,
      -Infinity,
      Infinity,
      3,
      3 + 1e-12,
      5e-324,
      -5e-324,
      2 ** 40 + 1,
    ];
    for (let t = 0; t < 80; t++) {
      const n = 1 + Math.floor(rand() * (t < 70 ? 300 : 20_000));
      const keys = Float64Array.from({ length: n }, () =>
        rand() < 0.4
          ? pool[Math.floor(rand() * pool.length)]
          : rand() < 0.7
            ? Math.floor(rand() * 20) / 4
            : rand() < 0.5
              ? (rand() - 0.5) * 1e6
              : // One high word, the low word's every bit in play.
                1024 + rand() * 1e-6,
      );
      const rows = Int32Array.from({ length: n }, (_, i) => i).filter(() => rand() < 0.8);
      // Some row lists not in table order (ties still come by row).
      if (t % 3 === 2) rows.reverse();
      for (const dir of ['asc', 'desc'] as const) {
        const sign = dir === 'asc' ? 1 : -1;
        const want = [...rows].sort((a, b) => {
          const x = keys[a],
            y = keys[b];
          if (Number.isNaN(x) || Number.isNaN(y))
            return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
          return x === y ? a - b : sign * (x - y);
        });
        expect([...sortByKeys(rows.slice(), keys, dir, min)], `${t} ${dir}`).toEqual(want);
      }
    }
  });

  it('ranks ahead from the start, paused while a query waits, is answered or was just answered and drawn', async () => {
    const { ranker, made } = fakeRanker();
    const { server, got, flush, idle } = serve(ranker);
    const dict = (src.name as { dict: string[] }).dict;
    const ids = (m: RowQueryResponse[]) => m.map((x) => `${x.id}:${x.type}`);
    const q = (id: number, filter: AccountFilter, sort?: RowQueryArgs['sort']) =>
      server.handle({ type: 'query', id, filter, sort, segmentLabels: [], stageLabels: [] });
    const states = () => made.map((m) => m.state);
    // The run is in: the ids are ranked at once, one list at a time.
    expect(made.map((m) => m.values)).toHaveLength(1);
    expect(made[0].values).toEqual(src.r.accountIds);
    expect(states()).toEqual(['running']);
    // A query pauses it, and so does its answer until the page had time to draw it.
    q(1, { q: 'a' });
    expect(states()).toEqual(['paused']);
    flush();
    expect(ids(got)).toEqual(['1:rows']);
    expect(states()).toEqual(['paused']);
    idle.fire!();
    // Nor before the page has drawn it.
    expect(states()).toEqual(['paused']);
    server.handle({ type: 'drawn', id: 1 });
    expect(states()).toEqual(['running']);
    // A sort by company (not started): its list is ranked alone, the ids wait.
    const byName: RowQueryArgs['sort'] = { key: 'company', dir: 'asc' };
    q(2, {}, byName);
    expect(states()).toEqual(['paused']);
    flush();
    expect(made[1].values).toEqual(dict);
    expect(states()).toEqual(['paused', 'running']);
    // A search meanwhile supersedes the sort and pauses both; the sort again resumes the names.
    q(3, { q: 'a1' });
    expect(states()).toEqual(['paused', 'paused']);
    flush();
    q(4, {}, byName);
    flush();
    // Each sort that waits for the names tells the page so (2, then 4).
    expect(ids(got)).toEqual(['1:rows', '2:ranking', '2:superseded', '3:rows', '4:ranking']);
    expect(got[1]).toEqual({ type: 'ranking', id: 2, list: 'names' });
    expect(states()).toEqual(['paused', 'running']);
    // The names' ranks arrive: the sort is answered with them; quiet again, the ids resume.
    made[1].finish();
    await tick();
    flush();
    expect(ids(got).slice(5)).toEqual(['4:rows']);
    expect([...(got[5] as Extract<RowQueryResponse, { type: 'rows' }>).rows]).toEqual(
      oracleSort(src, oracleFilter(src, {}), 'company', 'asc'),
    );
    expect(states()).toEqual(['paused', 'done']);
    idle.fire!();
    server.handle({ type: 'drawn', id: 4 });
    expect(states()).toEqual(['running', 'done']);
    made[0].finish();
    await tick();
    // Both lists ranked: a sort by account is answered at once, nothing more is ranked.
    q(5, {}, { key: 'account', dir: 'desc' });
    flush();
    // No word of a wait: its ranks were in.
    expect(ids(got).slice(6)).toEqual(['5:rows']);
    expect([...(got[6] as Extract<RowQueryResponse, { type: 'rows' }>).rows]).toEqual(
      oracleSort(src, oracleFilter(src, {}), 'account', 'desc'),
    );
    expect(made).toHaveLength(2);
  });

  it("notes the ranking's moments for the bench: started, run, paused, a sort's wait, its sort, done", async () => {
    const { ranker, made } = fakeRanker();
    const notes: string[] = [];
    const { server, flush } = serve(ranker, 1, src, () => {});
    server.note = (e) => notes.push(e);
    const { skeleton, pieces } = splitRun(src);
    server.handle(structuredClone({ type: 'hold' as const, skeleton, pieces: pieces.length }));
    for (const p of pieces) {
      const { piece, transfer } = detach(p);
      server.handle(structuredClone({ type: 'piece' as const, piece }, { transfer }));
    }
    expect(notes).toEqual(['rank-start:ids', 'rank-run:ids']);
    const sort = { key: 'company' as const, dir: 'asc' as const };
    server.handle({ type: 'query', id: 1, filter: {}, sort, segmentLabels: [], stageLabels: [] });
    flush();
    expect(notes.slice(2)).toEqual([
      'rank-pause:ids',
      'rank-start:names',
      'sort-wait:names',
      'rank-run:names',
    ]);
    made[1].finish();
    await tick();
    flush();
    expect(notes.slice(6)).toEqual(['rank-done:names', 'sort-start:company', 'sort-end:company']);
  });

  it('an input on the page pauses the ranker until the quiet time passes without another', () => {
    const { ranker, made } = fakeRanker();
    const { server, got, flush, idle } = serve(ranker);
    const states = () => made.map((m) => m.state);
    expect(states()).toEqual(['running']);
    // A keystroke: paused before its query comes (the page renders first).
    server.handle({ type: 'input' });
    expect(states()).toEqual(['paused']);
    // Another input re-arms the wait (the earlier one is cancelled).
    const first = idle.fire;
    server.handle({ type: 'input' });
    expect(idle.fire).not.toBe(first);
    expect(states()).toEqual(['paused']);
    // Its query: still paused while answered and drawn, then resumed.
    server.handle({ type: 'query', id: 1, filter: { q: 'a' }, segmentLabels: [], stageLabels: [] });
    flush();
    expect(got.map((m) => m.type)).toEqual(['rows']);
    expect(states()).toEqual(['paused']);
    server.handle({ type: 'drawn', id: 1 });
    expect(states()).toEqual(['paused']);
    idle.fire!();
    expect(states()).toEqual(['running']);
    // An input that no query follows: resumed after the quiet time.
    server.handle({ type: 'input' });
    expect(states()).toEqual(['paused']);
    idle.fire!();
    expect(states()).toEqual(['running']);
  });

  it("a new run stops the old run's rankings, and their ranks are never used", async () => {
    // Ranks that reverse the collator: a sort answered with them would show it.
    const { ranker, made } = fakeRanker(true);
    const { server, got, flush, load } = serve(ranker);
    expect(made).toHaveLength(1);
    load();
    expect(made.map((m) => m.state)).toEqual(['cancelled', 'running']);
    made[0].finish();
    await tick();
    const sort = { key: 'account' as const, dir: 'asc' as const };
    // The new run's ranking is still going: the sort waits for it (the old answer is not used),
    // and the page hears that it waits for the ids' ranks.
    server.handle({ type: 'query', id: 1, filter: {}, sort, segmentLabels: [], stageLabels: [] });
    flush();
    expect(got).toEqual([{ type: 'ranking', id: 1, list: 'ids' }]);
    made[1].finish();
    await tick();
    flush();
    const desc = oracleSort(src, oracleFilter(src, {}), 'account', 'desc');
    expect([...(got[1] as Extract<RowQueryResponse, { type: 'rows' }>).rows]).toEqual(desc);
  });

  it('lists shorter than the ranking-ahead minimum are ranked by the sort itself', () => {
    const { ranker, made } = fakeRanker(true);
    const { server, got, flush } = serve(ranker, src.r.rowCount + 1);
    const sort = { key: 'company' as const, dir: 'asc' as const };
    server.handle({ type: 'query', id: 1, filter: {}, sort, segmentLabels: [], stageLabels: [] });
    flush();
    expect(made).toEqual([]);
    expect([...(got[0] as Extract<RowQueryResponse, { type: 'rows' }>).rows]).toEqual(
      oracleSort(src, oracleFilter(src, {}), 'company', 'asc'),
    );
  });

  it("the ranker's ranks are the ones a sort uses; a failed ranker leaves the sort to the worker", async () => {
    const answers: number[][] = [];
    for (const failing of [false, true]) {
      const { ranker, made } = fakeRanker(true);
      const { server, got, flush, idle } = serve(ranker);
      const sort = { key: 'account' as const, dir: 'asc' as const };
      server.handle({ type: 'query', id: 1, filter: {}, sort, segmentLabels: [], stageLabels: [] });
      flush();
      if (failing) made[0].fail();
      else made[0].finish();
      await tick();
      flush();
      expect(got[0]).toEqual({ type: 'ranking', id: 1, list: 'ids' });
      answers.push([...(got[1] as Extract<RowQueryResponse, { type: 'rows' }>).rows]);
      // Once the answer had its quiet time the names are ranked ahead; after a failure nothing
      // more is.
      expect(made).toHaveLength(1);
      server.handle({ type: 'drawn', id: 1 });
      idle.fire!();
      expect(made.map((m) => m.state)).toEqual(failing ? ['running'] : ['done', 'running']);
    }
    const asc = oracleSort(src, oracleFilter(src, {}), 'account', 'asc');
    const desc = oracleSort(src, oracleFilter(src, {}), 'account', 'desc');
    expect(answers[1]).toEqual(asc);
    // Reversed ranks: descending order of ids (ties, equal ids, still in table order).
    expect(answers[0]).toEqual(desc);
  });

  it("the warm-up sorts this run's columns but never ranks its ids or names itself; later sorts are the oracle's", () => {
    // A run of its own: no sort has ranked its lists yet.
    const t2 = generateDemoTable({ rows: 1500, seed: 9 });
    const r2 = scoreTable(c.compiled, t2, { asOf: '2026-10-01' });
    const s2 = rowSource(r2, trend(r2, prev), t2, pb.fields, segLabel, stageLabel);
    for (const step of warmSteps(s2)) step();
    // A million ids ranked in the worker would be ~1 s of its CPU: the ranker's work.
    expect(hasTextRanks(s2.r.accountIds)).toBe(false);
    expect(s2.name?.type === 'string' && hasTextRanks(s2.name.dict)).toBe(false);
    for (const key of SORT_KEYS)
      for (const dir of ['asc', 'desc'] as const)
        for (const filter of [{}, { q: 'a1' }])
          expect([...queryRows(s2, { filter, sort: { key, dir } })]).toEqual(
            oracleSort(s2, oracleFilter(s2, filter), key, dir),
          );
  });

  describe("the warm-up waits for the page's draw of each answer", () => {
    /** A server whose tasks run one at a time and whose waits are kept, with their length. */
    const gated = (ranker?: Ranker) => {
      const got: RowQueryResponse[] = [];
      const tasks: (() => void)[] = [];
      const waits: { ms: number; fire: () => void; live: boolean }[] = [];
      const server = new RowQueryServer(
        (m, transfer) => got.push(structuredClone(m, { transfer })),
        (f) => tasks.push(f),
        ranker,
        1,
        (f, ms) => {
          const w = {
            ms,
            live: true,
            fire: () => {
              if (!w.live) return;
              w.live = false;
              f();
            },
          };
          waits.push(w);
          return () => (w.live = false);
        },
      );
      const { skeleton, pieces } = splitRun(src);
      server.handle({ type: 'hold', skeleton: structuredClone(skeleton), pieces: pieces.length });
      for (const p of pieces) server.handle({ type: 'piece', piece: detach(p).piece });
      /** Tasks run until the worker is idle: how many. */
      const idle = () => {
        let n = 0;
        for (; tasks.length; n++) tasks.shift()!();
        return n;
      };
      const query = (id: number, q: string) =>
        server.handle({ type: 'query', id, filter: { q }, segmentLabels: [], stageLabels: [] });
      const rows = () =>
        got.filter((m) => m.type === 'rows').map((m) => `${m.id}:${m.rows.length}`);
      return { server, got, tasks, waits, idle, query, rows };
    };
    const steps = warmSteps(src).length;

    it('does not start before the page says the answer is drawn, then runs every step', () => {
      const { server, tasks, waits, idle, query, rows } = gated();
      query(1, '');
      // The query's task and one that finds nothing to do: no warm-up while the page draws.
      expect(idle()).toBe(2);
      expect(rows()).toEqual([`1:${src.r.rowCount}`]);
      expect(tasks).toHaveLength(0);
      // Another answer's word (an older one) does not open it.
      server.handle({ type: 'drawn', id: 0 });
      expect(tasks).toHaveLength(0);
      server.handle({ type: 'drawn', id: 1 });
      // One step per task, every step, then idle for good.
      expect(idle()).toBe(steps);
      server.handle({ type: 'drawn', id: 1 });
      expect(idle()).toBe(0);
      // The wait after which it would have gone on anyway was cancelled.
      expect(waits.filter((w) => w.live)).toHaveLength(0);
    });

    it('a query arriving during the warm-up is answered before its next step, which then waits for that draw', () => {
      const { server, tasks, idle, query, rows } = gated();
      query(1, '');
      idle();
      server.handle({ type: 'drawn', id: 1 });
      tasks.shift()!();
      tasks.shift()!();
      // A key: its query's task is the next one run, and it is answered there.
      query(2, 'a1');
      expect(rows()).toHaveLength(1);
      tasks.shift()!();
      expect(rows()).toEqual([`1:${src.r.rowCount}`, `2:${oracleFilter(src, { q: 'a1' }).length}`]);
      // Nothing more until the page has drawn answer 2 (a task that finds nothing to do; the
      // word for answer 1 again is no word).
      expect(idle()).toBe(1);
      server.handle({ type: 'drawn', id: 1 });
      expect(idle()).toBe(0);
      server.handle({ type: 'drawn', id: 2 });
      // The warm-up completes: the steps not run yet, once each.
      expect(idle()).toBe(steps - 2);
    });

    it('an input on the page holds the next step until its query is answered and drawn, or INPUT_HOLD_MS without one', () => {
      for (const comes of [true, false]) {
        const { server, tasks, waits, idle, query, rows } = gated();
        query(1, '');
        idle();
        server.handle({ type: 'drawn', id: 1 });
        tasks.shift()!();
        // A key: the step already scheduled finds the warm-up held and does nothing.
        server.handle({ type: 'input' });
        expect(idle()).toBe(1);
        expect(tasks).toHaveLength(0);
        const hold = waits.filter((w) => w.live && w.ms === INPUT_HOLD_MS);
        expect(hold).toHaveLength(1);
        if (comes) {
          // Its query: answered, then held by its draw (the input's wait is cancelled).
          query(2, 'a1');
          expect(idle()).toBe(2);
          expect(rows()).toHaveLength(2);
          expect(hold[0].live).toBe(false);
          server.handle({ type: 'drawn', id: 2 });
        } else hold[0].fire();
        // The steps not run yet, once each.
        expect(idle()).toBe(steps - 1);
        // Once done, an input holds nothing (no wait armed).
        server.handle({ type: 'input' });
        expect(waits.filter((w) => w.live && w.ms === INPUT_HOLD_MS)).toHaveLength(0);
      }
    });

    it("with a ranker, the search's steps run at once, the filters' and the sorts' once the ranking ahead is done", async () => {
      const { ranker, made } = fakeRanker();
      const { server, waits, idle, query } = gated(ranker);
      const { search, rest } = warmPhases(src);
      query(1, '');
      idle();
      server.handle({ type: 'drawn', id: 1 });
      // The search's steps, then a task that finds the rest waiting for the ranking ahead.
      expect(idle()).toBe(search.length);
      for (const w of waits.filter((w) => w.live)) w.fire();
      expect(made.map((m) => m.state)).toEqual(['running']);
      made[0].finish();
      await tick();
      // The ids ranked, the names next: still waiting.
      expect(made.map((m) => m.state)).toEqual(['done', 'running']);
      expect(idle()).toBe(1);
      made[1].finish();
      await tick();
      expect(idle()).toBe(rest.length);
    });

    it('without a word from the page it goes on after WARM_WAIT_MS', () => {
      const { waits, idle, query } = gated();
      query(1, 'a');
      idle();
      const live = waits.filter((w) => w.live);
      expect(live.map((w) => w.ms)).toEqual([WARM_WAIT_MS]);
      live[0].fire();
      expect(idle()).toBe(steps);
    });
  });
});
