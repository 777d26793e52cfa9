/**
 * How long a page's dedicated worker goes on after the page is left (Chromium), by what the
 * worker is doing: `npx tsx test/bench/workerStopProbe.ts [--port 5222]`.
 *
 * A page starts a worker that spends 10 ms at a time and tells a BroadcastChannel after each;
 * another page listens. The first page then navigates away, and the probe prints how long after
 * the navigation the worker was still heard. Modes: `backlog` (1,000 messages queued, each 10 ms
 * of work), `timeout` (10 ms, then `setTimeout(0)`, again), `micro` (10 ms, then `await null`,
 * again); `&term`: the page also calls `worker.terminate()` in `pagehide`.
 *
 * Session 30 (reloadtasks): backlog ~2,030–2,050 ms with or without terminate, micro ~2,065 ms,
 * timeout 47–60 ms — Chromium ends a closed page's worker at once only when the worker waits on a
 * timer; queued messages (and a task that does not end) run on until its forced stop ~2 s later.
 */
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 5222);

const files: Record<string, string> = {
  '/w.js': `
const bc = new BroadcastChannel('probe');
const mode = new URL(location.href).searchParams.get('m');
const spin = (ms) => { const e = Date.now() + ms; while (Date.now() < e); };
self.onmessage = async (ev) => {
  if (mode === 'backlog') { spin(10); bc.postMessage(Date.now()); return; }
  if (ev.data !== 'go') return;
  for (;;) {
    spin(10);
    bc.postMessage(Date.now());
    if (mode === 'timeout') await new Promise((r) => setTimeout(r, 0));
    else await null;
  }
};`,
  '/page.html': `<script>
const m = new URLSearchParams(location.search).get('m');
const w = new Worker('w.js?m=' + m);
if (m === 'backlog') for (let i = 0; i < 1000; i++) w.postMessage(i); else w.postMessage('go');
if (location.search.includes('term')) addEventListener('pagehide', () => w.terminate());
</script>`,
  '/listen.html': `<script>window.last = 0;
new BroadcastChannel('probe').onmessage = () => { window.last = Date.now(); };</script>`,
};
const server = createServer((q, r) => {
  const f = files[(q.url ?? '/').split('?')[0]] ?? '';
  r.setHeader('content-type', q.url?.includes('.js') ? 'text/javascript' : 'text/html');
  r.end(f);
}).listen(port);
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? findChromium() ?? undefined,
  args: ['--no-sandbox'],
});
const ctx = await browser.newContext();
const listen = await ctx.newPage();
await listen.goto(`${base}/listen.html`);
for (const mode of ['backlog', 'backlog&term', 'timeout', 'timeout&term', 'micro']) {
  const p = await ctx.newPage();
  await p.goto(`${base}/page.html?m=${mode}`);
  await p.waitForTimeout(500);
  const t = Date.now();
  await p.goto(`${base}/listen.html?left`);
  await p.waitForTimeout(3000);
  const last = await listen.evaluate(() => (window as unknown as { last: number }).last);
  console.log(JSON.stringify({ mode, heard_after_leaving_ms: last - t }));
  await p.close();
  // The backlog's 10 s of messages run out before the next mode.
  await listen.waitForTimeout(11_000);
}
await browser.close();
server.close();
