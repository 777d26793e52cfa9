import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { writeRunParquet, type RunColumn } from './parquetRunWriter';
import { parquetToRun, runInfoOf, runToParquet, runToParquetReference } from './historyRun';
import { compilePlaybook, scoreTable } from '.';
import { Project, playbookFromProject } from '../model';
import { generateDemoTable } from '../data/demo/generate';

// The typed-array Parquet encoder against two independent readers (hyparquet and DuckDB), on a
// table built to hit its edge cases: nulls in runs and alone, a column of nulls only, long runs
// next to short ones (the RLE / bit-packed switch and its 8-value alignment), dictionaries with
// more than 256 entries (bit width > 8), doubles with few and with many distinct values (dictionary
// and PLAIN), -0, non-ASCII keys, and several row groups with a short last one.

/** A small deterministic generator (no Math.random: the table is the same on every run). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function edgeTable(n: number) {
  const rnd = lcg(7);
  const ids = Array.from({ length: n }, (_, i) =>
    i % 97 === 0 ? `顧客-${i}-é` : i % 89 === 0 ? `😀${i}` : `acct-${i}`,
  );
  const manyDict = Array.from({ length: 600 }, (_, k) => `owner-${k}`);
  const stage = new Int16Array(n);
  const owner = new Uint16Array(n);
  const nulls = new Int8Array(n).fill(-1);
  const steps = new Float64Array(n);
  const unique = new Float64Array(n);
  const allNaN = new Float64Array(n).fill(NaN);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // runs of 1..40 equal codes, with -1 (null) among them
    stage[i] = Math.floor(i / (1 + (i % 40))) % 5 === 4 ? -1 : Math.floor(i / 13) % 4;
    owner[i] = Math.floor(rnd() * manyDict.length);
    steps[i] = i % 11 === 0 ? NaN : i % 17 === 0 ? -0 : [0, 25, 50, 75, 100][Math.floor(rnd() * 5)];
    unique[i] = i % 7 === 0 ? NaN : rnd() * 100;
    flags[i] = i % 3 === 0 || (i > 500 && i < 530) ? 1 : 0;
  }
  const columns: RunColumn[] = [
    { kind: 'text', name: 'account_id', values: ids },
    { kind: 'constant', name: 'as_of', value: '2026-06-01' },
    { kind: 'coded', name: 'stage', codes: stage, dict: ['a', 'b', 'ç', 'd'] },
    { kind: 'coded', name: 'owner', codes: owner, dict: manyDict },
    { kind: 'coded', name: 'nothing', codes: nulls, dict: ['x'] },
    { kind: 'double', name: 'steps', values: steps },
    { kind: 'double', name: 'unique', values: unique },
    { kind: 'double', name: 'empty', values: allNaN },
    { kind: 'flag', name: 'flag', values: flags },
  ];
  /** The values each column should read back as, row by row. */
  const expected = (i: number): Record<string, unknown> => ({
    account_id: ids[i],
    as_of: '2026-06-01',
    stage: stage[i] < 0 ? null : ['a', 'b', 'ç', 'd'][stage[i]],
    owner: manyDict[owner[i]],
    nothing: null,
    steps: Number.isNaN(steps[i]) ? null : steps[i],
    unique: Number.isNaN(unique[i]) ? null : unique[i],
    empty: null,
    flag: flags[i] === 1,
  });
  return { columns, expected };
}

const N = 2500;
const { columns, expected } = edgeTable(N);
const bytes = writeRunParquet({
  rowCount: N,
  columns,
  kvMetadata: [{ key: 'k', value: 'v' }],
  createdBy: 'test',
  rowGroupRows: 1000,
});
const file = () => bytes.slice().buffer as ArrayBuffer;

describe('writeRunParquet', () => {
  it('reads back by hyparquet with the same value in every cell, -0 and nulls included', async () => {
    const rows = await parquetReadObjects({ file: file() });
    expect(rows).toHaveLength(N);
    const bad: string[] = [];
    for (let i = 0; i < N; i++) {
      const want = expected(i);
      for (const [k, v] of Object.entries(want))
        if (!Object.is(rows[i][k], v)) bad.push(`${i}.${k}: ${String(rows[i][k])} ≠ ${String(v)}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    const meta = parquetMetadata(file());
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 500]);
    expect(meta.key_value_metadata).toEqual([{ key: 'k', value: 'v' }]);
    // the step column is dictionary-coded, the unique one PLAIN
    const enc = (name: string) =>
      meta.row_groups[0].columns.find((c) => c.meta_data!.path_in_schema[0] === name)!.meta_data!
        .encodings;
    expect(enc('steps')).toContain('RLE_DICTIONARY');
    expect(enc('unique')).not.toContain('RLE_DICTIONARY');
  });

  it('reads back by DuckDB with the same values, and its statistics do not hide rows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wm-pq-'));
    const path = join(dir, 'edge.parquet');
    writeFileSync(path, bytes);
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const q = (sql: string) =>
      con
        .runAndReadAll(sql.replace('$F', `read_parquet('${path.replace(/'/g, "''")}')`))
        .then((r) => r.getRowObjectsJson() as Record<string, unknown>[]);
    const rows = await q(
      'SELECT *, signbit(steps) AS neg FROM $F' /* file order: DuckDB keeps it without ORDER BY */,
    );
    expect(rows).toHaveLength(N);
    let mismatches = 0;
    for (let i = 0; i < N; i++) {
      const want = expected(i);
      for (const [k, v] of Object.entries(want)) {
        const got = rows[i][k];
        if (typeof v === 'number' ? Number(got) !== v : got !== v) mismatches++;
      }
      if (Object.is(want.steps, -0) !== (rows[i].neg === true)) mismatches++;
    }
    expect(mismatches).toBe(0);
    // WHERE filters are pushed into the scan, where wrong row-group statistics would skip rows
    const count = async (where: string) =>
      Number((await q(`SELECT count(*) AS n FROM $F WHERE ${where}`))[0].n);
    const counted = {
      c: await count(`stage = 'ç'`),
      o: await count(`owner = 'owner-599'`),
      a: await count(`as_of = '2026-06-01'`),
    };
    let c = 0;
    let o = 0;
    for (let i = 0; i < N; i++) {
      if (expected(i).stage === 'ç') c++;
      if (expected(i).owner === 'owner-599') o++;
    }
    expect([Number(counted.c), Number(counted.o), Number(counted.a)]).toEqual([c, o, N]);
  });

  it('writes a run of no accounts as a valid file with no rows', async () => {
    const empty = writeRunParquet({
      rowCount: 0,
      columns: edgeTable(0).columns,
      kvMetadata: [],
      createdBy: 'test',
    });
    expect(await parquetReadObjects({ file: empty.slice().buffer as ArrayBuffer })).toEqual([]);
  });
});

describe('runToParquet', () => {
  it('holds the same rows, columns and metadata as hyparquet-writer writes for a demo run', async () => {
    const pb = playbookFromProject(
      Project.parse(JSON.parse(readFileSync('templates/demo.json', 'utf8'))),
    );
    const c = compilePlaybook(pb, { asOf: '2026-10-01' });
    if (!c.ok) throw new Error('playbook');
    const r = scoreTable(c.compiled, generateDemoTable({ rows: 3000, seed: 5 }));
    const info = runInfoOf(r, 'fp');
    const ours = runToParquet(r, info).slice().buffer as ArrayBuffer;
    const ref = runToParquetReference(r, info).slice().buffer as ArrayBuffer;
    const a = await parquetReadObjects({ file: ours });
    const b = await parquetReadObjects({ file: ref });
    expect(a.length).toBe(3000);
    expect(Object.keys(a[0])).toEqual(Object.keys(b[0]));
    let mismatches = 0;
    for (let i = 0; i < a.length; i++)
      for (const k of Object.keys(b[i])) if (!Object.is(a[i][k], b[i][k])) mismatches++;
    expect(mismatches).toBe(0);
    const schema = (f: ArrayBuffer) =>
      parquetMetadata(f).schema.map((s) => [s.name, s.type, s.repetition_type, s.converted_type]);
    expect(schema(ours)).toEqual(schema(ref));
    expect(parquetMetadata(ours).key_value_metadata).toEqual(
      parquetMetadata(ref).key_value_metadata,
    );
    const run = await parquetToRun(new Uint8Array(ours));
    expect(Array.from(run.total)).toEqual(Array.from(r.total));
  });
});
