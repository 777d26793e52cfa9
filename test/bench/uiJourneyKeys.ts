/**
 * Typing in the journey map: `npx tsx test/bench/uiJourneyKeys.ts --app DIR [--app DIR2]
 * [--rounds N] [--port P]`. Serves each built app, opens the demo project's journey map and
 * types 20 keys into the first stage's first exit criterion, one at a time; per key it records
 * the main thread's busy time (CDP Performance.getMetrics TaskDuration, which a loaded machine
 * inflates less than a latency) and the longest task (PerformanceObserver 'longtask'). Apps are
 * alternated round by round in fresh browsers; prints JSON lines per round and the medians.
 */
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { startPreview } from './previewServer';

const args = process.argv.slice(2);
const apps = args.flatMap((a, i) => (args[i - 1] === '--app' ? [a] : []));
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const rounds = Number(opt('rounds', '3'));
const port0 = Number(opt('port', '5199'));
const KEYS = 'abcdefghijklmnopqrst';

async function once(app: string, port: number) {
  const { base, stop } = await startPreview(app, port);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? findChromium()!,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => {
      localStorage.setItem('waymark.lang', 'en');
      (window as unknown as { __lt: number[] }).__lt = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries())
          (window as unknown as { __lt: number[] }).__lt.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${base}/#/`);
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await page.goto(`${base}/#/p/demo/journey`);
    await page.waitForSelector('.jm-grid');
    const box = page.locator('.jm-exit textarea').first();
    await box.click();
    await page.waitForTimeout(1500);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
        ?.value ?? 0) * 1000;
    if (args.includes('--profile')) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const perKey: number[] = [];
    const longest: number[] = [];
    for (const k of KEYS) {
      await page.evaluate(() => ((window as unknown as { __lt: number[] }).__lt = []));
      const b0 = await busy();
      await box.press(k);
      await page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 150))),
      );
      perKey.push((await busy()) - b0);
      longest.push(
        await page.evaluate(() => Math.max(0, ...(window as unknown as { __lt: number[] }).__lt)),
      );
    }
    if (args.includes('--profile')) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = new Map<number, number>();
      profile.samples!.forEach((id, i) =>
        dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)),
      );
      for (const n of profile.nodes) {
        const f = n.callFrame;
        const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
        self.set(k, (self.get(k) ?? 0) + (dt.get(n.id) ?? 0) / 1000);
      }
      for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
        console.error(`${v.toFixed(1).padStart(8)} ms  ${k}`);
    }
    return { perKey, longest };
  } finally {
    await browser.close();
    stop();
  }
}

const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
};
const all = new Map<string, { busy: number[]; longest: number[] }>();
for (let r = 0; r < rounds; r++)
  for (const [k, app] of apps.entries()) {
    const { perKey, longest } = await once(app, port0 + k);
    const row = all.get(app) ?? { busy: [], longest: [] };
    row.busy.push(med(perKey));
    row.longest.push(Math.max(...longest));
    all.set(app, row);
    console.log(
      JSON.stringify({
        app,
        round: r,
        key_busy_median_ms: Math.round(med(perKey)),
        key_busy_max_ms: Math.round(Math.max(...perKey)),
        longest_task_ms: Math.max(...longest),
      }),
    );
  }
for (const [app, row] of all)
  console.log(
    JSON.stringify({
      app,
      key_busy_median_ms: Math.round(med(row.busy)),
      longest_task_median_ms: med(row.longest),
    }),
  );
