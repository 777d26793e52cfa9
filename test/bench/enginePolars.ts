/**
 * The Polars contender of the engine benchmark's multi-worker figure: the bench playbook's health
 * score (segments, measures, normalisation, per-segment weights, missing excluded, dimension
 * scores, total, band) written by hand as one `nodejs-polars` lazy query, run in a child process
 * started with POLARS_MAX_THREADS=N (Polars fixes its thread pool when it loads, so each thread
 * count needs its own process). Stages, routing and CTAs are left out: Polars does less work here
 * than Waymark and DuckDB, which compute them too (stated beside the figures in docs/engine.md).
 *
 * The child is the engine bench bundle itself, forked with WM_POLARS_CHILD set: it builds the
 * same deterministic table, loads it into a DataFrame (untimed, like DuckDB's load), then answers
 * 'run' with the wall and CPU time of one collect and 'scores' with the totals and bands.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Playbook } from '../../src/model';
import { MISSING_BOOL, type AccountTable } from '../../src/table/columns';

type Pl = typeof import('nodejs-polars');
type Expr = import('nodejs-polars').Expr;

/** The lazy query. Throws on a measure expression it has no hand translation for. */
export function polarsQuery(pl: Pl, pb: Playbook, asOfDays: number) {
  const col = (id: string) => pl.col(id);
  const lit = (x: number | string) => pl.lit(x);
  const nullF64 = () => pl.lit(null).cast(pl.Float64);
  // Segment: rules in order, first true wins; unknown (null) falls through, as in the engine.
  const segIds = pb.segments.items.map((s) => s.id);
  const rule = (when: string): Expr => {
    const m = /^(\w+) >= (\d+) or (\w+) >= (\d+)$/.exec(when);
    if (m)
      return col(m[1])
        .gtEq(lit(+m[2]))
        .or(col(m[3]).gtEq(lit(+m[4])));
    const o = /^(\w+) >= (\d+)$/.exec(when);
    if (o) return col(o[1]).gtEq(lit(+o[2]));
    throw new Error(`polars bench: no translation for segment rule "${when}"`);
  };
  const ruled = pb.segments.items.filter((s) => s.when !== '');
  let seg = pl.when(rule(ruled[0].when)).then(lit(ruled[0].id));
  for (const s of ruled.slice(1)) seg = seg.when(rule(s.when)).then(lit(s.id));
  const segment = seg.otherwise(lit(pb.segments.defaultId)).alias('segment');

  const raw = (expr: string): Expr => {
    let m: RegExpExecArray | null;
    if ((m = /^(\w+) \/ (\w+)$/.exec(expr)))
      // Division by zero is missing, not infinity.
      return pl
        .when(col(m[2]).neq(lit(0)))
        .then(col(m[1]).div(col(m[2])))
        .otherwise(nullF64());
    if ((m = /^days_since\((\w+)\)$/.exec(expr))) return lit(asOfDays).sub(col(m[1]));
    if ((m = /^coalesce\((\w+), 0\) \+ (\w+)$/.exec(expr)))
      return col(m[1]).fillNull(lit(0)).add(col(m[2]));
    if (/^\w+$/.test(expr)) return col(expr);
    throw new Error(`polars bench: no translation for measure "${expr}"`);
  };
  const points = (m: Playbook['health']['measures'][number]): Expr => {
    const v = raw(m.expr);
    const n = m.normalise;
    let p: Expr;
    if (n.kind === 'linear') {
      // The engine's arithmetic in the same order: ((v - min) / (max - min)) * 100, clamped.
      const q = v
        .sub(lit(n.min))
        .div(lit(n.max - n.min))
        .mul(lit(100));
      p = pl
        .when(q.lt(lit(0)))
        .then(lit(0))
        .when(q.gt(lit(100)))
        .then(lit(100))
        .otherwise(q);
    } else if (n.kind === 'tiers') {
      let t = pl.when(v.gtEq(lit(n.tiers[0].min))).then(lit(n.tiers[0].points));
      for (const x of n.tiers.slice(1)) t = t.when(v.gtEq(lit(x.min))).then(lit(x.points));
      p = t.when(v.isNotNull()).then(lit(n.below)).otherwise(nullF64());
    } else {
      const e = Object.entries(n.points);
      let t = pl.when(v.eq(lit(e[0][0]))).then(lit(e[0][1]));
      for (const [k, x] of e.slice(1)) t = t.when(v.eq(lit(k))).then(lit(x));
      p = t.otherwise(nullF64());
    }
    p = p.cast(pl.Float64);
    return (m.invert ? lit(100).sub(p) : p).alias(`p_${m.id}`);
  };
  const ms = pb.health.measures;
  const weight = (m: (typeof ms)[number]): Expr => {
    const by = segIds.map(
      (s) => pb.health.overrides?.find((o) => o.segment === s)?.weights?.[m.id] ?? m.weight,
    );
    if (by.every((w) => w === by[0])) return lit(by[0]);
    let w = pl.when(col('segment').eq(lit(segIds[0]))).then(lit(by[0]));
    for (let s = 1; s < segIds.length; s++)
      w = w.when(col('segment').eq(lit(segIds[s]))).then(lit(by[s]));
    return w.otherwise(lit(0));
  };
  const has = (m: (typeof ms)[number]) => col(`p_${m.id}`).isNotNull();
  const pw = (m: (typeof ms)[number]) => col(`p_${m.id}`).mul(weight(m));
  // Available weight W: the weights of the measures with a value (missing: 'exclude').
  let W: Expr = lit(0);
  for (const m of ms) W = W.add(pl.when(has(m)).then(weight(m)).otherwise(lit(0)));
  // Total: Σ points × weight / W in measure order (the engine's order, so the same doubles).
  let total: Expr = lit(0);
  for (const m of ms)
    total = total.add(
      pl
        .when(has(m))
        .then(pw(m).div(col('W')))
        .otherwise(lit(0)),
    );
  const dims = pb.health.dimensions.map((d) => {
    let num: Expr = lit(0);
    let den: Expr = lit(0);
    for (const m of ms.filter((x) => x.dimension === d.id)) {
      num = num.add(pl.when(has(m)).then(pw(m)).otherwise(lit(0)));
      den = den.add(pl.when(has(m)).then(weight(m)).otherwise(lit(0)));
    }
    return pl
      .when(den.gt(lit(0)))
      .then(num.div(den))
      .otherwise(nullF64())
      .alias(`dim_${d.id}`);
  });
  const score = pl
    .when(col('W').gt(lit(0)))
    .then(total)
    .otherwise(nullF64())
    .alias('score');
  const bands = [...pb.health.bands].sort((a, b) => b.min - a.min);
  const reaches = (b: (typeof bands)[number]) =>
    b.inclusive ? col('score').gtEq(lit(b.min)) : col('score').gt(lit(b.min));
  let band = pl.when(reaches(bands[0])).then(lit(bands[0].id));
  for (const b of bands.slice(1)) band = band.when(reaches(b)).then(lit(b.id));
  return (lf: import('nodejs-polars').LazyDataFrame) =>
    lf
      .withColumns(segment)
      .withColumns(...ms.map(points))
      .withColumns(W.cast(pl.Float64).alias('W'))
      .withColumns(score, ...dims)
      .withColumns(band.otherwise(pl.lit(null).cast(pl.Utf8)).alias('band'))
      .select(
        'segment',
        ...ms.map((m) => `p_${m.id}`),
        ...dims.map((_, i) => `dim_${pb.health.dimensions[i].id}`),
        'score',
        'band',
      );
}

/** The table as a DataFrame: numbers and dates as f64 with nulls, text as strings, booleans as bool. */
function toFrame(pl: Pl, t: AccountTable) {
  const series = [];
  for (const [id, c] of Object.entries(t.columns)) {
    if (id === 'id') continue; // not read by the score
    if (c.type === 'number' || c.type === 'date') series.push(pl.Series(id, c.values));
    else if (c.type === 'boolean')
      series.push(
        pl.Series(
          id,
          Array.from(c.values, (v) => (v === MISSING_BOOL ? null : v === 1)),
          pl.Bool,
        ),
      );
    else
      series.push(
        pl.Series(
          id,
          Array.from(c.codes, (k) => (k < 0 ? null : c.dict[k])),
          pl.Utf8,
        ),
      );
  }
  const nums = Object.entries(t.columns)
    .filter(([, c]) => c.type === 'number' || c.type === 'date')
    .map(([id]) => id);
  return pl.DataFrame(series).withColumns(...nums.map((id) => pl.col(id).fillNan(null)));
}

/** The child's side: load, then answer the parent's messages until it disconnects. */
export async function polarsChild(pb: Playbook, makeTable: () => AccountTable, asOfDays: number) {
  process.on('disconnect', () => process.exit(0));
  const pl = (await import('nodejs-polars')).default as unknown as Pl;
  const l0 = process.hrtime.bigint();
  const df = toFrame(pl, makeTable()); // the JS table is garbage once this returns
  const loadS = Number(process.hrtime.bigint() - l0) / 1e9;
  const q = polarsQuery(pl, pb, asOfDays);
  let out: import('nodejs-polars').DataFrame | undefined = await q(df.lazy()).collect(); // warm-up
  process.on('message', async (msg: string) => {
    if (msg === 'run') {
      out = undefined;
      (globalThis as { gc?: () => void }).gc?.();
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      out = await q(df.lazy()).collect();
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      const cu = process.cpuUsage(c0);
      process.send!({ wall, cpu: (cu.user + cu.system) / 1e6 });
    } else if (msg === 'scores') {
      const r = out ?? (await q(df.lazy()).collect());
      const score = Float64Array.from(r.getColumn('score').toArray() as (number | null)[], (x) =>
        x === null ? NaN : x,
      );
      const band = r.getColumn('band').toArray() as (string | null)[];
      process.send!({ score, band });
    }
  });
  process.send!({ ready: true, loadS });
}

export interface PolarsRunner {
  run(): Promise<{ wall: number; cpu: number }>;
  scores(): Promise<{ score: Float64Array; band: (string | null)[] }>;
  loadS: number;
  close(): void;
}

/** Start a child with POLARS_MAX_THREADS = threads; resolves once its DataFrame is loaded. */
export function startPolars(threads: number): Promise<PolarsRunner> {
  const child: ChildProcess = fork(process.argv[1], process.argv.slice(2), {
    env: { ...process.env, WM_POLARS_CHILD: '1', POLARS_MAX_THREADS: String(threads) },
    execArgv: ['--expose-gc', '--max-old-space-size=8192'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the Polars child (${threads} threads) exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as T);
      });
    });
  return next<{ loadS: number }>().then(({ loadS }) => ({
    loadS,
    run: () => {
      const r = next<{ wall: number; cpu: number }>();
      child.send('run');
      return r;
    },
    scores: () => {
      const r = next<{ score: Float64Array; band: (string | null)[] }>();
      child.send('scores');
      return r;
    },
    close: () => void child.kill(),
  }));
}
