/**
 * `waymark sql` end to end: the refusal corpus (test/fixtures/bad/sql) with its expected
 * messages, and a playbook of hostile ids whose printed query runs in DuckDB and PostgreSQL
 * (standard_conforming_strings on and off) with the engine's results and no extra statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { setCliLanguage } from '../messages';
import { ROOT } from '../../engine/testing/demo';
import { compilePlaybook, readPlaybookDocument, scoreTable } from '../../engine';
import { tableFromRows } from '../../table/columns';
import { loadIntoDuckDB } from '../../engine/testing/duckdbLoad';
import { createTableSql, insertSql } from '../../engine/sql/loadTable';
import { compareWithSql, type SqlRow } from '../../engine/sql/compareRows';
import { runCli } from '../testing/runCli';

const BAD = 'test/fixtures/bad/sql';

const cli = runCli;

interface BadCase {
  file: string;
  about: string;
  dialect: 'duckdb' | 'postgres';
  stderr: string[];
  acceptedBy?: 'duckdb' | 'postgres';
}
const cases = (
  JSON.parse(readFileSync(join(ROOT, BAD, 'expected.json'), 'utf8')) as { cases: BadCase[] }
).cases;

describe('waymark sql refuses what it cannot write safely (test/fixtures/bad/sql)', () => {
  setCliLanguage('en');
  it('has a case for every fixture file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });
  for (const c of cases) {
    it(`${c.file} --dialect ${c.dialect}: ${c.about}`, async () => {
      const r = await cli('sql', `${BAD}/${c.file}`, '--dialect', c.dialect);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      for (const line of c.stderr) expect(r.err).toContain(line);
      if (c.acceptedBy) {
        const ok = await cli('sql', `${BAD}/${c.file}`, '--dialect', c.acceptedBy);
        expect({ code: ok.code, err: ok.err }).toEqual({ code: 0, err: '' });
      }
    });
  }

  it('says it in Japanese when LANG is ja', async () => {
    setCliLanguage('ja');
    try {
      const r = await cli('sql', `${BAD}/nul-segment-id.playbook.json`, '--dialect', 'postgres');
      expect(r.code).toBe(1);
      expect(r.err).toContain('$.segments.items[0].id: NUL 文字 (U+0000');
      expect(r.err).toContain('PostgreSQL の SQL として安全に書けないため、何も出力しませんでした');
    } finally {
      setCliLanguage('en');
    }
  });
});

describe('waymark sql on a playbook of hostile ids, run in DuckDB and PostgreSQL', () => {
  const FILE = 'test/fixtures/playbooks/hostile-ids.playbook.json';
  const read = readPlaybookDocument(readFileSync(join(ROOT, FILE)));
  if (!read.ok) throw new Error(JSON.stringify(read.issues));
  const pb = read.playbook;
  const compiled = compilePlaybook(pb);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  const rows = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/playbooks/hostile-ids.data.json'), 'utf8'),
  ) as Record<string, unknown>[];
  const table = tableFromRows(
    rows,
    Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type])),
  );
  const result = scoreTable(compiled.compiled, table);

  let duck: DuckDBConnection;
  let pg: PGlite;
  beforeAll(async () => {
    duck = await (await DuckDBInstance.create(':memory:')).connect();
    pg = new PGlite();
    await pg.waitReady;
    for (const run of [(s: string) => duck.run(s), (s: string) => pg.exec(s)])
      await run('CREATE TABLE canary (x INTEGER)');
  }, 120_000);
  afterAll(async () => {
    duck?.closeSync();
    await pg?.close();
  });

  it('DuckDB: one statement, the engine’s results, the canary table intact', async () => {
    const r = await cli('sql', FILE, '--dialect', 'duckdb');
    expect(r).toMatchObject({ code: 0, err: '' });
    await loadIntoDuckDB(duck, 'accounts', table, pb.fields);
    expect((await duck.extractStatements(r.out)).count).toBe(1);
    const got = (await duck.runAndReadAll(r.out)).getRowObjects() as SqlRow[];
    expect(compareWithSql(result, got)).toEqual([]);
    await duck.run('SELECT count(*) FROM canary');
  });

  for (const scs of ['off', 'on'] as const) {
    it(`PostgreSQL, standard_conforming_strings=${scs}: same results, canary intact`, async () => {
      const r = await cli('sql', FILE, '--dialect', 'postgres', '--table', 'crm.accounts');
      expect(r).toMatchObject({ code: 0, err: '' });
      // Load with the default setting, then run the query under the one being tested.
      await pg.exec('CREATE SCHEMA crm');
      let results;
      try {
        await pg.exec(
          createTableSql('accounts', pb.fields, 'postgres').replace('"accounts"', 'crm."accounts"'),
        );
        for (const s of insertSql('accounts', table, pb.fields))
          await pg.exec(s.replace('"accounts"', 'crm."accounts"'));
        await pg.exec(`SET standard_conforming_strings = ${scs}`);
        results = await pg.exec(r.out);
      } finally {
        await pg.exec('RESET standard_conforming_strings');
        await pg.exec('DROP SCHEMA crm CASCADE');
      }
      expect(results).toHaveLength(1);
      expect(compareWithSql(result, results[0].rows as SqlRow[])).toEqual([]);
      await pg.query('SELECT count(*) FROM canary');
    });
  }
});

describe('waymark sql --history-table', () => {
  it('prints the CREATE TABLE and the INSERT of a run, and refuses a bad table name', async () => {
    const r = await cli(
      'sql',
      'templates/demo.json',
      '--dialect',
      'duckdb',
      '--as-of',
      '2026-11-01',
      '--history-table',
      'cs.health_history',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^CREATE TABLE IF NOT EXISTS "cs"\."health_history" \(\n {2}"account_id" VARCHAR,/,
    );
    expect(r.out).toContain(`INSERT INTO "cs"."health_history" ("account_id", "as_of",`);
    expect(r.out).toContain(`SELECT r."account_id", '2026-11-01', r."segment"`);
    const bad = await cli(
      'sql',
      'templates/demo.json',
      '--dialect',
      'duckdb',
      '--history-table',
      'a;b',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('a;b');
  });
});
