import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localToday } from './load';
import { setCliLanguage } from './messages';
import { ROOT } from '../engine/testing/demo';
import {
  compilePlaybook,
  explainAccount,
  resultToCsv,
  resultToJson,
  resultToNdjson,
  scoreTable,
} from '../engine';
import { readPlaybookDocument } from '../engine/readPlaybook';
import { importAccountFile } from '../data';
import { generateDemoTable } from '../data/demo/generate';
import { tableToCsv } from '../data/tableCsv';
import Papa from 'papaparse';
import { runCli } from './testing/runCli';

const FX = 'test/fixtures/playbooks';

const cli = runCli;

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
    // The zone the date was taken in is said too (TZ of the process).
    expect(today.err).toContain(`in time zone ${Intl.DateTimeFormat().resolvedOptions().timeZone}`);
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

  it('explain: `row` is numbered as the import issues are, even after skipped rows and multi-line cells', async () => {
    // data-explain-rows.csv: header, A001, A002 (bad mrr: skipped), A003 (a quoted line break), A004.
    const file = `${FX}/data-explain-rows.csv`;
    const rowOf = async (id: string) => {
      const r = await cli(
        'explain',
        `${FX}/demo.playbook.json`,
        file,
        '--account',
        id,
        '--bad-rows',
        'skip',
      );
      expect(r.code).toBe(0);
      return { row: JSON.parse(r.out).row, err: r.err };
    };
    const a1 = await rowOf('A001');
    expect(a1.row).toBe(2);
    // The warning names A002's row the same way: row 3.
    expect(a1.err).toContain('data-explain-rows.csv, row 3, column 3 (mrr)');
    expect((await rowOf('A003')).row).toBe(4);
    expect((await rowOf('A004')).row).toBe(5);
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

  describe('score streams its output in chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-stream-'));
    const data = join(dir, 'accounts.csv');
    const project = readPlaybookDocument(readFileSync(join(ROOT, 'templates', 'demo.json')));
    if (!project.ok) throw new Error('demo template does not read');
    const pb = project.playbook;
    writeFileSync(data, tableToCsv(generateDemoTable({ rows: 700, seed: 3 }), pb.fields));
    const asOf = ['--as-of', '2026-11-23'];
    // The reference: the whole file imported and scored at once, written as one string.
    const whole = (() => {
      const c = compilePlaybook(pb, { asOf: '2026-11-23' });
      if (!c.ok) throw new Error('demo playbook does not compile');
      const { table } = importAccountFile(readFileSync(data), 'accounts.csv', pb.fields);
      return scoreTable(c.compiled, table);
    })();
    // CSV starts with a UTF-8 BOM (as the app's CSV exports, for Excel); JSON and NDJSON never.
    const reference = {
      csv: '\uFEFF' + resultToCsv(whole),
      json: resultToJson(whole),
      ndjson: resultToNdjson(whole),
    };

    for (const format of ['csv', 'json', 'ndjson'] as const)
      it(`${format}: 700 accounts in chunks of 64 (and of 1) give the whole-result text`, async () => {
        const small = await cli(
          'score',
          'templates/demo.json',
          data,
          ...asOf,
          '--format',
          format,
          '--chunk-rows',
          '64',
        );
        expect(small.code).toBe(0);
        expect(small.out).toBe(reference[format]);
        const one = await cli(
          'score',
          'templates/demo.json',
          data,
          ...asOf,
          '--format',
          format,
          '--chunk-rows',
          '1',
        );
        expect(one.out).toBe(reference[format]);
        if (format === 'json') expect(JSON.parse(one.out).accounts).toHaveLength(700);
      });

    it('csv: --no-bom drops the BOM and changes nothing else', async () => {
      const plain = await cli('score', 'templates/demo.json', data, ...asOf, '--no-bom');
      expect(plain.code).toBe(0);
      expect(plain.out).toBe(resultToCsv(whole));
      expect(plain.out.charCodeAt(0)).not.toBe(0xfeff);
      // Only once, at the very start, whatever the chunking.
      const chunked = await cli('score', 'templates/demo.json', data, ...asOf, '--chunk-rows', '7');
      expect(chunked.out.split('\uFEFF')).toHaveLength(2);
      expect(chunked.out.startsWith('\uFEFFaccount_id,')).toBe(true);
      // JSON takes no BOM, with or without the flag.
      const js = await cli(
        'score',
        'templates/demo.json',
        data,
        ...asOf,
        '--format',
        'json',
        '--no-bom',
      );
      expect(js.out).toBe(reference.json);
    });

    it('csv: 20,000 accounts in chunks of 9,000 (written in pieces of 8,192 rows) equal one run', async () => {
      const big = join(dir, 'big.csv');
      writeFileSync(big, tableToCsv(generateDemoTable({ rows: 20_000, seed: 4 }), pb.fields));
      const chunked = await cli(
        'score',
        'templates/demo.json',
        big,
        ...asOf,
        '--chunk-rows',
        '9000',
      );
      const c = compilePlaybook(pb, { asOf: '2026-11-23' });
      if (!c.ok) throw new Error('demo playbook does not compile');
      const { table } = importAccountFile(readFileSync(big), 'big.csv', pb.fields);
      expect(chunked.out).toBe('\uFEFF' + resultToCsv(scoreTable(c.compiled, table)));
      expect(chunked.out.split('\n')).toHaveLength(20_002);
    }, 60_000);

    it('--out writes the same bytes through a temporary file renamed into place', async () => {
      const out = join(dir, 'scores.csv');
      const r = await cli(
        'score',
        'templates/demo.json',
        data,
        ...asOf,
        '--chunk-rows',
        '50',
        '--out',
        out,
      );
      expect(r.code).toBe(0);
      expect(r.err).toContain('wrote 700 accounts');
      expect(readFileSync(out, 'utf8')).toBe(reference.csv);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    });

    it('a bad --chunk-rows is a usage error; an unwritable --out is exit 1 and leaves nothing', async () => {
      for (const v of ['0', '-3', '1.5', 'many'])
        expect(
          (await cli('score', 'templates/demo.json', data, ...asOf, '--chunk-rows', v)).code,
        ).toBe(2);
      const bad = await cli(
        'score',
        'templates/demo.json',
        data,
        ...asOf,
        '--out',
        join(dir, 'no', 'such', 'dir.csv'),
      );
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/dir\.csv: cannot write the file \(ENOENT\)/);
      if (existsSync('/dev/full')) {
        // A full disk part way through: reported, exit 1.
        const full = await cli('score', 'templates/demo.json', data, ...asOf, '--out', '/dev/full');
        expect(full.code).toBe(1);
        expect(full.err).toMatch(/cannot write the file \(ENOSPC\)/);
      }
    });

    it('a failed run leaves the previous output file as it was', async () => {
      const out = join(dir, 'kept.csv');
      writeFileSync(out, 'yesterday');
      const r = await cli(
        'score',
        'templates/demo.json',
        `${FX}/data-unparseable.csv`,
        ...asOf,
        '--out',
        out,
      );
      expect(r.code).toBe(1);
      expect(readFileSync(out, 'utf8')).toBe('yesterday');
    });
  });

  it('explain (one account scored) equals a whole-table run', async () => {
    const pbDoc = readPlaybookDocument(readFileSync(join(ROOT, FX, 'demo.playbook.json')));
    if (!pbDoc.ok) throw new Error('demo playbook does not read');
    const c = compilePlaybook(pbDoc.playbook);
    if (!c.ok) throw new Error('demo playbook does not compile');
    const { table } = importAccountFile(
      readFileSync(join(ROOT, FX, 'data-demo.csv')),
      'data-demo.csv',
      pbDoc.playbook.fields,
    );
    const whole = scoreTable(c.compiled, table);
    for (const [row, id] of whole.accountIds.entries()) {
      const r = await cli(
        'explain',
        `${FX}/demo.playbook.json`,
        `${FX}/data-demo.csv`,
        '--account',
        id,
      );
      // The same explanation, except `row`: the file's row as a spreadsheet shows it (header = 1).
      expect(r.out).toBe(
        JSON.stringify(
          { ...explainAccount(c.compiled, table, whole, row), row: row + 2 },
          null,
          2,
        ) + '\n',
      );
    }
  });

  it('score neutralises hostile text from the data (test/fixtures/bad/import/csv-injection.csv)', async () => {
    const r = await cli(
      'score',
      `${FX}/demo.playbook.json`,
      'test/fixtures/bad/import/csv-injection.csv',
    );
    expect(r.code).toBe(0);
    // The import warns about formula-like cells; they are data, not errors.
    expect(r.err).toMatch(
      /csv-injection\.csv, row 3, column 1 \(account_id\).*starts like a spreadsheet formula; it is kept as text and neutralised on export/,
    );
    const ids = Papa.parse<string[]>(r.out.trim(), { newline: '\n' })
      .data.slice(1)
      .map((row) => row[0]);
    expect(ids).toEqual([
      `'-2+3+cmd|' /C calc'!A0`,
      `'=HYPERLINK("http://evil.example","x")`,
      "'@SUM(A1)",
      "'＝1+1",
      'a;b',
      "'=1", // the import trims the leading tab
      '-5',
    ]);
    expect(r.out).toContain('\n"a;b",');
  });

  it('sql: one query per dialect', async () => {
    const d = await cli('sql', `${FX}/demo.playbook.json`, '--dialect', 'duckdb');
    expect(d.code).toBe(0);
    expect(d.out).toMatch(/^-- Waymark playbook/);
    expect(d.out).toMatch(/WITH\nwm_in AS/);
    expect(d.out).toMatch(/\nORDER BY wm_key COLLATE "C" NULLS LAST/);
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
