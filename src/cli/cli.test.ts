import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { localToday } from './load';
import { setCliLanguage } from './messages';
import { ROOT } from '../engine/testing/demo';

const FX = 'test/fixtures/playbooks';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    cwd: ROOT,
  });
  return { code, out, err };
}

setCliLanguage('en');

describe('waymark CLI (through main)', () => {
  it('lists commands with --help and exits 2 without a command', async () => {
    expect((await cli('--help')).out).toMatch(
      /validate[\s\S]*score[\s\S]*explain[\s\S]*backtest[\s\S]*sql/,
    );
    expect((await cli()).code).toBe(2);
    const bad = await cli('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown command "frobnicate"/);
  });

  for (const name of ['validate', 'score', 'explain', 'backtest', 'sql', 'history']) {
    it(`${name} --help prints its usage`, async () => {
      const r = await cli(name, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: waymark ${name}`));
    });
  }

  it('validate: 0 for the demo playbook and the demo project file', async () => {
    expect(await cli('validate', `${FX}/demo.playbook.json`)).toMatchObject({ code: 0, err: '' });
    expect((await cli('validate', 'templates/demo.json')).code).toBe(0);
  });

  it('validate: 1 with the JSON path for each bad fixture', async () => {
    const r = await cli('validate', `${FX}/bad-unknown-field.json`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /bad-unknown-field\.json \$\.health\.measures\[1\]\.expr: Unknown field `activ_users`/,
    );
    expect((await cli('validate', `${FX}/bad-newer-version.json`)).err).toMatch(
      /\$\.version: .*update Waymark/,
    );
    expect((await cli('validate', `${FX}/nope.json`)).err).toMatch(
      /nope\.json: cannot read the file \(ENOENT\)/,
    );
  });

  it('validate: a JSON syntax error names line and column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-'));
    writeFileSync(
      join(dir, 'broken.json'),
      '{\n  "format": "waymark-playbook",\n  "version": 1,,\n}',
    );
    const r = await cli('validate', join(dir, 'broken.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 3, column/);
  });

  it('usage errors exit 2', async () => {
    expect((await cli('validate')).code).toBe(2);
    expect(
      (await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-demo.csv`, '--format', 'xml'))
        .err,
    ).toMatch(/--format "xml"/);
    expect(
      (
        await cli(
          'score',
          `${FX}/demo.playbook.json`,
          `${FX}/data-demo.csv`,
          '--as-of',
          '2026-02-30',
        )
      ).code,
    ).toBe(2);
    expect(
      (await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-demo.csv`, '--bogus')).err,
    ).toMatch(/unknown option --bogus/);
    expect((await cli('sql', `${FX}/demo.playbook.json`)).code).toBe(2);
    expect((await cli('explain', `${FX}/demo.playbook.json`, `${FX}/data-demo.csv`)).code).toBe(2);
  });

  it('score: csv, json and ndjson of the same accounts, deterministic', async () => {
    const csv = await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-demo.csv`);
    expect(csv.code).toBe(0);
    const lines = csv.out.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(
      /^account_id,segment,stage,days_in_stage,progress,ready_to_advance,score,color,coverage,owner,/,
    );
    expect(lines[1]).toMatch(/^A001,enterprise,adoption,114,behind,true,/);
    expect((await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-demo.csv`)).out).toBe(
      csv.out,
    );
    const nd = await cli(
      'score',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--format',
      'ndjson',
    );
    const objs = nd.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objs.map((o) => o.account_id)).toEqual(['A001', 'A002', 'A003', 'A004', 'A005']);
    const js = JSON.parse(
      (await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-demo.csv`, '--format', 'json'))
        .out,
    );
    expect(js.accounts).toEqual(objs);
    expect(js.asOf).toBe('2026-11-23');
  });

  it('score: --as-of changes time-dependent results; --out writes a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-'));
    const out = join(dir, 'r.ndjson');
    const r = await cli(
      'score',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--format',
      'ndjson',
      '--as-of',
      '2026-12-23',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]);
    expect(first.days_in_stage).toBe(144);
  });

  it('score: a project file works as the playbook (as of today, said on stderr, when it has no date)', async () => {
    const today = await cli('score', 'templates/demo.json', `${FX}/data-demo.csv`);
    expect(today.code).toBe(0);
    expect(today.err).toContain(`scoring as of ${localToday()} (today)`);
    const r = await cli(
      'score',
      'templates/demo.json',
      `${FX}/data-demo.csv`,
      '--as-of',
      '2026-11-23',
    );
    expect(r.out).toBe((await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-demo.csv`)).out);
  });

  it('score: bad data is exit 1 naming file, row, column and field', async () => {
    const miss = await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-missing-required.csv`);
    expect(miss.code).toBe(1);
    expect(miss.err).toMatch(/data-missing-required\.csv: the required field "mrr"/);
    const bad = await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-unparseable.csv`);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(
      /data-unparseable\.csv, row 3, column 3 \(mrr\) → mrr: "lots" is not a number/,
    );
    expect(bad.err).toMatch(/row 3, column 4 \(stage_entered_at\).*"2026-13-45" is not a date/);
    const dup = await cli('score', `${FX}/demo.playbook.json`, `${FX}/data-duplicate-ids.csv`);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/row 4, column 1 \(account_id\).*"A001".*row 2/);
    const skip = await cli(
      'score',
      `${FX}/demo.playbook.json`,
      `${FX}/data-unparseable.csv`,
      '--bad-rows',
      'skip',
    );
    expect(skip.code).toBe(0);
    expect(skip.out.trim().split('\n')).toHaveLength(2);
  });

  it('explain: contributions add up to the score; unknown account is exit 1', async () => {
    const r = await cli(
      'explain',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--account',
      'A002',
    );
    expect(r.code).toBe(0);
    const e = JSON.parse(r.out);
    expect(
      e.measures.reduce((s: number, m: { contribution: number }) => s + m.contribution, 0),
    ).toBe(e.total);
    expect(e.ctas.map((c: { id: string }) => c.id)).toContain('champion_left');
    expect(e.ctas.find((c: { id: string }) => c.id === 'champion_left').reason).toEqual({
      champion_left: true,
    });
    const none = await cli(
      'explain',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--account',
      'ZZZ',
    );
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/no account with account_id = "ZZZ"/);
  });

  it('backtest: per-colour rates and AUC (descriptive); unknown outcome field is exit 1', async () => {
    const r = await cli(
      'backtest',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--outcome',
      'outcome',
      '--churn',
      'churned',
      '--expansion',
      'expanded',
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const b = JSON.parse(r.out);
    expect(b.mode).toBe('descriptive');
    expect(b.n).toBe(4);
    expect(b.perColor.map((p: { color: string }) => p.color)).toEqual([
      'green',
      'lime',
      'yellow',
      'red',
    ]);
    expect(typeof b.auc.churn.auc).toBe('number');
    // Four accounts, one churn: numbers, but no verdict.
    expect(b.verdict.churn.code).toBe('insufficient');
    const bad = await cli(
      'backtest',
      `${FX}/demo.playbook.json`,
      `${FX}/data-demo.csv`,
      '--outcome',
      'outcom',
      '--churn',
      'churned',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--outcome "outcom" is not a field/);
  });

  it('sql: one query per dialect', async () => {
    const d = await cli('sql', `${FX}/demo.playbook.json`, '--dialect', 'duckdb');
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/^-- Waymark playbook/);
    expect(d.out).toMatch(/WITH\nwm_seg AS/);
    expect(d.out).toMatch(/AS DOUBLE\)/);
    const p = await cli(
      'sql',
      `${FX}/demo.playbook.json`,
      '--dialect',
      'postgres',
      '--table',
      'crm.accounts',
    );
    expect(p.out).toMatch(/DOUBLE PRECISION/);
    expect(p.out).toMatch(/FROM "crm"\."accounts" a/);
    expect((await cli('sql', `${FX}/demo.playbook.json`, '--dialect', 'oracle')).code).toBe(2);
  });

  it('speaks Japanese when LANG is ja', async () => {
    setCliLanguage('ja');
    try {
      expect((await cli('frobnicate')).err).toMatch(/不明なコマンド/);
    } finally {
      setCliLanguage('en');
    }
  });
});

describe('node bin/waymark.mjs (subprocess)', () => {
  it('scores the demo data and exits 0; exits 1 on a bad playbook', () => {
    const ok = spawnSync(
      process.execPath,
      [
        'bin/waymark.mjs',
        'score',
        `${FX}/demo.playbook.json`,
        `${FX}/data-demo.csv`,
        '--format',
        'ndjson',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } },
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(5);
    const bad = spawnSync(
      process.execPath,
      ['bin/waymark.mjs', 'validate', `${FX}/bad-duplicate-id.json`],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } },
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/\$\.ctas\[3\]\.id: duplicate CTA id/);
  }, 60_000);
});
