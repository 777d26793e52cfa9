import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetRead, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import type { ColumnChunk, PageHeader } from 'hyparquet';
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
  parquetStageCodes,
  runToParquetReference,
  type HistoryRunInfo,
} from './historyRun';
import { writeRunParquet } from './parquetRunWriter';
import { parquetToResult } from './parquetToResult';
import { readRunColumns, valueAt, type TextColumn } from './runColumnsRead';
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

/**
 * Every column of a file (or those named) as the fast reader reads it, checked row for row
 * against hyparquet's reading of the same file.
 */
async function asHyparquet(bytes: Uint8Array, only?: string[]) {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const meta = parquetMetadata(file as ArrayBuffer);
  const names = only ?? meta.schema.slice(1).map((e) => e.name);
  const fast = readRunColumns(file as ArrayBuffer, meta, names);
  expect([...fast.keys()]).toEqual(names);
  const theirs = new Map<string, unknown[]>(names.map((c) => [c, []]));
  await parquetRead({
    file: file as ArrayBuffer,
    metadata: meta,
    columns: names,
    onChunk({ columnName, columnData, rowStart }) {
      const a = theirs.get(columnName);
      if (a) for (let i = 0; i < columnData.length; i++) a[rowStart + i] = columnData[i];
    },
  });
  for (const c of names) {
    const got = Array.from({ length: Number(meta.num_rows) }, (_, i) => valueAt(fast.get(c)!, i));
    expect(got, c).toEqual(theirs.get(c)!.map((v) => v ?? null));
  }
  return fast;
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
    const fast = await asHyparquet(bytes);
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

/** A key as text, or as raw bytes (which need not be UTF-8). */
type HandKey = string | number[] | null;

/**
 * A run file made by hand in a layout the fast reader takes (data pages v1, uncompressed, one row
 * group) with what our writer never writes: a nullable key column with a null, and a stage
 * dictionary that lists an entry no row uses first and the others against their order of
 * first appearance over the rows. Other keys may be given (any bytes); the first `dictRows` of
 * them are then dictionary-coded, the rest PLAIN (as writers falling back from a dictionary do).
 */
function handMadeRun(
  info: HistoryRunInfo,
  keys: HandKey[] = ['k0', null, 'k2', 'k3', 'k4'],
  dictRows = 0,
): Uint8Array {
  const stageDict = ['unused', 'late', 'early'];
  const stageIdx = keys.map((_, i) => [2, null, 1, 2, 1][i % 5]);
  const n = keys.length;
  const enc = new TextEncoder();
  const u32 = (v: number) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24];
  const str = (x: string | number[]) => {
    const b = typeof x === 'string' ? [...enc.encode(x)] : x;
    return [...u32(b.length), ...b];
  };
  // RLE runs of one value each (header 2 = a run of 1; widths here fit a byte).
  const rle = (vals: number[]) => vals.flatMap((v) => [2, v]);
  const levels = (vals: unknown[]) => {
    const b = rle(vals.map((v) => (v === null ? 0 : 1)));
    return [...u32(b.length), ...b];
  };
  const out: number[] = [0x50, 0x41, 0x52, 0x31];
  const page = (
    header: Omit<PageHeader, 'uncompressed_page_size' | 'compressed_page_size'>,
    body: number[],
  ) => {
    const at = out.length;
    const h = new ByteWriter(64);
    writePageHeader(h, {
      ...header,
      uncompressed_page_size: body.length,
      compressed_page_size: body.length,
    });
    out.push(...new Uint8Array(h.getBytes()), ...body);
    return at;
  };
  const data = (encoding: 'PLAIN' | 'RLE_DICTIONARY', count = n) =>
    ({
      type: 'DATA_PAGE',
      data_page_header: {
        num_values: count,
        encoding,
        definition_level_encoding: 'RLE',
        repetition_level_encoding: 'RLE',
      },
    }) as const;
  const chunk = (name: string, start: number, dataAt: number, dictAt?: number): ColumnChunk => ({
    file_offset: BigInt(start),
    meta_data: {
      type: 'BYTE_ARRAY',
      encodings: ['PLAIN', 'RLE', 'RLE_DICTIONARY'],
      path_in_schema: [name],
      codec: 'UNCOMPRESSED',
      num_values: BigInt(n),
      total_uncompressed_size: BigInt(out.length - start),
      total_compressed_size: BigInt(out.length - start),
      data_page_offset: BigInt(dataAt),
      dictionary_page_offset: dictAt === undefined ? undefined : BigInt(dictAt),
    },
  });
  let keyChunk: ColumnChunk;
  if (dictRows > 0) {
    // Codes of one byte (width 8): up to 256 distinct keys in the coded rows.
    const coded = keys.slice(0, dictRows);
    const dict = [...new Set(coded.filter((k) => k !== null))];
    const keyDictAt = page(
      {
        type: 'DICTIONARY_PAGE',
        dictionary_page_header: { num_values: dict.length, encoding: 'PLAIN' },
      },
      dict.flatMap(str),
    );
    const codedAt = page(data('RLE_DICTIONARY', dictRows), [
      ...levels(coded),
      8,
      ...rle(coded.flatMap((k) => (k === null ? [] : [dict.indexOf(k)]))),
    ]);
    const rest = keys.slice(dictRows);
    page(data('PLAIN', rest.length), [
      ...levels(rest),
      ...rest.flatMap((k) => (k === null ? [] : str(k))),
    ]);
    keyChunk = chunk('account_id', keyDictAt, codedAt, keyDictAt);
  } else {
    const keysAt = page(data('PLAIN'), [
      ...levels(keys),
      ...keys.flatMap((k) => (k === null ? [] : str(k))),
    ]);
    keyChunk = chunk('account_id', keysAt, keysAt);
  }
  const dictAt = page(
    { type: 'DICTIONARY_PAGE', dictionary_page_header: { num_values: 3, encoding: 'PLAIN' } },
    stageDict.flatMap(str),
  );
  const stageAt = page(data('RLE_DICTIONARY'), [
    ...levels(stageIdx),
    2,
    ...rle(stageIdx.filter((v) => v !== null)),
  ]);
  const stageChunk = chunk('stage', dictAt, stageAt, dictAt);
  const text = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' } as const;
  const footer = new ByteWriter(1024);
  writeMetadata(footer, {
    version: 2,
    created_by: 'test',
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'account_id', ...text },
      { name: 'stage', ...text },
    ],
    num_rows: BigInt(n),
    row_groups: [
      {
        columns: [keyChunk, stageChunk],
        total_byte_size: BigInt(out.length - 4),
        num_rows: BigInt(n),
      },
    ],
    key_value_metadata: runKvMetadata(info),
    metadata_length: 0,
  } as Parameters<typeof writeMetadata>[1]);
  out.push(...new Uint8Array(footer.getBytes()), 0x50, 0x41, 0x52, 0x31);
  return new Uint8Array(out);
}

describe('parquetStageCodes (the CLI’s days-in-stage read)', () => {
  const r = scored(2500);
  const info = runInfoOf(r, 'fp');
  // Row group 1 (rows 300–599) starts with another stage than row group 0, so its dictionary
  // lists the stages in another order than their first appearance over the rows.
  const first = r.stage[0];
  r.stage[300] = (first + 1) % r.stageIds.length;
  const write = (stage = r.stage, drop: string[] = []) =>
    writeRunParquet({
      rowCount: r.rowCount,
      columns: runColumns({ ...r, stage }).filter((c) => !drop.includes(c.name)),
      kvMetadata: runKvMetadata(info),
      createdBy: 'waymark',
      rowGroupRows: 300,
    });
  const asOf = '2026-11-01';
  /** The fast reader's answer, checked against hyparquet's (`fallback: true`). */
  async function both(bytes: Uint8Array, prev?: Parameters<typeof parquetStageCodes>[2]) {
    const fast = await parquetStageCodes(bytes, asOf, prev);
    expect(fast).toEqual(await parquetStageCodes(bytes, asOf, prev, { fallback: true }));
    return fast;
  }
  /** The fast reader's columns (so a test knows the fast path ran, not its fallback). */
  const fastColumns = (bytes: Uint8Array) => {
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const meta = parquetMetadata(file as ArrayBuffer);
    const cols = readRunColumns(file as ArrayBuffer, meta, ['account_id', 'stage']);
    return { keys: cols.get('account_id') as TextColumn, stage: cols.get('stage') as TextColumn };
  };
  const stagesOf = (x: { stageIds: readonly string[]; codes: ArrayLike<number> }) =>
    Array.from(x.codes, (c) => (c < 0 ? null : x.stageIds[c]));

  it('reads our writer’s file over many row groups as through hyparquet', async () => {
    const bytes = write();
    const got = await both(bytes);
    expect(got.same).toBe(false);
    expect(got.run.accountIds).toEqual(r.accountIds);
    expect(got.run.codes[8]).toBe(-1);
    expect(stagesOf(got.run)).toEqual(stagesOf({ stageIds: r.stageIds, codes: r.stage }));
    // What the remap is for: the row groups' dictionaries repeat the stages, in other orders.
    const text = fastColumns(bytes).stage;
    expect(text.values.length).toBeGreaterThan(got.run.stageIds.length);
    expect(text.values[text.ids[300]]).not.toBe(got.run.stageIds[0]);
  });

  it('the same with the keys of the run read before, and the same-bytes shortcut', async () => {
    const prev = await both(write());
    const other = Int16Array.from(r.stage, (c, i) => (i % 7 === 0 ? -1 : c));
    const got = await both(write(other), prev);
    expect(got.same).toBe(false);
    expect(got.run.accountIds).toBe(prev.run.accountIds);
    expect(stagesOf(got.run)).toEqual(stagesOf({ stageIds: r.stageIds, codes: other }));
    const again = await parquetStageCodes(write(), '2026-10-25', prev);
    expect(again.same).toBe(true);
    expect(again.run).toEqual({ ...prev.run, asOf: '2026-10-25' });
  });

  it('a dictionary out of first-appearance order, an unused entry and a null key', async () => {
    const bytes = handMadeRun(info);
    const { keys, stage } = fastColumns(bytes);
    expect(keys.ids[1]).toBe(-1);
    expect(stage.values).toEqual(['unused', 'late', 'early']);
    const got = await both(bytes);
    expect(got.run.accountIds).toEqual(['k0', 'null', 'k2', 'k3', 'k4']);
    expect(got.run.stageIds).toEqual(['early', 'late']);
    expect(Array.from(got.run.codes)).toEqual([0, -1, 1, 0, 1]);
  });

  it('hyparquet-writer’s file, and a file lacking a column, as through hyparquet', async () => {
    const other = runToParquetReference(r, info);
    expect(() => fastColumns(other)).toThrow();
    await both(other);
    for (const drop of ['stage', 'account_id']) {
      const bytes = write(r.stage, [drop]);
      const err = await parquetStageCodes(bytes, asOf, undefined, { fallback: true }).catch(
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'not_parquet' });
      await expect(parquetStageCodes(bytes, asOf)).rejects.toEqual(err);
    }
  });
});

describe('the fast reader’s text (ASCII values without TextDecoder), as hyparquet reads it', () => {
  const info = runInfoOf(scored(40), 'fp');
  const text = (bytes: Uint8Array, name: string) =>
    asHyparquet(bytes).then((fast) => {
      const c = fast.get(name) as TextColumn;
      return { c, rows: Array.from(c.ids, (_, i) => valueAt(c, i)) };
    });
  const write = (
    keys: string[],
    owners: { dict: string[]; codes: number[] },
    rowGroupRows: number,
  ) =>
    writeRunParquet({
      rowCount: keys.length,
      columns: [
        { kind: 'text', name: 'account_id', values: keys },
        { kind: 'coded', name: 'owner', codes: owners.codes, dict: owners.dict },
        { kind: 'constant', name: 'as_of', value: '2026-11-01' },
      ],
      kvMetadata: runKvMetadata(info),
      createdBy: 'waymark',
      rowGroupRows,
    });
  // Every ASCII byte (NUL and DEL included), lengths 0–44 around the shortcut's 32.
  const asciiKey = (i: number) =>
    Array.from({ length: i % 45 }, (_, k) => String.fromCharCode((i * 31 + k * 7) % 128)).join('');

  it('ASCII keys of every length, empty ones, and a dictionary with nulls', async () => {
    const keys = Array.from({ length: 2000 }, (_, i) => asciiKey(i));
    const dict = ['', 'Ann', 'a much longer owner name than thirty-two bytes', 'x\u007f\u0000'];
    const codes = keys.map((_, i) => (i % 11 === 0 ? -1 : i % dict.length));
    const bytes = write(keys, { dict, codes }, 700);
    const { c, rows } = await text(bytes, 'account_id');
    expect(rows).toEqual(keys);
    expect(rows.filter((k) => k === '').length).toBeGreaterThan(40);
    expect(c.values.length).toBe(keys.length);
    const owners = await text(bytes, 'owner');
    expect(owners.rows).toEqual(codes.map((k) => (k < 0 ? null : dict[k])));
    // Each row group's dictionary once: 3 row groups of the 4 owners.
    expect(owners.c.values.length).toBe(12);
  });

  it('Japanese keys and owners, short and long', async () => {
    const names = [
      '山田',
      '佐藤花子',
      '鈴木一郎株式会社',
      'ｶﾌﾞｼｷｶﾞｲｼｬ',
      '高橋さくら（営業部・東京本社）',
    ];
    const keys = Array.from({ length: 1500 }, (_, i) => `${names[i % 5]}${i % 3 ? i : ''}`);
    const dict = ['田中', '渡辺美咲', '中村（カスタマーサクセス部 第二グループ リーダー）'];
    const codes = keys.map((_, i) => (i % 7 === 0 ? -1 : i % 3));
    const bytes = write(keys, { dict, codes }, 500);
    expect((await text(bytes, 'account_id')).rows).toEqual(keys);
    expect((await text(bytes, 'owner')).rows).toEqual(codes.map((k) => (k < 0 ? null : dict[k])));
  });

  it('an ASCII page then a Japanese one; one non-ASCII value among ASCII ones', async () => {
    const keys = [
      ...Array.from({ length: 500 }, (_, i) => `AC${String(i).padStart(7, '0')}`),
      ...Array.from({ length: 500 }, (_, i) => `顧客${i}`),
      ...Array.from({ length: 500 }, (_, i) => `AC${String(i).padStart(7, '0')}`),
    ];
    // In the third page: a non-ASCII char first, last, at byte 32 and past it, and a lone é.
    keys[1000] = 'éAC0000000';
    keys[1100] = 'AC0000100é';
    keys[1200] = `${'A'.repeat(30)}é`;
    keys[1300] = `${'A'.repeat(33)}é`;
    keys[1400] = 'é';
    const dict = ['Ann', '田中', '', 'Ōno', 'Bob'];
    const codes = keys.map((_, i) => (i % 13 === 0 ? -1 : i % dict.length));
    const bytes = write(keys, { dict, codes }, 500);
    expect((await text(bytes, 'account_id')).rows).toEqual(keys);
    expect((await text(bytes, 'owner')).rows).toEqual(codes.map((k) => (k < 0 ? null : dict[k])));
  });

  // Not from our writer (it writes what TextEncoder gives), but a file in its layout may hold any
  // bytes: each value decodes as TextDecoder decodes it (bad bytes → U+FFFD, a BOM dropped).
  const odd: HandKey[] = [
    [0x41, 0x80, 0x42],
    [0xff],
    [0xe3, 0x81],
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80],
    [0xef, 0xbb, 0xbf, 0x41],
    [0x00, 0x7f],
    [...Array.from({ length: 31 }, () => 0x41), 0x80],
    [...Array.from({ length: 40 }, () => 0x41), 0x80],
    null,
    '',
    'k11',
    '顧客',
  ];
  const decoded = (k: HandKey) =>
    k === null ? null : typeof k === 'string' ? k : new TextDecoder().decode(Uint8Array.from(k));

  it('invalid UTF-8 and a BOM, in PLAIN and in dictionary pages', async () => {
    const plain = await text(handMadeRun(info, odd), 'account_id');
    expect(plain.rows).toEqual(odd.map(decoded));
    expect(plain.rows.slice(0, 2)).toEqual(['A\uFFFDB', '\uFFFD']);
    expect(plain.rows[5]).toBe('A');
    // A dictionary page, then (as a writer whose dictionary grew too big) PLAIN pages.
    const keys = [...odd, ...odd.map((k) => (typeof k === 'string' ? `${k}!` : k))];
    const both = await text(handMadeRun(info, keys, odd.length), 'account_id');
    expect(both.rows).toEqual(keys.map(decoded));
    expect(both.c.values.length).toBe(2 * (odd.length - 1));
  });
});
