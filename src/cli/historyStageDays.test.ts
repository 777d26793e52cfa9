import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parquetReadObjects } from 'hyparquet';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { setCliLanguage } from './messages';
import { miniPlaybook } from '../engine/testing/mini';

// `waymark score --history DIR` with an inferred stage: days in stage come from the runs already
// in DIR (engine/stageHistory.ts). Three daily files; the answer by hand for 2026-01-31:
//   x1: stage a on 01-01, 01-15 and now → 30 days; x2: b on 01-15, a now → 0;
//   x3: b on 01-01, 01-15 and now → 30; x4: new on 01-31 → unknown (empty).
setCliLanguage('en');
const dir = mkdtempSync(join(tmpdir(), 'wm-stagedays-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pbFile = join(dir, 'mini.json');
writeFileSync(pbFile, JSON.stringify(miniPlaybook({ stageSource: { kind: 'inferred' } })));
const files: Record<string, string> = {
  '2026-01-01': 'id,kickoff,nps\nx1,false,\nx2,false,\nx3,true,3\n',
  '2026-01-15': 'id,kickoff,nps\nx1,false,\nx2,true,3\nx3,true,3\n',
  '2026-01-31': 'id,kickoff,nps\nx1,false,\nx2,false,\nx3,true,3\nx4,false,\n',
};

async function run(asOf: string, history: string, extra: string[] = []) {
  const data = join(dir, `${asOf}.csv`);
  writeFileSync(data, files[asOf]);
  let out = '';
  let err = '';
  const code = await main(
    ['score', pbFile, data, '--as-of', asOf, '--history', history, '--no-bom', ...extra],
    { stdout: (s) => (out += s), stderr: (s) => (err += s), cwd: dir },
  );
  expect(err).toMatch(/Appended|appended/);
  expect(code).toBe(0);
  return out;
}

async function score(asOf: string, history: string) {
  return daysOf(await run(asOf, history));
}

function daysOf(out: string) {
  const [head, ...rows] = out.trim().split(/\r?\n/);
  const cols = head.split(',');
  const at = (name: string) => cols.indexOf(name);
  return Object.fromEntries(
    rows.map((r) => r.split(',')).map((c) => [c[at('account_id')], c[at('days_in_stage')]]),
  );
}

describe('waymark score --history: days in stage from the history', () => {
  it('counts days from the runs already in the folder, in the output and the run stored', async () => {
    const h = join(dir, 'hist');
    expect(await score('2026-01-01', h)).toEqual({ x1: '', x2: '', x3: '' });
    expect(await score('2026-01-15', h)).toEqual({ x1: '14', x2: '0', x3: '14' });
    expect(await score('2026-01-31', h)).toEqual({ x1: '30', x2: '0', x3: '30', x4: '' });
    const stored = await parquetReadObjects({
      file: new Uint8Array(readFileSync(join(h, 'runs/2026-01-31.parquet'))).buffer as ArrayBuffer,
      columns: ['account_id', 'days_in_stage'],
    });
    expect(stored.map((r) => [r.account_id, r.days_in_stage])).toEqual([
      ['x1', 30],
      ['x2', 0],
      ['x3', 30],
      ['x4', null],
    ]);
  });

  it("gives the same output with --threads 2: the worker threads get the earlier runs' streaks", async () => {
    const one = join(dir, 'one');
    const two = join(dir, 'two');
    let last = '';
    for (const asOf of Object.keys(files)) {
      const a = await run(asOf, one);
      // One row per job, so the rows of a run go to both threads.
      const b = await run(asOf, two, ['--threads', '2', '--chunk-rows', '1']);
      expect(b).toBe(a);
      last = b;
    }
    // And what they wrote is the history's answer by hand (above), not the same blank twice.
    expect(daysOf(last)).toEqual({ x1: '30', x2: '0', x3: '30', x4: '' });
  });
});
