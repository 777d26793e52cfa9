/**
 * The row-query worker's first sorts of a run, without a browser: `node --expose-gc --import tsx
 * test/bench/sortFirst.ts [src dir] [rows]` builds a RowSource of `rows` (default 1,000,000)
 * made-up rows (scores, CTA counts, MRR, renewal days, segments, stages, owners), runs the
 * given tree's whole warm-up (`warmQueries`, as the worker does once idle), waits 300 ms, then
 * sorts every row by score, CTAs, renewal, segment and score again, and prints one JSON line:
 * process CPU ms (V8's compiler threads included) and wall ms per sort. A fresh process per
 * tree, interleaved, under the bench lock.
 */
import { resolve } from 'node:path';

async function main() {
  const [srcDir = 'src', rowsArg = '1000000'] = process.argv.slice(2);
  const rq = (await import(
    resolve(srcDir, 'ui/results/rowQuery.ts')
  )) as typeof import('../../src/ui/results/rowQuery');
  const n = Number(rowsArg);
  let seed = 42;
  const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  const ids = Array.from({ length: n }, (_, i) => `AC${String(i).padStart(7, '0')}`);
  const pick = (k: number) => Int8Array.from({ length: n }, () => Math.floor(rnd() * k));
  const r = {
    rowCount: n,
    accountIds: ids,
    asOf: '2026-12-01',
    colorIds: ['green', 'yellow', 'red'],
    color: pick(3),
    segmentIds: ['a', 'b', 'c', 'd'],
    segment: pick(4),
    stageIds: ['s', 't', 'u', 'v', 'w'],
    stage: pick(5),
    ownerIds: Array.from({ length: 40 }, (_, k) => `owner ${k}`),
    owner: pick(40),
    total: Float64Array.from({ length: n }, () => Math.round(rnd() * 1000) / 10),
  };
  const src = {
    r,
    trend: null,
    name: undefined,
    mrr: {
      type: 'number',
      values: Float64Array.from({ length: n }, () => Math.round(rnd() * 1e5)),
    },
    renewal: {
      type: 'date',
      values: Float64Array.from({ length: n }, () => 20_000 + Math.floor(rnd() * 700)),
    },
    ctaCount: Uint8Array.from({ length: n }, () => Math.floor(rnd() * 4)),
    segmentLabel: (x: string) => x,
    stageLabel: (x: string) => x,
  } as unknown as import('../../src/ui/results/accountRows').RowSource;
  rq.warmQueries(src);
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 300));
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const out: Record<string, number> = {};
  for (const [k, key] of (['score', 'ctas', 'renewal', 'segment', 'score'] as const).entries()) {
    const rows = rq.queryFilter(src, { filter: {} });
    const c0 = cpu();
    const w0 = performance.now();
    rq.queryRows(src, { filter: {}, sort: { key, dir: k % 2 ? 'desc' : 'asc' } });
    out[`sort${k + 1}_${key}_cpu`] = Math.round((cpu() - c0) * 10) / 10;
    out[`sort${k + 1}_${key}_wall`] = Math.round((performance.now() - w0) * 10) / 10;
    void rows;
  }
  console.log(JSON.stringify({ srcDir, ...out }));
}

void main();
