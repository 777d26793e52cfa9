import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetRead, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable } from '.';
import { Project, playbookFromProject } from '../model';
import { generateDemoTable } from '../data/demo/generate';
import { ROOT } from './testing/demo';
import {
  HISTORY_RUN_FORMAT,
  HISTORY_RUN_VERSION,
  runColumns,
  runInfoOf,
  runKvMetadata,
  parquetToRun,
  runToParquetReference,
  type HistoryRunInfo,
} from './historyRun';
import { writeRunParquet } from './parquetRunWriter';
import { parquetToResult } from './parquetToResult';
import { readRunColumns, valueAt } from './runColumnsRead';
import type { CtaInfo, MeasureInfo, ScoreResult } from './types';

// The column reader must give exactly what the row-object reader it replaced gave (kept here as
// the reference): same arrays, same dictionaries in the same order, same defaults for a column
// the file lacks, over several row groups, from our writer and from hyparquet-writer.

async function rowReader(bytes: Uint8Array) {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const meta = parquetMetadata(file as ArrayBuffer);
  const kv = Object.fromEntries((meta.key_value_metadata ?? []).map((x) => [x.key, x.value]));
  expect(kv['waymark.format']).toBe(HISTORY_RUN_FORMAT);
  expect(Number(kv['waymark.version'])).toBeLessThanOrEqual(HISTORY_RUN_VERSION);
  const info = JSON.parse(kv['waymark.run']!) as HistoryRunInfo;
  const rows = await parquetReadObjects({ file: file as ArrayBuffer });
  const n = rows.length;
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const dbl = (col: string) => Float64Array.from(rows, (r) => num(r[col]));
  const codes = <A extends Int8Array | Int16Array | Uint16Array>(
    col: string,
    make: (k: number) => A,
    ids: string[],
    missing: number,
  ): A => {
    const index = new Map(ids.map((c, i) => [c, i]));
    const out = make(n);
    for (let i = 0; i < n; i++) {
      const v = rows[i][col];
      if (typeof v !== 'string') {
        out[i] = missing;
        continue;
      }
      let k = index.get(v);
      if (k === undefined) {
        k = ids.length;
        ids.push(v);
        index.set(v, k);
      }
      out[i] = k;
    }
    return out;
  };
  const segmentIds: string[] = [];
  const stageIds: string[] = [];
  const ownerIds: string[] = [];
  const colorIds = [...info.colorIds];
  const segment = codes('segment', (k) => new Uint16Array(k), segmentIds, 0);
  if (!segmentIds.length) segmentIds.push('');
  const stage = codes('stage', (k) => new Int16Array(k), stageIds, -1);
  const owner = codes('owner', (k) => new Uint16Array(k), ownerIds, 0);
  if (!ownerIds.length) ownerIds.push('');
  const result: ScoreResult = {
    resultVersion: 1,
    playbookName: info.playbookName,
    asOf: info.asOf,
    rowCount: n,
    accountIds: rows.map((r) => String(r.account_id)),
    segmentIds,
    segment,
    stageIds,
    stage,
    daysInStage: dbl('days_in_stage'),
    progress: new Uint8Array(n),
    criteria: [],
    criteriaStatus: [],
    readyToAdvance: new Uint8Array(n),
    measures: info.measures.map((m): MeasureInfo => ({
      id: m.id,
      label: m.label,
      dimension: '',
      rawKind: 'number',
    })),
    measureRaw: [],
    rawDict: [],
    measurePoints: info.measures.map((m) => dbl(`pts__${m.id}`)),
    dimensionIds: info.dimensionIds,
    dimensionScores: info.dimensionIds.map((d) => dbl(`dim__${d}`)),
    total: dbl('score'),
    coverage: dbl('coverage'),
    colorIds,
    color: codes('color', (k) => new Int8Array(k), colorIds, -1),
    ownerIds,
    owner,
    ctas: info.ctas.map((c): CtaInfo => ({
      ...c,
      priority: 'medium' as CtaInfo['priority'],
      ownerRole: '',
      dueInDays: 0,
      dueDate: info.asOf,
    })),
    ctaFired: info.ctas.map((c) => Uint8Array.from(rows, (r) => (r[`cta__${c.id}`] ? 1 : 0))),
  };
  return { info, result };
}

const pb = playbookFromProject(
  Project.parse(JSON.parse(readFileSync(join(ROOT, 'templates/demo.json'), 'utf8'))),
);
function scored(rows: number): ScoreResult {
  const c = compilePlaybook(pb, { asOf: '2026-11-01' });
  if (!c.ok) throw new Error('demo playbook');
  const r = scoreTable(c.compiled, generateDemoTable({ rows, seed: 7 }));
  // Gaps the reader must keep: no score, no colour, no stage, an empty id.
  r.total[3] = NaN;
  r.color[5] = -1;
  r.stage[8] = -1;
  r.dimensionScores[0][13] = NaN;
  r.accountIds[21] = '';
  return r;
}

async function same(bytes: Uint8Array) {
  const got = await parquetToResult(bytes);
  expect('code' in got).toBe(false);
  expect(got).toEqual(await rowReader(bytes));
  return got as { result: ScoreResult };
}

describe('parquetToResult (column reader)', () => {
  const r = scored(2500);
  const info = runInfoOf(r, 'fp');

  it('reads our writer’s file over many row groups as the row reader does', async () => {
    const bytes = writeRunParquet({
      rowCount: r.rowCount,
      columns: runColumns(r),
      kvMetadata: runKvMetadata(info),
      createdBy: 'waymark',
      rowGroupRows: 300,
    });
    const { result } = await same(bytes);
    // And what was written comes back (dictionaries in first-appearance order may differ).
    expect(result.accountIds).toEqual(r.accountIds);
    expect(result.total).toEqual(r.total);
    expect(result.color).toEqual(r.color);
    expect(result.ctaFired).toEqual(r.ctaFired);
    expect(result.stage.map((c) => c)).toEqual(
      r.stage.map((c) => (c < 0 ? -1 : result.stageIds.indexOf(r.stageIds[c]))),
    );
  });

  it('reads hyparquet-writer’s file (nullable columns, one row group) as the row reader does', async () => {
    await same(runToParquetReference(r, info));
  });

  it('reads a file lacking columns with the row reader’s defaults', async () => {
    const drop = new Set(['owner', 'segment', 'coverage', `dim__${r.dimensionIds[0]}`]);
    drop.add(`cta__${r.ctas[0].id}`);
    drop.add('account_id');
    const bytes = writeRunParquet({
      rowCount: r.rowCount,
      columns: runColumns(r).filter((c) => !drop.has(c.name)),
      kvMetadata: runKvMetadata(info),
      createdBy: 'waymark',
      rowGroupRows: 1000,
    });
    const { result } = await same(bytes);
    expect(result.ownerIds).toEqual(['']);
    expect(Number.isNaN(result.coverage[0])).toBe(true);
    expect(result.ctaFired[0].every((x) => x === 0)).toBe(true);
  });

  it('the fast reader reads our writer’s every column, row for row, as hyparquet does', async () => {
    const bytes = writeRunParquet({
      rowCount: r.rowCount,
      columns: runColumns(r),
      kvMetadata: runKvMetadata(info),
      createdBy: 'waymark',
      rowGroupRows: 700,
    });
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const meta = parquetMetadata(file as ArrayBuffer);
    const names = meta.schema.slice(1).map((e) => e.name);
    const fast = readRunColumns(file as ArrayBuffer, meta, names);
    expect([...fast.keys()]).toEqual(names);
    const theirs = new Map<string, unknown[]>(names.map((c) => [c, []]));
    await parquetRead({
      file: file as ArrayBuffer,
      metadata: meta,
      onChunk({ columnName, columnData, rowStart }) {
        const a = theirs.get(columnName)!;
        for (let i = 0; i < columnData.length; i++) a[rowStart + i] = columnData[i];
      },
    });
    for (const c of names) {
      const got = Array.from({ length: r.rowCount }, (_, i) => valueAt(fast.get(c)!, i));
      expect(got, c).toEqual(theirs.get(c)!.map((v) => v ?? null));
    }
    // The gaps set above are nulls in the file and come back as such.
    expect(valueAt(fast.get('score')!, 3)).toBe(null);
    expect(valueAt(fast.get('color')!, 5)).toBe(null);
  });

  it('a layout the fast reader does not know, or a damaged page, is left to hyparquet', async () => {
    const other = runToParquetReference(r, info);
    const f = other.buffer.slice(other.byteOffset, other.byteOffset + other.byteLength);
    expect(() =>
      readRunColumns(f as ArrayBuffer, parquetMetadata(f as ArrayBuffer), ['score']),
    ).toThrow();
    // A page of our writer's file cut short: hyparquet names the damage.
    const ours = writeRunParquet({
      rowCount: r.rowCount,
      columns: runColumns(r),
      kvMetadata: runKvMetadata(info),
      createdBy: 'waymark',
    });
    const meta = parquetMetadata(ours.buffer.slice(0) as ArrayBuffer);
    const at = Number(meta.row_groups[0].columns[4].meta_data!.data_page_offset);
    const bad = ours.slice();
    bad.fill(0xff, at, at + 64);
    const got = await parquetToResult(bad);
    expect('code' in got && got.code).toBe('not_parquet');
  });
});

describe('parquetToRun (the CLI’s history reader)', () => {
  const r = scored(2500);
  const info = runInfoOf(r, 'fp');
  const write = (drop: string[] = []) =>
    writeRunParquet({
      rowCount: r.rowCount,
      columns: runColumns(r).filter((c) => !drop.includes(c.name)),
      kvMetadata: runKvMetadata(info),
      createdBy: 'waymark',
      rowGroupRows: 600,
    });

  it('reads our writer’s file column by column exactly as through row objects', async () => {
    const bytes = write();
    const fast = await parquetToRun(bytes);
    expect(fast).toEqual(await parquetToRun(bytes, { rows: true }));
    expect(fast.accountIds).toEqual(r.accountIds);
    expect(fast.color).toEqual(r.color);
    expect(fast.stage[8]).toBe(null);
    expect(fast.stage[0]).toBe(r.stageIds[r.stage[0]]);
  });

  it('the same with columns missing, and for hyparquet-writer’s file', async () => {
    const bytes = write(['owner', 'color', `cta__${r.ctas[0].id}`, 'account_id']);
    expect(await parquetToRun(bytes)).toEqual(await parquetToRun(bytes, { rows: true }));
    const other = runToParquetReference(r, info);
    expect(await parquetToRun(other)).toEqual(await parquetToRun(other, { rows: true }));
  });
});
