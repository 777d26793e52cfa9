/**
 * Key 1 of a `--trace --only tab_accounts,search` run, per trace dir (`UI_TRACE_DIR`): `npx tsx
 * test/bench/uiKeyOneWindow.ts dir…` prints, for `search_key1.json`, when the keydown was
 * dispatched on the page's main thread (ms from the trace's start: the bench's path to it), the
 * row-query worker's CPU before it (a hand-over to the ranker, a warm-up step), its query task
 * (wall / CPU) and the other workers' CPU from the keydown to the query's end (the collation
 * workers: what shared the core with the query). The row-query worker is the one with the most
 * CPU in `tab_accounts.json` (the run's hand-over).
 */
import { readTrace, threads, mainThread, type Ev } from './uiTrace';
const topl = (evs: Ev[]) => {
  const tl: Ev[] = [];
  let end = -1;
  for (const e of evs
    .filter((e) => e.ph === 'X' && e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!))
    if (e.ts >= end) {
      tl.push(e);
      end = e.ts + e.dur!;
    }
  return tl;
};
for (const dir of process.argv.slice(2)) {
  const rqOf = (() => {
    const ev = readTrace(`${dir}/tab_accounts.json`);
    const { main } = mainThread(ev);
    const { names, byThread } = threads(ev, main!.split(':')[0]);
    let best = ['', 0] as [string, number];
    for (const [t, e] of byThread) {
      if (!/DedicatedWorker/.test(names.get(t) ?? '')) continue;
      const c = topl(e).reduce((s, x) => s + x.tdur!, 0);
      if (c > best[1]) best = [t.split(':')[1], c];
    }
    return best[0];
  })();
  const events = readTrace(`${dir}/search_key1.json`);
  const { main } = mainThread(events);
  const { names, byThread } = threads(events, main!.split(':')[0]);
  const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const kd = byThread
    .get(main!)!
    .find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')!;
  let rqPre = 0,
    q: Ev | undefined,
    other = 0;
  const rqEntry = [...byThread].find(([t]) => t.split(':')[1] === rqOf);
  if (rqEntry) {
    const tl = topl(rqEntry[1]);
    rqPre = tl.filter((e) => e.ts < kd.ts).reduce((s, e) => s + e.tdur!, 0) / 1000;
    q = tl.find((e) => e.ts >= kd.ts && e.tdur! > 2000);
  }
  const qEnd = q ? q.ts + q.dur! : kd.ts;
  for (const [t, evs] of byThread) {
    if (!/DedicatedWorker/.test(names.get(t) ?? '') || t.split(':')[1] === rqOf) continue;
    for (const e of topl(evs)) {
      const a = Math.max(e.ts, kd.ts),
        b = Math.min(e.ts + e.dur!, qEnd);
      if (b > a) other += (e.tdur! * (b - a)) / e.dur!;
    }
  }
  console.log(
    `${dir.split('/').pop()}\tkeydown@${((kd.ts - t0) / 1000).toFixed(0)}\trq-pre ${rqPre.toFixed(0)}\tquery ${q ? `${(q.dur! / 1000).toFixed(0)}w/${(q.tdur! / 1000).toFixed(0)}c` : '-'}\tother-workers-in-query ${(other / 1000).toFixed(0)}`,
  );
}
