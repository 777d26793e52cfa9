import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { setCliLanguage } from './messages';
import { ROOT } from '../engine/testing/demo';
import { Project, playbookFromProject } from '../model';
import { compilePlaybook, scoreTable } from '../engine';
import { importAccountFile } from '../data';
import { runCli } from './testing/runCli';

// The history folder end to end: score --history twice, list, compare, the time-split backtest
// on the fixture whose answer is known, DuckDB reading the Parquet back, and bad input.
const FIX = join(ROOT, 'test/fixtures/history');
const answer = JSON.parse(readFileSync(join(FIX, 'answer.json'), 'utf8'));
let dir: string;
let pbFile: string;

const cli = runCli;

setCliLanguage('en');
const project = Project.parse(JSON.parse(readFileSync(join(ROOT, 'templates/demo.json'), 'utf8')));
const pb = playbookFromProject(project);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wm-hist-'));
  pbFile = join(dir, 'demo.playbook.json');
  writeFileSync(pbFile, JSON.stringify(pb));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('waymark score --history / history / backtest --history', () => {
  const hist = () => join(dir, 'hist');
  /** `score --history`: the run of a data file as of a date, appended to hist(). */
  const scoreInto = (playbook: string, file: string, asOf: string) =>
    cli('score', playbook, file, '--as-of', asOf, '--out', join(dir, 'o.csv'), '--history', hist());
  /** `backtest --history` of the run as of 2026-06-01 against an outcomes file. */
  const backtest = (outcomes: string, ...options: string[]) =>
    cli(
      'backtest',
      pbFile,
      '--history',
      hist(),
      '--as-of',
      '2026-06-01',
      '--outcomes',
      outcomes,
      '--outcome',
      'outcome',
      ...options,
    );
  it('appends runs; refuses the same as-of and another project without changing anything', async () => {
    for (const [file, asOf] of [
      ['before.csv', '2026-06-01'],
      ['after.csv', '2026-12-01'],
    ]) {
      const r = await scoreInto(pbFile, join(FIX, file), asOf);
      expect(r.err).toContain(`appended the run as of ${asOf} (200 accounts)`);
      expect(r.code).toBe(0);
    }
    const manifest = readFileSync(join(hist(), 'manifest.json'), 'utf8');
    const again = await scoreInto(pbFile, join(FIX, 'after.csv'), '2026-12-01');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/a run as of 2026-12-01 is already stored.*nothing was written/);
    const other = join(dir, 'other.playbook.json');
    writeFileSync(other, JSON.stringify({ ...pb, name: 'Another project' }));
    const foreign = await scoreInto(other, join(FIX, 'after.csv'), '2027-01-01');
    expect(foreign.code).toBe(1);
    expect(foreign.err).toMatch(/holds runs of the playbook ".*", not "Another project"/);
    expect(readFileSync(join(hist(), 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('lists runs and prints the colour migration matrix', async () => {
    const list = await cli('history', hist(), '--format', 'json');
    const m = JSON.parse(list.out);
    expect(m.runs.map((r: { asOf: string }) => r.asOf)).toEqual(['2026-06-01', '2026-12-01']);
    const cmp = await cli(
      'history',
      hist(),
      '--compare',
      '2026-06-01',
      '2026-12-01',
      '--format',
      'json',
    );
    const mm = JSON.parse(cmp.out);
    expect(mm.onlyInA).toBe(1);
    expect(mm.onlyInB).toBe(1);
    const sum = mm.counts.flat().reduce((x: number, y: number) => x + y, 0);
    expect(sum).toBe(199);
    const text = await cli('history', hist(), '--compare', '2026-06-01', '2026-12-01');
    expect(text.out).toContain('Colour migration 2026-06-01 → 2026-12-01');
  });

  it('backtests the history run against later outcomes: the known answer', async () => {
    const r = await backtest(
      join(FIX, 'after.csv'),
      '--churn',
      'churned',
      '--expansion',
      'expanded',
      '--observed-at',
      '2026-12-01',
      '--format',
      'json',
    );
    expect(r.err).toBe('');
    const b = JSON.parse(r.out);
    expect(b.mode).toBe('predictive');
    expect(b.n).toBe(answer.n);
    expect(b.base.churn.rate).toBeCloseTo(answer.baseChurn, 12);
    expect(
      b.perColor.map(
        (p: {
          color: string;
          accounts: number;
          churn: { count: number };
          expansion: { count: number };
        }) => ({
          color: p.color,
          accounts: p.accounts,
          churned: p.churn.count,
          expanded: p.expansion.count,
        }),
      ),
    ).toEqual(answer.perColor);
    // The score went through Parquet DOUBLE unchanged: the AUC is exactly the fixture's.
    expect(b.auc.churn.auc).toBeCloseTo(answer.aucChurn, 12);
    expect(b.join.listedPredictionsWithoutOutcome).toEqual([answer.firstAccount]);
    const text = await backtest(join(FIX, 'after.csv'), '--churn', 'churned');
    expect(text.out).toMatch(/Backtest \(predictive\): scores as of 2026-06-01/);
    expect(text.out).toMatch(/better than chance/);
    // Without --churn/--expansion: the values seen are listed, nothing guessed.
    const none = await backtest(join(FIX, 'after.csv'));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Values seen: renewed \(\d+\), churned \(\d+\), expanded \(\d+\)/);
  });

  it('writes Parquet that DuckDB reads back with identical values', async () => {
    const c = compilePlaybook(pb, { asOf: '2026-06-01' });
    if (!c.ok) throw new Error('playbook');
    const imp = importAccountFile(
      new Uint8Array(readFileSync(join(FIX, 'before.csv'))),
      'before.csv',
      pb.fields,
    );
    const r = scoreTable(c.compiled, imp.table);
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const file = join(hist(), 'runs/2026-06-01.parquet').replace(/'/g, "''");
    const reader = await con.runAndReadAll(
      `SELECT * FROM read_parquet('${file}') ORDER BY account_id`,
    );
    const rows = reader.getRowObjectsJson() as Record<string, unknown>[];
    expect(rows.length).toBe(r.rowCount);
    const byId = new Map(r.accountIds.map((id, i) => [id, i]));
    let mismatches = 0;
    for (const row of rows) {
      const i = byId.get(String(row.account_id))!;
      const same = (a: unknown, b: number) => (Number.isNaN(b) ? a === null : Number(a) === b);
      if (!same(row.score, r.total[i])) mismatches++;
      if (row.color !== (r.color[i] < 0 ? null : r.colorIds[r.color[i]])) mismatches++;
      if (row.segment !== r.segmentIds[r.segment[i]]) mismatches++;
      if (row.stage !== (r.stage[i] < 0 ? null : r.stageIds[r.stage[i]])) mismatches++;
      if (row.owner !== r.ownerIds[r.owner[i]]) mismatches++;
      if (!same(row.coverage, r.coverage[i])) mismatches++;
      if (!same(row.days_in_stage, r.daysInStage[i])) mismatches++;
      if (row.as_of !== '2026-06-01') mismatches++;
      for (let k = 0; k < r.dimensionIds.length; k++)
        if (!same(row[`dim__${r.dimensionIds[k]}`], r.dimensionScores[k][i])) mismatches++;
      for (let k = 0; k < r.measures.length; k++)
        if (!same(row[`pts__${r.measures[k].id}`], r.measurePoints[k][i])) mismatches++;
      for (let k = 0; k < r.ctas.length; k++)
        if (row[`cta__${r.ctas[k].id}`] !== (r.ctaFired[k][i] === 1)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('names the file and what to do for a truncated run, a newer format, duplicate outcomes', async () => {
    const runFile = join(hist(), 'runs/2026-12-01.parquet');
    const whole = readFileSync(runFile);
    writeFileSync(runFile, whole.subarray(0, whole.length - 100));
    const trunc = await cli('history', hist(), '--compare', '2026-06-01', '2026-12-01');
    expect(trunc.code).toBe(1);
    expect(trunc.err).toMatch(
      /runs\/2026-12-01\.parquet: not a readable Parquet file \(truncated or damaged/,
    );
    writeFileSync(runFile, whole);
    const manifestFile = join(hist(), 'manifest.json');
    const manifest = readFileSync(manifestFile, 'utf8');
    writeFileSync(manifestFile, JSON.stringify({ ...JSON.parse(manifest), version: 99 }));
    const newer = await cli('history', hist());
    expect(newer.code).toBe(1);
    expect(newer.err).toMatch(/manifest\.json: written by a newer Waymark \(history format 99\)/);
    writeFileSync(manifestFile, manifest);
    const dupFile = join(dir, 'dup.csv');
    const lines = readFileSync(join(FIX, 'after.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(dupFile, [...lines, lines[1]].join('\n') + '\n');
    const dup = await backtest(dupFile, '--churn', 'churned');
    // The importer itself refuses duplicate account keys, naming the file and the rows.
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/dup\.csv/);
  });
});

describe('bad history folders (test/fixtures/bad/history)', () => {
  const BAD = 'test/fixtures/bad/history';
  it.each([
    [
      'newer',
      [],
      /manifest\.json: written by a newer Waymark \(history format 2\)\. Update Waymark/,
    ],
    [
      'not-history',
      [],
      /manifest\.json: not a Waymark history manifest \(format "waymark-history"\)/,
    ],
    ['broken-manifest', [], /manifest\.json: the history manifest is not valid JSON .*Restore it/],
    [
      'truncated-run',
      ['--compare', '2026-06-01', '2026-07-01'],
      /runs\/2026-06-01\.parquet: not a readable Parquet file \(truncated or damaged/,
    ],
    [
      'truncated-run',
      ['--compare', '2026-07-01', '2026-06-01'],
      /runs\/2026-07-01\.parquet: the run file listed in the manifest cannot be read \(ENOENT\)/,
    ],
    ['no-such-folder', [], /no history here \(manifest\.json not found\)/],
    [
      'duplicate-as-of',
      [],
      /manifest\.json: the manifest lists two runs as of 2026-06-01 \(runs\/2026-06-01\.parquet, runs\/2026-07-01\.parquet\)\. Remove one/,
    ],
  ])('%s %j', async (name, extra, message) => {
    const r = await cli('history', `${BAD}/${name}`, ...(extra as string[]));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message as RegExp);
  });
});

describe('bad outcomes files (test/fixtures/bad/history/outcomes)', () => {
  const OUT = 'test/fixtures/bad/history/outcomes';
  const backtest = (file: string) =>
    cli(
      'backtest',
      'test/fixtures/playbooks/demo.playbook.json',
      '--history',
      'test/fixtures/history-cli',
      '--as-of',
      '2026-06-01',
      '--outcomes',
      `${OUT}/${file}`,
      '--outcome',
      'outcome',
      '--churn',
      'churned',
    );
  it('refuses duplicate accounts, naming the file, row, column and the first row', async () => {
    const r = await backtest('duplicate-accounts.csv');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /duplicate-accounts\.csv, row 7, column 1 \(account_id\) → account_id: account id "AC0000002" appears again \(first in row 2\)/,
    );
    expect(r.err).toMatch(/fix them and run again/);
  });
  it('counts and lists outcomes for accounts the run did not score, and says how many more', async () => {
    const r = await backtest('unknown-accounts.csv');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/outcome for an account not scored: 2;/);
    expect(r.out).toMatch(/Not scored in the run: ZZ9999999, ZZ9999998\n/);
    expect(r.out).toMatch(/No outcome for: AC0000001, .* … and 95 more\n/);
  });
});
