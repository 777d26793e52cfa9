import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaymarkDB, setDbForTests } from '../store/db';
import { loadRun, saveRun } from '../store/runStore';
import { stageStreaksFromStore } from './stageRuns';
import { compilePlaybook, resultToCsv, scoreTable, summarise } from '../engine';
import { DAYS_AT_LEAST, DAYS_ENTERED, DAYS_HISTORY } from '../engine/stageHistory';
import { miniPlaybook } from '../engine/testing/mini';
import { tableFor } from '../engine/testing/demo';
import { main } from '../cli/main';
import { setCliLanguage } from '../cli/messages';

// The app's scoring worker and `waymark score --history` give the same days in stage, progress,
// CTAs and scores for the same runs and playbook: four weekly runs, each scored both ways — the
// app from the runs in its store (stageStreaksFromStore, as score.worker.ts does), the CLI from
// its history folder — and their CSV outputs compared whole.
// x1 stays in a; x2 moves a → b on 01-15; x3 is missing from the 01-15 run (a gap); x4 arrives on
// 01-22; x5 is b from the start.
const pb = miniPlaybook({
  stageSource: { kind: 'inferred' },
  ctas: [
    {
      id: 'long',
      label: 'Long in stage',
      type: 'risk',
      trigger: 'days_in_stage >= 14',
      priority: 'medium',
      ownerRole: '',
      dueInDays: 3,
      segments: [],
      stages: [],
      steps: [],
      dedupeKey: 'long',
    },
  ],
});
type Row = { id: string; kickoff: boolean; nps?: number; usage?: number };
const x = (id: string, kickoff: boolean, usage: number, nps?: number): Row => ({
  id,
  kickoff,
  usage,
  ...(nps === undefined ? {} : { nps }),
});
const days: [string, Row[]][] = [
  ['2026-01-01', [x('x1', false, 10), x('x2', false, 5), x('x3', false, 30), x('x5', true, 40, 3)]],
  ['2026-01-08', [x('x1', false, 12), x('x2', false, 8), x('x3', false, 25), x('x5', true, 41, 3)]],
  ['2026-01-15', [x('x1', false, 14), x('x2', true, 20, 7), x('x5', true, 45, 3)]],
  [
    '2026-01-22',
    [
      x('x1', false, 15),
      x('x2', true, 22, 8),
      x('x3', false, 20),
      x('x4', false, 1),
      x('x5', true, 44, 9),
    ],
  ],
];
const csv = (rows: Row[]) =>
  'id,kickoff,usage,nps\n' +
  rows.map((r) => `${r.id},${r.kickoff},${r.usage},${r.nps ?? ''}`).join('\n') +
  '\n';

setCliLanguage('en');
const dir = mkdtempSync(join(tmpdir(), 'wm-app-cli-days-'));
const pbFile = join(dir, 'pb.json');
writeFileSync(pbFile, JSON.stringify(pb));
beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
afterAll(() => {
  setDbForTests(null);
  rmSync(dir, { recursive: true, force: true });
});

async function cli(asOf: string, rows: Row[]): Promise<string> {
  const data = join(dir, `${asOf}.csv`);
  writeFileSync(data, csv(rows));
  let out = '';
  let err = '';
  const code = await main(
    ['score', pbFile, data, '--as-of', asOf, '--history', join(dir, 'hist'), '--no-bom'],
    { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir },
  );
  expect(code, err).toBe(0);
  return out;
}

async function app(asOf: string, rows: Row[]) {
  const c = compilePlaybook(pb, { asOf });
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  const stageStreaks = await stageStreaksFromStore('p1', asOf);
  const r = scoreTable(c.compiled, tableFor(pb, rows), { asOf, stageStreaks });
  const row = await saveRun('p1', 'd1', r, summarise(r), undefined, 'data.csv', 'UTC', pb);
  return { r, row };
}

describe('days in stage: the app and the CLI agree on the same runs', () => {
  it('gives identical outputs run after run, and stores where each number came from', async () => {
    const out: Awaited<ReturnType<typeof app>>[] = [];
    for (const [asOf, rows] of days) {
      const fromCli = await cli(asOf, rows);
      const { r, row } = await app(asOf, rows);
      expect(fromCli.split('\n')[0]).toContain('days_in_stage');
      expect(resultToCsv(r).replace(/\r\n/g, '\n')).toBe(fromCli.replace(/\r\n/g, '\n'));
      out.push({ r, row });
    }
    // The answer by hand for 2026-01-22 (so "equal" is not "equally wrong"):
    const { r, row } = out[3];
    const at = (id: string) => r.accountIds.indexOf(id);
    const d = (id: string) => r.daysInStage[at(id)];
    expect(d('x1')).toBe(21); // a in every run since 01-01: at least
    expect(d('x2')).toBe(7); // b since 01-15, a on 01-08
    expect(Number.isNaN(d('x3'))).toBe(true); // not in the 01-15 run
    expect(Number.isNaN(d('x4'))).toBe(true); // new
    expect(d('x5')).toBe(21);
    expect(r.daysSource![at('x1')]).toBe(DAYS_AT_LEAST);
    expect(r.daysSource![at('x2')]).toBe(DAYS_HISTORY);
    expect(r.stageHistoryRuns).toEqual(['2026-01-15', '2026-01-08', '2026-01-01']);
    // The long-in-stage CTA fired on x1 and x5 only, in both outputs.
    expect(Array.from(r.ctaFired[r.ctas.findIndex((c) => c.id === 'long')])).toEqual([
      1, 0, 0, 0, 1,
    ]);
    // What is stored is what was scored: days, their source, the runs read.
    const back = (await loadRun(row.id))!.result;
    expect(Array.from(back.daysInStage)).toEqual(Array.from(r.daysInStage));
    expect(Array.from(back.daysSource!)).toEqual(Array.from(r.daysSource!));
    expect(back.stageHistoryRuns).toEqual(r.stageHistoryRuns);
    // 01-15's run: x2 entered b since the 01-08 run: 0 days.
    const r15 = out[2].r;
    expect(r15.daysInStage[1]).toBe(0);
    expect(r15.daysSource![1]).toBe(DAYS_ENTERED);
  });
});
