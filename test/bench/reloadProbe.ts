/**
 * `npx tsx test/bench/reloadProbe.ts --app DIR --port P --profile-dir DIR [--strace] [--perf]
 * [--threads] [--tag T] [--wait MS]`: one reload of a seeded 1M-account profile (seed it with
 * uiReloadAb.ts first), with the renderer's main thread watched from outside: `--strace` writes its munmap/madvise/mprotect calls
 * (with durations) to /tmp/reloadgc/strace-<tag>.txt, `--perf` records its samples with call
 * graphs to /tmp/reloadgc/perf-<tag>.data; `--threads` traces every thread of the renderer.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/chromium.mjs';
import { serveBuiltApp } from './builtAppServer';

const args = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = args.indexOf(`--${n}`);
  return i >= 0 ? args[i + 1] : d;
};
const root = resolve(opt('app', 'dist'));
const port = Number(opt('port', '5231'));
const profileDir = opt('profile-dir', '/tmp/reloadgc-ab');
const tag = opt('tag', 'probe');
const wait = Number(opt('wait', '8000'));
const server = await serveBuiltApp(() => root, port);
const base = server.base;
const ctx = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM_PATH ?? findChromium() ?? undefined,
  args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'],
  viewport: { width: 1440, height: 900 },
  locale: 'en-US',
});
await ctx.addInitScript(() => localStorage.setItem('waymark.lang', 'en'));
const page = ctx.pages()[0] ?? (await ctx.newPage());
page.setDefaultTimeout(600_000);
const n = (1_000_000).toLocaleString('en-US');
const ready = async () => {
  await page.getByTestId('kpi-accounts').filter({ hasText: n }).waitFor();
  await page.getByTestId('tab-accounts').waitFor();
};
await page.goto(`${base}/#/p/demo/results`);
await ready();
await page.waitForTimeout(1500);
// The renderers: the page's is the one whose main thread is busiest now.
const renderers = readdirSync('/proc').filter((pid) => {
  try {
    const c = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return c.includes('--type=renderer') && !c.includes('extension');
  } catch {
    return false;
  }
});
const rss = (pid: string) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
const pid = renderers.sort((a, b) => rss(b) - rss(a))[0];
console.log(
  `renderers ${renderers.join(',')}; page's ${pid}, rss ${Math.round(rss(pid) / 1024)} MB`,
);
mkdirSync('/tmp/reloadgc', { recursive: true });
const kids: ChildProcess[] = [];
if (args.includes('--strace'))
  kids.push(
    spawn(
      'strace',
      [
        ...(args.includes('--threads') ? ['-f'] : []),
        '-T',
        '-tt',
        '-e',
        'trace=munmap,madvise,mprotect,mmap',
        '-o',
        `/tmp/reloadgc/strace-${tag}.txt`,
        '-p',
        pid,
      ],
      { stdio: 'inherit' },
    ),
  );
if (args.includes('--perf'))
  kids.push(
    spawn(
      'perf',
      ['record', '-g', '-F', '2000', '-t', pid, '-o', `/tmp/reloadgc/perf-${tag}.data`],
      {
        stdio: 'inherit',
      },
    ),
  );
await new Promise((r) => setTimeout(r, 1000));
const t0 = Date.now();
console.log(`reload at ${new Date(t0).toISOString()}`);
await page.reload();
await page
  .getByTestId('stored-kpi-accounts')
  .or(page.getByTestId('kpi-accounts'))
  .filter({ hasText: n })
  .first()
  .waitFor();
console.log(`stored dashboard ${Date.now() - t0} ms`);
await ready();
console.log(`re-derived ${Date.now() - t0} ms`);
await page.waitForTimeout(wait);
for (const k of kids) k.kill('SIGINT');
await new Promise((r) => setTimeout(r, 1500));
await ctx.close();
server.close();
