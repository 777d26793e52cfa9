/**
 * Hostile ids and texts (testing/hostile.ts) in random playbooks and data: the JS engine, DuckDB
 * and PostgreSQL (PGlite) with standard_conforming_strings on AND off give the same results —
 * zero mismatches — and the query is one statement that leaves a canary table alone.
 * WAYMARK_DIFF_RUNS=500 for a longer run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import type { Playbook } from '../../model';
import { compilePlaybook, playbookToSql, scoreTable, type CompiledPlaybook } from '..';
import { tableFromRows, type AccountTable } from '../../table/columns';
import { loadIntoDuckDB } from '../testing/duckdbLoad';
import { createTableSql, insertSql } from './loadTable';
import { compareWithSql, type SqlRow } from './compareRows';
import { playbookArb, rowsArb } from './testing/playbookArb';
import { hostileNamesArb, hostilePlaybook, type HostileNames } from './testing/hostile';
import { playbookSqlNames } from './playbookSql';

const RUNS = Math.max(20, Math.round(Number(process.env.WAYMARK_DIFF_RUNS ?? 100) / 2));

let duck: DuckDBConnection;
let pg: PGlite;
let n = 0;

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run('CREATE TABLE canary (x INTEGER)');
  pg = new PGlite();
  await pg.waitReady;
  await pg.exec('CREATE TABLE canary (x INTEGER)');
}, 120_000);
afterAll(async () => {
  duck?.closeSync();
  await pg?.close();
});

const utf8 = (s: string) => Buffer.from(s, 'utf8');
/** Account ids as the query orders them: bytewise, like COLLATE "C". */
const byteOrder = (ids: string[]) => [...ids].sort((a, b) => Buffer.compare(utf8(a), utf8(b)));

/** Runs the playbook's query in DuckDB and in PostgreSQL under both settings; returns problems. */
async function differential(pb: Playbook, rows: Record<string, unknown>[]): Promise<string[]> {
  const c = compilePlaybook(pb);
  if (!c.ok) throw new Error('generated an invalid playbook: ' + JSON.stringify(c.issues[0]));
  const types = Object.fromEntries(pb.fields.fields.map((f) => [f.id, f.type]));
  const table = tableFromRows(rows, types);
  const result = scoreTable(c.compiled, table);
  const problems: string[] = [];
  const check = (label: string, got: SqlRow[]) => {
    for (const m of compareWithSql(result, got)) problems.push(`${label}: ${m}`);
    const key = playbookSqlNames(c.compiled).accountId;
    const ids = got.map((r) => String(r[key]));
    if (JSON.stringify(ids) !== JSON.stringify(byteOrder(ids)))
      problems.push(`${label}: rows not in account-id byte order`);
  };
  const name = `acc_${n++}`;

  await loadIntoDuckDB(duck, name, table, pb.fields);
  const dsql = playbookToSql(c.compiled, { dialect: 'duckdb', table: name });
  const statements = (await duck.extractStatements(dsql)).count;
  try {
    if (statements !== 1) problems.push(`DuckDB: ${statements} statements`);
    else check('DuckDB', (await duck.runAndReadAll(dsql)).getRowObjects() as SqlRow[]);
  } catch (e) {
    problems.push(`DuckDB: ${String(e)}`);
  }
  await duck.run(`DROP TABLE ${name}`);
  await duck.run('SELECT count(*) FROM canary');

  for (const scs of ['on', 'off'] as const) {
    await pg.exec(`SET standard_conforming_strings = ${scs}`);
    problems.push(...(await runPostgres(`PostgreSQL scs=${scs}`, c.compiled, table, pb, check)));
  }
  await pg.exec('SET standard_conforming_strings = on');
  await pg.query('SELECT count(*) FROM canary');
  return problems;
}

async function runPostgres(
  label: string,
  c: CompiledPlaybook,
  table: AccountTable,
  pb: Playbook,
  check: (label: string, rows: SqlRow[]) => void,
): Promise<string[]> {
  const name = `acc_${n++}`;
  await pg.exec(createTableSql(name, pb.fields, 'postgres'));
  for (const s of insertSql(name, table, pb.fields)) await pg.exec(s);
  // exec runs every statement in the text (simple protocol): exactly one result set may come back.
  let results: Awaited<ReturnType<PGlite['exec']>>;
  try {
    results = await pg.exec(playbookToSql(c, { dialect: 'postgres', table: name }));
  } catch (e) {
    return [`${label}: ${String(e)}`];
  } finally {
    await pg.exec(`DROP TABLE ${name}`);
  }
  if (results.length !== 1) return [`${label}: ${results.length} statements`];
  check(label, results[0].rows as SqlRow[]);
  return [];
}

describe('hostile ids and texts: JS = DuckDB = PostgreSQL (standard_conforming_strings on and off)', () => {
  it(`zero mismatches over ${RUNS} random playbooks with hostile names`, async () => {
    await fc.assert(
      fc.asyncProperty(playbookArb, rowsArb, hostileNamesArb, async (pb0, rows0, names) => {
        const { playbook, rows } = hostilePlaybook(pb0, rows0, names);
        expect(await differential(playbook, rows)).toEqual([]);
      }),
      {
        numRuns: RUNS,
        seed: process.env.WAYMARK_DIFF_SEED ? Number(process.env.WAYMARK_DIFF_SEED) : 20261203,
      },
    );
  }, 600_000);

  // The audit's three findings, each on a fixed playbook so a failure names its cause.
  const base = fc.sample(fc.tuple(playbookArb, rowsArb), { numRuns: 30, seed: 5 });
  const names = fc.sample(hostileNamesArb, { numRuns: 1, seed: 9 })[0];
  const fixed = (patch: Partial<HostileNames>): HostileNames => ({ ...names, ...patch });
  const FIELD_IDS = ['id', 'n1', 'n2', 'i1', 'kubun', 'b1', 'd1', 'st', 'entered'];

  it('a field named wm_score (any case) is read as the field, never as the score', async () => {
    for (const internal of ['wm_score', 'WM_SCORE', 'wm_color', 'wm_f_1', 'wm_key']) {
      const ids = [...FIELD_IDS];
      ids[1] = internal; // n1, the field most measures read
      for (const [pb, rows] of base.slice(0, 6)) {
        const h = hostilePlaybook(pb, rows, fixed({ fields: ids }));
        expect(await differential(h.playbook, h.rows)).toEqual([]);
      }
    }
  }, 300_000);

  it('a segment id ending in a backslash stays a string under standard_conforming_strings=off', async () => {
    const segments = ['a\\', "x\\'; DROP TABLE canary; --", 'end\\'];
    for (const [pb, rows] of base.slice(0, 10)) {
      const h = hostilePlaybook(pb, rows, fixed({ segments, fields: FIELD_IDS }));
      expect(await differential(h.playbook, h.rows)).toEqual([]);
    }
  }, 300_000);

  it('Japanese ids of 21+ characters sharing a prefix stay distinct columns', async () => {
    const long = 'とても長い日本語の指標の識別子で二十一文字を超える';
    const measures = ['', 'x', 'y', 'z', 'w'].map((s) => long + s);
    const criteria = ['', 'x', 'y'].map((s) => long + s);
    const ctas = ['', 'x', 'y', 'z'].map((s) => long + s);
    for (const [pb, rows] of base.slice(0, 10)) {
      const h = hostilePlaybook(pb, rows, fixed({ measures, criteria, ctas, fields: FIELD_IDS }));
      expect(await differential(h.playbook, h.rows)).toEqual([]);
    }
  }, 300_000);
});
