/**
 * The row-query worker's share of a search keystroke, without a browser: `node --expose-gc
 * --import tsx test/bench/searchKeys.ts <searchIndex.ts> [csv]` indexes the demo CSV's account
 * ids and distinct company names in slices of 10,000 (as the worker does when the run arrives;
 * the strings flattened, as a structured clone gives them), warms the search if the module can,
 * then types the ui bench's keys ('0', '00', '000', '0000', '00004') and prints one JSON line:
 * wall ms per key (the lists' search and a loop over the rows like `filterRows`) and the
 * indexing's process CPU. Pass main's file (`git show <commit>:src/ui/results/searchIndex.ts >
 * /tmp/old.ts`) and this tree's, a fresh process each, interleaved, under the bench lock.
 */
import { resolve } from 'node:path';
import { demoIdsAndNames } from './demoCsvColumns';

interface SearchModule {
  addSearchSlice(values: readonly string[], from: number, strings: string[]): void;
  searchHits(values: readonly string[], needle: string): Uint8Array;
  warmSearch?: () => void;
}

async function main() {
  const [file, csv = '.bench/demo-1000000-seed42.csv'] = process.argv.slice(2);
  const mod = (await import(resolve(file))) as SearchModule;
  const { ids, names, codes } = demoIdsAndNames(csv);
  const code = Int32Array.from(codes);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const out: Record<string, number> = {};
  const c0 = cpu();
  for (const list of [ids, names])
    for (let f = 0; f < list.length; f += 10_000)
      mod.addSearchSlice(list, f, list.slice(f, f + 10_000));
  out.index_cpu_ms = cpu() - c0;
  if (mod.warmSearch) {
    const w0 = performance.now();
    mod.warmSearch();
    out.warm_ms = performance.now() - w0;
  }
  gc?.();
  for (const q of ['0', '00', '000', '0000', '00004']) {
    const t0 = performance.now();
    const hit = mod.searchHits(ids, q);
    const nameHit = mod.searchHits(names, q);
    const rows = new Int32Array(code.length);
    let n = 0;
    for (let i = 0; i < code.length; i++)
      if (hit[i] || (code[i] >= 0 && nameHit[code[i]])) rows[n++] = i;
    rows.slice(0, n);
    out[`key_${q}_ms`] = performance.now() - t0;
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      file,
      ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(v)])),
    }),
  );
}

void main();
