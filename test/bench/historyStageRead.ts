/**
 * `npm run bench -- history` part: days in stage from a CLI history folder of `runs` runs ×
 * `rows` demo accounts (stages never change: every run is read), as `waymark score --history`
 * reads it before scoring. Returns wall and CPU ms of each repeat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Playbook } from '../../src/model';
import type { ScoreResult } from '../../src/engine';
import { appendRun, stageStreaksFromHistory } from '../../src/cli/history';

export async function makeStageHistory(
  pb: Playbook,
  run: ScoreResult,
  runs: number,
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'wm-stage-bench-'));
  const io = { cwd: process.cwd(), stdout: () => undefined, stderr: () => undefined };
  for (let k = 0; k < runs; k++) {
    const asOf = new Date(Date.UTC(2026, 0, 1 + 7 * k)).toISOString().slice(0, 10);
    await appendRun(io, dir, pb, { ...run, asOf }, 'bench.csv');
  }
  return dir;
}

export async function timeStageRead(
  dir: string,
): Promise<{ wall: number; cpu: number; runs: number }> {
  const io = { cwd: process.cwd(), stdout: () => undefined, stderr: () => undefined };
  const t = performance.now();
  const cpu = process.cpuUsage();
  const s = await stageStreaksFromHistory(io, dir, '2099-01-01');
  const u = process.cpuUsage(cpu);
  return {
    wall: performance.now() - t,
    cpu: (u.user + u.system) / 1000,
    runs: s?.runs.length ?? 0,
  };
}

export const removeStageHistory = (dir: string) => rmSync(dir, { recursive: true, force: true });
