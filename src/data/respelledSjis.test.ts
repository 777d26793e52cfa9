import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAccountFile, ImportError, type ImportOptions } from './';
import type { FieldContract } from '../model';
import { importAccountBlocks, planStream, streamChunks, streamResult } from './importStream';
import {
  chainRanges,
  mergeRanges,
  parseRange,
  parseRangeStream,
  planParallel,
  tailBytes,
  type RangeJob,
  type RangeRead,
} from './parallelImport';
import { setSinkTuning } from './sinks';
import { demoContract } from './testing/helpers';
import { cellValue, type AccountTable, type StringColumn } from '../table/columns';
import { checkExpression } from '../expr/check';
import { envFromContract } from '../expr/env';
import { evaluateRow } from '../expr/evalRow';
import { compileVector } from '../expr/vector/compile';
import { bytesOf, joinBytes } from './testing/parts';
import { spellings } from './testing/sjisSpellings';

/**
 * CP932 spells a few hundred characters two or three ways (≒ 81 E0 / 87 90, Ⅱ 87 55 / FA 4B,
 * ㈱ 87 8A / FA 58, ∵ 81 E6 / 87 9A / FA 5B, 纊 FA 5C / ED 40): a Shift_JIS file holding both
 * spellings of one text must import as the same file written one way — one dictionary entry
 * per text, the same codes — by every path: the whole file (bytes, and the string path), the
 * block import (CLI, the browser's one pass), the parts (streamed or from bytes) and the
 * streamed chunks of `waymark score`. Before session 36 (cp932) the byte paths gave the text
 * one entry per spelling (a segment's count split in two) and the parts one.
 */
const contract: FieldContract = {
  ...demoContract,
  fields: [
    ...demoContract.fields.filter((f) => ['account_id', 'company_name', 'mrr'].includes(f.id)),
    {
      id: 'phase',
      label: { ja: 'フェーズ', en: 'Phase' },
      type: 'category',
      values: ['Ⅰ期', 'Ⅱ期', '≒'],
      required: false,
    },
    { id: 'memo', label: { ja: 'メモ', en: 'Memo' }, type: 'string', required: false },
  ],
};
const HEADER = 'account_id,company_name,mrr,phase,memo\n';

/** Text as Shift_JIS, each character spelled `pick(spellings)` (default: as Windows writes it). */
function cp932(text: string, pick: (s: number[][]) => number[] = (s) => s[0]): Uint8Array {
  const out: number[] = [];
  for (const ch of text) out.push(...pick(spellings(ch)));
  return new Uint8Array(out);
}
/**
 * The report as JSON, but for which reader read the file: an account key written two ways is
 * read by the string path (reader "text"), which compares keys by text — what the user sees
 * (rows, values, issues) is the same.
 */
function reportOf(report: unknown): string {
  return JSON.stringify({ ...(report as object), reader: undefined });
}

function show(read: () => { table: AccountTable; report: unknown }): string {
  try {
    const { table, report } = read();
    return bytesOf(table) + '\n' + reportOf(report);
  } catch (e) {
    if (e instanceof ImportError) return 'error ' + JSON.stringify(e.issue);
    throw e;
  }
}

function memorySource(bytes: Uint8Array) {
  return {
    size: bytes.length,
    read(buf: Uint8Array, offset: number, length: number, position: number): number {
      const part = bytes.subarray(position, position + length);
      buf.set(part, offset);
      return part.length;
    },
  };
}

/** The file in parts cut at `targets` (streamed in `block`-byte blocks, or from bytes); the one pass where declined. */
async function inParts(
  bytes: Uint8Array,
  opts: ImportOptions,
  targets: number[],
  block: number | null,
  seen: { declined: number },
): Promise<string> {
  const plan = planParallel(bytes, 'r.csv', contract, opts, 2, 1);
  if (!plan) return show(() => importAccountFile(bytes, 'r.csv', contract, opts));
  const spec = plan.spec;
  const run = async (job: RangeJob) => {
    const slice = bytes.slice(job.from, Math.min(bytes.length, job.to + tailBytes(spec)));
    if (block === null) return parseRange(spec, slice, job.from, job);
    const read: RangeRead = async (buf, offset, length, position) => {
      const part = slice.subarray(position - job.from, position - job.from + length);
      buf.set(part, offset);
      return part.length;
    };
    return parseRangeStream(spec, read, job, undefined, block);
  };
  const cuts = [...new Set(targets.filter((t) => t > spec.start && t < bytes.length))].sort(
    (a, b) => a - b,
  );
  const jobs: RangeJob[] = [];
  let from = spec.start;
  for (const t of cuts) {
    const nl = bytes.indexOf(0x0a, t);
    if (nl < 0 || nl + 1 >= bytes.length || nl + 1 <= from) continue;
    jobs.push({ from, to: nl + 1 });
    from = nl + 1;
  }
  jobs.push({ from, to: bytes.length });
  const ranges = await chainRanges(await Promise.all(jobs.map(run)), spec.start, run);
  const merged = ranges && mergeRanges(spec, ranges);
  if (!merged) {
    seen.declined++;
    return show(() => importAccountFile(bytes, 'r.csv', contract, opts));
  }
  return bytesOf(merged.table) + '\n' + reportOf(merged.report);
}

/** `waymark score`'s stream: each chunk's string columns as values, with how many entries each has. */
async function streamed(bytes: Uint8Array, opts: ImportOptions, block: number): Promise<string> {
  const plan = planStream(bytes, 'r.csv', contract, opts);
  if (!plan) return 'whole';
  async function* blocks() {
    for (let i = 0; i < bytes.length; i += block) yield bytes.slice(i, i + block);
  }
  const out: unknown[] = [];
  try {
    const it = streamChunks(plan, blocks(), opts);
    let r = await it.next();
    while (!r.done) {
      const t = r.value;
      const cols = Object.entries(t.columns).map(([id, c]) =>
        c.type === 'string' ? [id, Array.from(c.codes), c.dict] : [id, Array.from(c.values)],
      );
      out.push(cols);
      r = await it.next();
    }
    const res = streamResult(plan, r.value);
    out.push(reportOf(res.report));
  } catch (e) {
    if (e instanceof ImportError) return 'error ' + JSON.stringify(e.issue);
    throw e;
  }
  return JSON.stringify(out);
}

/** Every path's answer for `bytes` (the reference: the one pass). */
async function everyPath(bytes: Uint8Array, opts: ImportOptions, cuts: number[], block: number) {
  const seen = { declined: 0 };
  return {
    onePass: show(() => importAccountFile(bytes, 'r.csv', contract, opts)),
    stringPath: show(() =>
      importAccountFile(bytes, 'r.csv', contract, { ...opts, csvPath: 'string' }),
    ),
    blocks: show(() =>
      importAccountBlocks(memorySource(bytes), 'r.csv', contract, opts, { minBytes: 0, block }),
    ),
    parts: await inParts(bytes, opts, cuts, null, seen),
    partsStreamed: await inParts(bytes, opts, cuts, block, seen),
    stream: await streamed(bytes, opts, block),
  };
}

const join = joinBytes;

describe('a Shift_JIS file spelling one text two ways (CP932 duplicates)', () => {
  const rows = [
    ['A1', '㈱山田商事', '100', 'Ⅱ期', '≒です'],
    ['A2', '㈱山田商事', '200', 'Ⅱ期', '≒です'],
    ['A3', '纊の会社', '300', 'Ⅰ期', '∵'],
    ['A4', '纊の会社', '400', 'Ⅱ期', '∵'],
    ['A5', '㈱山田商事', '500', 'Ⅱ期', '∵'],
  ];
  // Rows 2 and 4 respell what rows 1 and 3 wrote (IBM ㈱ Ⅱ, NEC ≒, NEC-selected 纊, ∵ both others).
  const file = (respell: (row: number) => number) =>
    join([
      cp932(HEADER),
      ...rows.map((r, i) =>
        cp932(r.join(',') + '\n', (s) => s[Math.min(s.length - 1, respell(i))]),
      ),
    ]);
  const oneWay = file(() => 0);
  const twoWays = file((i) => (i === 1 ? 1 : i === 3 ? 2 : i === 4 ? 1 : 0));

  it('imports as the file written one way, by every path', async () => {
    expect(twoWays).not.toEqual(oneWay);
    const want = await everyPath(oneWay, {}, [60, 120], 64);
    const got = await everyPath(twoWays, {}, [60, 120], 64);
    expect(got).toEqual(want);
    expect(got.blocks).toBe(want.onePass);
    expect(got.parts).toBe(want.onePass);
    const { table, report } = importAccountFile(twoWays, 'r.csv', contract);
    // Read by the byte path still (only a key written two ways sends the file to the string path).
    expect(report.reader).toBe('bytes');
    // One entry per text: a segment of phase Ⅱ期 counts four accounts, not 2 + 2.
    expect((table.columns.phase as StringColumn).dict).toEqual(['Ⅱ期', 'Ⅰ期']);
    expect(Array.from((table.columns.phase as StringColumn).codes)).toEqual([0, 0, 1, 0, 0]);
    expect((table.columns.company_name as StringColumn).dict).toEqual(['㈱山田商事', '纊の会社']);
    expect((table.columns.memo as StringColumn).dict).toEqual(['≒です', '∵']);
  });

  it('a rule on the category matches every row of it, scored and explained alike', () => {
    // Before the merge the scoring (vectorised: the literal's first code) matched rows 1 and 3
    // of phase Ⅱ期 only, while the explanation (per row, by text) said all four matched.
    const { table } = importAccountFile(twoWays, 'r.csv', contract);
    const r = checkExpression('phase == "Ⅱ期"', {
      ...envFromContract(contract, 'measure'),
      expect: ['boolean'],
    });
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
    const col = compileVector(r.expr).run(table, { asOfDays: 20000 });
    const scored = rows.map((_, i) => cellValue(col, i));
    const explained = rows.map((_, i) => {
      const row = Object.fromEntries(
        Object.entries(table.columns).map(([id, c]) => [id, cellValue(c, i)]),
      );
      return evaluateRow(r.expr, row, { asOfDays: 20000 }).value;
    });
    expect(scored).toEqual([true, true, false, true, true]);
    expect(explained).toEqual(scored);
  });

  it('finds an account key written two ways a duplicate, as the string path does', async () => {
    const keyed = (respell: boolean) =>
      join([
        cp932(HEADER),
        cp932('Ⅱ-1,甲,1,Ⅰ期,x\n'),
        cp932('B2,乙,2,Ⅰ期,y\n'),
        cp932('Ⅱ-1,丙,3,Ⅱ期,z\n', (s) => s[respell ? s.length - 1 : 0]),
      ]);
    for (const badRows of ['skip', 'blank'] as const) {
      const want = await everyPath(keyed(false), { badRows }, [40], 32);
      const got = await everyPath(keyed(true), { badRows }, [40], 32);
      expect(got).toEqual(want);
      expect(got.onePass).toContain('duplicate_key');
    }
  });
});

describe('random Shift_JIS files with respelled characters', () => {
  // Texts whose characters CP932 spells two or three ways, and others it spells one way.
  const TEXTS = [
    'Ⅱ期',
    'Ⅰ期',
    '≒',
    '㈱山田',
    '纊髙﨑',
    '∵∴',
    '￢',
    '№1',
    'ⅰⅱ',
    '①株式会社',
    'ABC',
    '',
  ];
  const cell = fc.record({ text: fc.constantFrom(...TEXTS), way: fc.nat(2) });
  // The category mostly its allowed values (the spellings the scan learns and stores itself).
  const phase = fc.record({
    text: fc.constantFrom('Ⅱ期', 'Ⅱ期', 'Ⅰ期', '≒', '', ...TEXTS),
    way: fc.nat(2),
  });
  const line = fc.record({
    // '': a distinct id (the row's number).
    id: fc.oneof(
      { weight: 4, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.nat(40).map((n) => `D${n}`) },
      { weight: 1, arbitrary: fc.constantFrom('Ⅱ-1', '㈱-2') },
    ),
    name: cell,
    phase,
    memo: cell,
    quoted: fc.nat(3).map((q) => q === 0),
  });
  it('every path imports as the file written one way (fast-check)', async () => {
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 16, minLength: 8 });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(line, { minLength: 1, maxLength: 60 }),
          fc.array(fc.nat(2000), { maxLength: 3 }),
          fc.integer({ min: 1, max: 200 }),
          fc.constantFrom('skip', 'blank') as fc.Arbitrary<'skip' | 'blank'>,
          async (lines, cuts, block, badRows) => {
            const write = (respell: boolean) =>
              join([
                cp932(HEADER),
                ...lines.map((l, i) => {
                  const pick = (way: number) => (s: number[][]) =>
                    s[respell ? Math.min(way, s.length - 1) : 0];
                  const q = (c: { text: string; way: number }) => {
                    const b = cp932(c.text, pick(c.way));
                    return l.quoted ? join([cp932('"'), b, cp932('"')]) : b;
                  };
                  return join([
                    cp932(`${l.id === '' ? `R${i}` : l.id},`, pick(l.name.way)),
                    q(l.name),
                    cp932(`,${i},`),
                    q(l.phase),
                    cp932(','),
                    q(l.memo),
                    cp932('\n'),
                  ]);
                }),
              ]);
            const want = await everyPath(write(false), { badRows }, cuts, block);
            const got = await everyPath(write(true), { badRows }, cuts, block);
            expect(got).toEqual(want);
            expect(got.blocks).toBe(got.onePass);
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      setSinkTuning(was);
    }
  });
});
