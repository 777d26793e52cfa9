/**
 * The row-query worker's whole share of a search keystroke, without a browser: `node
 * --expose-gc --import tsx test/bench/searchFilter.ts [src dir] [csv]` builds a RowSource of the
 * demo CSV's ids and company names (codes into the distinct names), indexes both in slices of
 * 10,000 as the worker does, warms as the worker does (`warmSearch`, then the rows filtered by
 * U+0000), then types the ui bench's keys ('0' … '00004') and clears, each `queryFilter` of the
 * given tree (default this one: pass another checkout's `src` to compare), and prints one JSON
 * line: thread CPU ms per key (process CPU; the process has one busy thread) and the answer's
 * row count. Run a fresh process per build, interleaved, under the bench lock.
 */
import { resolve } from 'node:path';
import { demoIdsAndNames } from './demoCsvColumns';

async function main() {
  const [srcDir = 'src', csv = '.bench/demo-1000000-seed42.csv'] = process.argv.slice(2);
  const rq = (await import(
    resolve(srcDir, 'ui/results/rowQuery.ts')
  )) as typeof import('../../src/ui/results/rowQuery');
  const si = (await import(
    resolve(srcDir, 'ui/results/searchIndex.ts')
  )) as typeof import('../../src/ui/results/searchIndex');
  const { ids, names, codes } = demoIdsAndNames(csv);
  const n = ids.length;
  const r = {
    rowCount: n,
    accountIds: ids,
    asOf: '2026-12-01',
    colorIds: ['green', 'yellow', 'red'],
    color: new Int8Array(n),
    segmentIds: ['a'],
    segment: new Int8Array(n),
    stageIds: ['s'],
    stage: new Int8Array(n),
    ownerIds: ['o'],
    owner: new Int8Array(n),
  };
  const src = {
    r,
    trend: null,
    name: { type: 'string', codes: Int32Array.from(codes), dict: names },
    mrr: undefined,
    renewal: undefined,
    ctaCount: new Uint8Array(n),
    segmentLabel: (x: string) => x,
    stageLabel: (x: string) => x,
  } as unknown as import('../../src/ui/results/accountRows').RowSource;
  for (const list of [ids, names])
    for (let f = 0; f < list.length; f += 10_000)
      si.addSearchSlice(list, f, list.slice(f, f + 10_000));
  // As the worker does once idle (a tree without warmQueries: its steps of session 27).
  const warm = (rq as { warmQueries?: (s: typeof src) => void }).warmQueries;
  if (warm) warm(src);
  else {
    si.prepareSearch(ids);
    si.prepareSearch(names);
    si.warmSearch();
    rq.queryFilter(src, { filter: { q: '\u0000' } });
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  // The page's idle time before the first key (the bench waits 300 ms after the tab's answer):
  // compilations started by the warm-up finish on V8's threads meanwhile.
  await new Promise((r) => setTimeout(r, 300));
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const passes = Number(process.env.PASSES ?? 1);
  for (let pass = 1; pass <= passes; pass++) {
    const out: Record<string, number> = {};
    for (const q of ['0', '00', '000', '0000', '00004', '']) {
      if (process.env.MARK) console.log(`-- key ${JSON.stringify(q)}`);

      const c0 = cpu();
      const w0 = performance.now();
      const rows = rq.queryFilter(src, { filter: { q } });
      out[`key_${q || 'clear'}_ms`] = Math.round((cpu() - c0) * 10) / 10;
      out[`key_${q || 'clear'}_wall`] = Math.round((performance.now() - w0) * 10) / 10;
      out[`key_${q || 'clear'}_rows`] = rows.length;
    }
    console.log(JSON.stringify({ srcDir, pass, ...out }));
  }
}

void main();
