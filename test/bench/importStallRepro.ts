/**
 * `npx tsx test/bench/importStallRepro.ts --dirs A,B [--tries N] [--port P] [--settle MS]
 *  [--wait S] [--csv FILE] [--busy N] [--stored]` (run under `flock /tmp/waymark-bench.lock`): the account import's
 * hang of session 25 (docs/data-import.md "The hang"): built apps (`npx vite build --outDir
 * DIR`) served on ports P, P+1, …, each try a fresh page of the next build in turn (A, B, A, B…):
 * pick the 1M demo file, click Import as soon as it shows (--settle 0), wait up to --wait s
 * for the report. Per try, a JSON line: the outcome (`ok`, or `hang`: no report in time), the
 * stream stalls the import worker logged (`stalls` of waymark-import-phases; an `unreadable`
 * answer, when the guard gave up, shows as a second import request), and the page's view of
 * the progress messages: the longest gap between two of them, from the click to the first and
 * from the last to the report (what the page's watchdog, importWatchdog.ts, must allow), with
 * the load average before and after. The page's Worker is wrapped by an init script to see
 * the import worker's messages; nothing of the app is changed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { benchDemoCsv } from './benchDemoCsv';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const DIRS = opt('dirs', '').split(',').filter(Boolean);
const TRIES = Number(opt('tries', '4'));
const PORT = Number(opt('port', '5231'));
const SETTLE = Number(opt('settle', '0'));
const WAIT = Number(opt('wait', '60'));
const CSV = opt('csv', '');
/** Busy-loop processes beside the tries (session 25's repro added two, for a load of 5–8). */
const BUSY = Number(opt('busy', '0'));
/**
 * The file imported and saved once first (one browser context per build, its IndexedDB kept),
 * so that each try's import compares against a stored dataset of the same size.
 */
const STORED = args.includes('--stored');
const file = CSV ? resolve(CSV) : benchDemoCsv(1_000_000);
if (DIRS.length === 0) throw new Error('--dirs A[,B…] (built apps)');

const la = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const exe = process.env.CHROMIUM_PATH ?? findChromium();
if (!exe) throw new Error('no Chromium found');
const servers: ChildProcess[] = DIRS.map((dir, k) =>
  spawn('npx', ['vite', 'preview', '--outDir', dir, '--port', String(PORT + k), '--strictPort'], {
    stdio: 'ignore',
    detached: true,
  }),
);
const busy: ChildProcess[] = Array.from({ length: BUSY }, () =>
  spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
);
const urlOf = (k: number) => `http://127.0.0.1:${PORT + k}`;
try {
  for (let k = 0; k < DIRS.length; k++)
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(urlOf(k))).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  const browser = await chromium.launch({
    executablePath: exe,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const contexts = STORED
    ? await Promise.all(DIRS.map(() => browser.newContext({ locale: 'en-US' })))
    : [];
  for (let k = 0; k < contexts.length; k++) {
    const page = await contexts[k].newPage();
    page.setDefaultTimeout(300_000);
    await page.addInitScript(() => localStorage.setItem('waymark.lang', 'en'));
    await page.goto(`${urlOf(k)}/#/p/demo/data`);
    await page.getByTestId('dataset-rows').waitFor();
    await page.getByTestId('data-file-input').setInputFiles(file);
    await page.getByTestId('import-run').click();
    await page.getByTestId('report-rows-imported').waitFor();
    const confirm = page.getByTestId('replace-confirm');
    if (await confirm.count()) await confirm.check();
    await page.getByTestId('import-save').click();
    await page.getByTestId('dataset-rows').filter({ hasText: '1,000,000' }).waitFor();
    console.error(`stored ${file} in ${DIRS[k]}'s context`);
    await page.close();
  }
  for (let t = 0; t < TRIES; t++)
    for (let k = 0; k < DIRS.length; k++) {
      const page = STORED
        ? await contexts[k].newPage()
        : await browser.newPage({ locale: 'en-US' });
      page.setDefaultTimeout(120_000);
      await page.addInitScript(() => {
        localStorage.setItem('waymark.lang', 'en');
        const rec = { imports: 0, progress: [] as number[], end: 0, unreadable: 0, click: 0 };
        (globalThis as unknown as { __imp: typeof rec }).__imp = rec;
        const W = globalThis.Worker;
        globalThis.Worker = class extends W {
          constructor(url: string | URL, o?: WorkerOptions) {
            super(url, o);
            if (!String(url).includes('import')) return;
            this.addEventListener('message', (e: MessageEvent<{ type: string }>) => {
              const ty = e.data?.type;
              if (ty === 'progress') rec.progress.push(performance.now());
              else if (ty === 'unreadable') rec.unreadable++;
              else if (ty === 'imported' || ty === 'failed') rec.end = performance.now();
            });
            const post = this.postMessage.bind(this) as (m: unknown, t?: Transferable[]) => void;
            this.postMessage = ((m: { type?: string }, tr?: Transferable[]) => {
              if (m?.type === 'import') {
                rec.imports++;
                if (!rec.click) rec.click = performance.now();
              }
              post(m, tr);
            }) as Worker['postMessage'];
          }
        };
      });
      let stalls: number[] = [];
      page.on('console', (m) => {
        const ph = /^waymark-import-phases (.*)$/.exec(m.text());
        if (ph) stalls.push((JSON.parse(ph[1]) as { stalls?: number }).stalls ?? 0);
      });
      const load0 = la();
      await page.goto(`${urlOf(k)}/#/p/demo/data`);
      await page.getByTestId('dataset-rows').waitFor();
      await page.getByTestId('data-file-input').setInputFiles(file);
      const run = page.getByTestId('import-run');
      await run.waitFor();
      if (SETTLE) await page.waitForTimeout(SETTLE);
      await run.click();
      let outcome = 'ok';
      try {
        await page.getByTestId('report-rows-imported').waitFor({ timeout: WAIT * 1000 });
      } catch {
        outcome = 'hang';
      }
      const r = await page.evaluate(() => {
        const x = (
          globalThis as unknown as {
            __imp: {
              imports: number;
              progress: number[];
              end: number;
              unreadable: number;
              click: number;
            };
          }
        ).__imp;
        const p = x.progress;
        let gap = 0;
        for (let i = 1; i < p.length; i++) gap = Math.max(gap, p[i] - p[i - 1]);
        return {
          imports: x.imports,
          unreadable: x.unreadable,
          progressMessages: p.length,
          firstAfterClick: p.length ? Math.round(p[0] - x.click) : null,
          maxGap: Math.round(gap),
          lastToEnd: p.length && x.end ? Math.round(x.end - p[p.length - 1]) : null,
          clickToEnd: x.end ? Math.round(x.end - x.click) : null,
          lastPercent: null as number | null,
        };
      });
      if (outcome === 'hang')
        r.lastPercent = Number(
          /(\d+)%/.exec((await page.getByTestId('import-progress').textContent()) ?? '')?.[1] ??
            NaN,
        );
      console.log(
        JSON.stringify({
          try: t,
          build: DIRS[k],
          outcome,
          stalls,
          ...r,
          load: [load0, la()],
          at: new Date().toISOString().slice(11, 19),
        }),
      );
      stalls = [];
      await page.close();
    }
  await browser.close();
} finally {
  for (const s of servers) if (s.pid) process.kill(-s.pid);
  for (const b of busy) b.kill();
}
