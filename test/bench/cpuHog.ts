/**
 * `--hog N` for the browser benches: N busy-looping node processes beside the run, so that an old
 * and a new build see the same extra load (this machine's own load comes and goes). Started after
 * the seeding, killed when the measured part ends or the bench exits. Not niced: they compete
 * with Chromium's threads as a user's other busy programs would.
 *
 * Each in a session of its own (`detached`: setsid), so in a scheduling group of its own: with
 * Linux autogroup on (this machine), a hog started in the bench's session shared one group with
 * the bench's own node process — Playwright's driver, uiReloadAb's server — and slowed those
 * rather than the page (session 30, keyone and reloaddash: DevTools commands ~150 ms apart, the
 * app's scripts 0.2–1 s late). A user's other busy program runs in its own session too. Figures
 * with `--hog` before session 30 had the hog in the bench's group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';

export type Hog = { stop(): void; readonly count: number };

export function startHog(count: number): Hog {
  const kids: ChildProcess[] = [];
  for (let i = 0; i < count; i++)
    kids.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore', detached: true }));
  const stop = () => {
    for (const k of kids) if (k.exitCode === null) k.kill('SIGKILL');
    kids.length = 0;
  };
  process.once('exit', stop);
  for (const s of ['SIGINT', 'SIGTERM'] as const)
    process.once(s, () => {
      stop();
      process.exit(130);
    });
  return { stop, count };
}

/** The one-minute load average, rounded, for the benches' JSON lines. */
export const load1 = () => Math.round(loadavg()[0] * 100) / 100;

/** `--hog N` from a bench's arguments (0 when absent). */
export function hogCount(args: string[]): number {
  const i = args.indexOf('--hog');
  const n = i >= 0 ? Number(args[i + 1]) : 0;
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--hog: expected a whole number, got ${args[i + 1]}`);
  return n;
}
