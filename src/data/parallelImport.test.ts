import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importAccountFile, type ImportOptions } from './';
import { absorbWays, touchRoom } from './absorbPart';
import {
  chainRanges,
  cutJobs,
  dictBytesOfStrings,
  dictOfBytes,
  importInParts,
  bytesSource,
  mergeRanges,
  mergeWays,
  parseRange,
  parseRangeStream,
  planFromSource,
  rangeSinkPlans,
  headSpec,
  planTimes,
  importPhases,
  headSource,
  rangeColumnBytes,
  rangeColumnSizes,
  tailBytes,
  planParallel,
  FIRST_WEIGHT,
  type RangeRead,
  type RangeSpec,
} from './parallelImport';
import { demoContract, utf8 } from './testing/helpers';
import { detectMemo } from './parallelDetect';
import type { Column } from '../table/columns';
import { heldMemory, type ColumnMemory } from './columnMemory';
import { setSinkTuning } from './sinks';
import { generateDemoTable } from './demo/generate';
import { tableToCsv } from './tableCsv';
import { bytesOf, serial, posted } from './testing/parts';
/**
 * Faulted memory arriving late, a buffer at a time, as the fault worker's does: the buffers of
 * `sizes`, the i-th takeable from the `at[i]`-th call of take on (each block, a range's
 * importer asks once per column not yet moved). `given`: the buffers taken.
 */
function arriving(sizes: number[], at: number[]): ColumnMemory & { given: Set<ArrayBuffer> } {
  let calls = 0;
  const left = sizes.map((n, i) => ({ n, at: at.length ? at[i % at.length] : 0 }));
  const given = new Set<ArrayBuffer>();
  return {
    given,
    take(n) {
      calls++;
      const i = left.findIndex((b) => b.n === n && b.at < calls);
      if (i < 0) return null;
      left.splice(i, 1);
      const b = new ArrayBuffer(n);
      given.add(b);
      return b;
    },
  };
}

const bufferOf = (c: Column) => (c.type === 'string' ? c.codes : c.values).buffer as ArrayBuffer;

/** Streamed ranges given faulted memory: per range, when its buffers arrive; what moved. */
interface Faulting {
  at: (k: number) => number[];
  /** Per range: its columns, those in the memory given, whether it is a first range with room. */
  moved: { columns: number; moved: number; first: boolean }[];
  /** The merged table's columns in the first range's faulted buffers (appended in place). */
  mergedInFirst: number;
}

/** Split at the targets, parse each range alone, check and merge (null: the merge declined). */
async function parallel(
  bytes: Uint8Array,
  name: string,
  opts: ImportOptions,
  targets: number[],
  stats = { reruns: 0 },
  stream?: { block: number; read: number },
  faulting?: Faulting,
): Promise<string | null> {
  const plan = planParallel(bytes, name, demoContract, opts, 2, 1);
  if (!plan) return null;
  const spec: RangeSpec = plan.spec;
  // Each range gets only its bytes plus the tail, as a worker does, and sends its result back.
  // `stream`: each range reads its slice in blocks of `block` bytes, its reader giving at most
  // `read` bytes a call (parseRangeStream), and the first range is not posted (the import
  // worker parses it itself).
  let firstMemory: Set<ArrayBuffer> | null = null;
  const run = async (job: { from: number; to: number }, k = 0) => {
    const end = Math.min(bytes.length, job.to + tailBytes(spec));
    if (stream) {
      const slice = bytes.slice(job.from, end);
      const read: RangeRead = async (buf, offset, length, position) => {
        const at = position - job.from;
        const n = Math.min(length, stream.read, slice.length - at);
        buf.set(slice.subarray(at, at + n), offset);
        return n;
      };
      // Faulted memory of exactly the lengths the range's columns have (a range worker's
      // arrives with its job; the first range's, with the room, while it parses).
      const memory = faulting && arriving(rangeColumnSizes(spec, job), faulting.at(k));
      const r = await parseRangeStream(spec, read, job, undefined, stream.block, memory);
      if (memory) {
        const cols = Object.values(r.table?.columns ?? {});
        const moved = cols.filter((c) => memory.given.has(bufferOf(c as Column))).length;
        // (A first range that is the whole file keeps no room: its columns are cut to fit.)
        const first = job.from === spec.start && job.to < spec.size;
        faulting.moved.push({ columns: cols.length, moved, first });
        if (first) firstMemory = memory.given;
      }
      if (job.from !== spec.start) return posted(r);
      // As importInParts: the room for the other parts' rows touched (a guess that may be off).
      for (const c of Object.values(r.table?.columns ?? {})) touchRoom(c, r.records * 3);
      return r;
    }
    return posted(parseRange(spec, bytes.slice(job.from, end), job.from, job));
  };
  const jobs = cutJobs(
    bytes,
    spec.start,
    [...targets].sort((a, b) => a - b),
  );
  const ranges = await chainRanges(
    await Promise.all(jobs.map((j, k) => run(j, k))),
    spec.start,
    async (job) => {
      stats.reruns++;
      return run(job, jobs.length + stats.reruns);
    },
  );
  const merged = ranges && mergeRanges(spec, ranges);
  if (!merged) return null;
  if (faulting && firstMemory)
    faulting.mergedInFirst += Object.values(merged.table.columns).filter((c) =>
      firstMemory!.has(bufferOf(c)),
    ).length;
  return bytesOf(merged.table) + '\n' + JSON.stringify(merged.report);
}

// A Shift_JIS encoder (tests only): the reverse of the platform's decoder.
let sjisTable: Map<string, number[]> | null = null;
function sjis(text: string): Uint8Array {
  if (!sjisTable) {
    sjisTable = new Map();
    const dec = new TextDecoder('shift_jis');
    for (let c = 0xa1; c <= 0xdf; c++) sjisTable.set(dec.decode(new Uint8Array([c])), [c]);
    for (let a = 0x81; a <= 0xfc; a++) {
      if (a > 0x9f && a < 0xe0) continue;
      for (let b = 0x40; b <= 0xfc; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !sjisTable.has(ch)) sjisTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else out.push(...(sjisTable.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

const HEADER = [
  'account_id',
  'company_name',
  'mrr',
  'industry',
  'contract_start',
  'setup_progress',
  'kickoff_done',
  'nps',
];
const names = [
  'Acme',
  '株式会社テスト',
  '"Line\nbreak, Inc."',
  '"Two\r\nlines\n""quoted"""',
  '5" screen Co',
  '"quoted"after',
  '=SUM(A1)',
  'ｶﾀｶﾅ商事',
  '"東京\n大阪"',
  '',
];
const cell = fc.record({
  key: fc.integer({ min: 0, max: 400 }),
  name: fc.constantFrom(...names),
  mrr: fc.constantFrom('1200', '1,234', '12.5', 'abc', '', '1e400', '¥3,000'),
  industry: fc.constantFrom('saas', 'SaaS', 'retail', 'bogus', ''),
  date: fc.constantFrom('2024-03-09', '2024/3/9', '2024年3月9日', 'soon', ''),
  pct: fc.constantFrom('80%', '0.8', '45', '', '12.5%'),
  bool: fc.constantFrom('TRUE', 'no', 'はい', 'maybe', ''),
  nps: fc.constantFrom('9', '3.5', '-2', ''),
  shape: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'blank', 'ragged', 'crlf', 'nokey'),
});
type Row = typeof cell extends fc.Arbitrary<infer T> ? T : never;

function csvOf(rows: Row[], delimiter: string): string {
  let s = HEADER.join(delimiter) + '\n';
  for (const r of rows) {
    const f = [
      r.shape === 'nokey' ? '' : `A${r.key}`,
      r.name,
      r.mrr.includes(',') && delimiter === ',' ? `"${r.mrr}"` : r.mrr,
      r.industry,
      r.date,
      r.pct,
      r.bool,
      r.nps,
    ];
    if (r.shape === 'ragged') f.push('extra');
    if (r.shape === 'blank') s += '\n';
    s += f.join(delimiter) + (r.shape === 'crlf' ? '\r\n' : '\n');
  }
  return s;
}

/** How a UTF-8 range is read: whole (null), or streamed in random blocks and random reads. */
const streamWay = fc.option(
  fc.record({
    block: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 20000 })),
    read: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 70000 })),
  }),
  { freq: 2 },
);

const file = fc.record({
  rows: fc.array(cell, { minLength: 1, maxLength: 120 }),
  tsv: fc.boolean(),
  enc: fc.constantFrom('utf-8', 'utf-8-bom', 'shift_jis'),
  policy: fc.constantFrom('skip', 'blank') as fc.Arbitrary<'skip' | 'blank'>,
  maxIssues: fc.constantFrom(5, 200),
  cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
  stream: streamWay,
});

function encode(text: string, enc: string): Uint8Array {
  if (enc === 'shift_jis') return sjis(text);
  const b = utf8(text);
  if (enc !== 'utf-8-bom') return b;
  const out = new Uint8Array(b.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(b, 3);
  return out;
}

describe('parallel import = serial import', () => {
  it('gives the same table bytes and report for random files cut into K ranges', async () => {
    const stats = { reruns: 0, merged: 0, cases: 0 };
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const bytes = encode(csvOf(f.rows, f.tsv ? '\t' : ','), f.enc);
        const name = f.tsv ? 'accounts.tsv' : 'accounts.csv';
        const opts: ImportOptions = { badRows: f.policy, maxIssues: f.maxIssues };
        const targets = f.cuts.map((c) => Math.floor(c * bytes.length));
        stats.cases++;
        const p = await parallel(bytes, name, opts, targets, stats, f.stream ?? undefined);
        if (p === null) return;
        stats.merged++;
        expect(p).toBe(serial(bytes, name, opts));
      }),
      { numRuns: 300, seed: 17 },
    );
    // The merge ran on (nearly) every file, and cuts inside quoted line breaks were re-parsed.
    expect(stats.merged).toBeGreaterThan(stats.cases * 0.9);
    expect(stats.reruns).toBeGreaterThan(10);
  });

  it('merges files with distinct ids by dictionary, byte for byte (random cuts, bad rows, Shift_JIS)', async () => {
    // Distinct ids make the merge go by dictionary (fastRows) unless a range has an error row
    // under "skip"; a few files repeat an id or leave one out, and go row by row.
    const uniqueFile = fc.record({
      rows: fc.array(cell, { minLength: 2, maxLength: 150 }),
      tsv: fc.boolean(),
      enc: fc.constantFrom('utf-8', 'utf-8-bom', 'shift_jis', 'shift_jis'),
      policy: fc.constantFrom('skip', 'blank', 'blank') as fc.Arbitrary<'skip' | 'blank'>,
      maxIssues: fc.constantFrom(3, 200),
      clean: fc.boolean(),
      repeat: fc.constantFrom(false, false, false, true),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
      stream: streamWay,
    });
    const before = { ...mergeWays };
    const absorbed = { ...absorbWays };
    let cases = 0;
    let midChar = 0;
    await fc.assert(
      fc.asyncProperty(uniqueFile, async (f) => {
        const rows = f.rows.map((r, i): Row => ({
          ...r,
          key: i * 7 + 3,
          shape: r.shape === 'nokey' && !f.repeat ? ('ok' as const) : r.shape,
          // "clean": no bad cell, so that "skip" merges by dictionary too.
          ...(f.clean
            ? ({ mrr: '1200', date: '2024/3/9', bool: 'はい', industry: 'saas' } as const)
            : {}),
        }));
        if (f.repeat) rows[rows.length - 1].key = rows[0].key;
        const bytes = encode(csvOf(rows, f.tsv ? '\t' : ','), f.enc);
        const name = f.tsv ? 'accounts.tsv' : 'accounts.csv';
        const opts: ImportOptions = { badRows: f.policy, maxIssues: f.maxIssues, rowNumbers: true };
        const targets = f.cuts.map((c) => Math.floor(c * bytes.length));
        // And a target inside a multi-byte character (the cut moves on to the next line feed).
        const wide = bytes.findIndex((b, i) => i >= targets[0] && b >= 0x80);
        if (wide >= 0 && wide + 1 < bytes.length) {
          targets.push(wide + 1);
          midChar++;
        }
        cases++;
        const p = await parallel(bytes, name, opts, targets, undefined, f.stream ?? undefined);
        if (p === null) return;
        expect(p).toBe(serial(bytes, name, opts));
      }),
      { numRuns: 300, seed: 18 },
    );
    const byDictionary = mergeWays.byDictionary - before.byDictionary;
    const byRow = mergeWays.byRow - before.byRow;
    expect(byDictionary).toBeGreaterThan(cases * 0.4);
    expect(byRow).toBeGreaterThan(cases * 0.1);
    expect(midChar).toBeGreaterThan(cases * 0.3);
    // The string columns merged both ways (absorbPart): parts in ascending order, hash groups.
    expect(absorbWays.ascending - absorbed.ascending).toBeGreaterThan(cases * 0.05);
    expect(absorbWays.grouped - absorbed.grouped).toBeGreaterThan(cases * 0.1);
  });

  it('streams ranges as they are read, byte for byte (UTF-8, random blocks, cuts in quoted cells and characters)', async () => {
    // Every range read by parseRangeStream in random blocks and reads, the first not posted
    // (the import worker's own), cuts well inside the file: its first range has rows, so its
    // number columns keep room and the merge appends in place. Distinct ids or not, a
    // duplicate id across parts, both policies.
    const streamFile = fc.record({
      rows: fc.array(cell, { minLength: 4, maxLength: 150 }),
      tsv: fc.boolean(),
      bom: fc.boolean(),
      policy: fc.constantFrom('skip', 'blank') as fc.Arbitrary<'skip' | 'blank'>,
      distinct: fc.boolean(),
      clean: fc.boolean(),
      repeat: fc.boolean(),
      cuts: fc.array(fc.integer({ min: 10, max: 90 }), { minLength: 1, maxLength: 4 }),
      inQuote: fc.boolean(),
      block: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 5000 })),
      read: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 9000 })),
    });
    const before = { ...mergeWays };
    const stats = { reruns: 0 };
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(streamFile, async (f) => {
        const rows = f.rows.map((r, i): Row => ({
          ...r,
          key: f.distinct ? i * 7 + 3 : r.key,
          shape: f.distinct && r.shape === 'nokey' ? ('ok' as const) : r.shape,
          ...(f.clean
            ? ({ mrr: '1200', date: '2024/3/9', bool: 'はい', industry: 'saas' } as const)
            : {}),
        }));
        // An id of the first half again in the second (a duplicate across parts).
        if (f.repeat) rows[rows.length - 1].key = rows[1].key;
        const bytes = encode(csvOf(rows, f.tsv ? '\t' : ','), f.bom ? 'utf-8-bom' : 'utf-8');
        const name = f.tsv ? 'accounts.tsv' : 'accounts.csv';
        const opts: ImportOptions = { badRows: f.policy, rowNumbers: true };
        const targets = f.cuts.map((c) => Math.floor((c / 100) * bytes.length));
        // A cut inside a quoted cell with a line break, or inside a multi-byte character.
        const at = f.inQuote
          ? bytes.findIndex(
              (b, i) =>
                i > bytes.length / 3 &&
                b === 0x0a &&
                bytes[i - 1] !== 0x22 &&
                bytes[i - 1] !== 0x0d &&
                bytes[i + 1] !== 0x41,
            )
          : bytes.findIndex((b, i) => i > bytes.length / 3 && b >= 0x80);
        if (at > 0) targets.push(at + 1);
        cases++;
        const p = await parallel(bytes, name, opts, targets, stats, {
          block: f.block,
          read: f.read,
        });
        if (p === null) return;
        expect(p).toBe(serial(bytes, name, opts));
      }),
      { numRuns: 300, seed: 19 },
    );
    // The first range kept room and the merge appended in place; cuts in quoted line breaks
    // were read past and parsed again.
    expect(mergeWays.inPlace - before.inPlace).toBeGreaterThan(cases * 0.5);
    expect(stats.reruns).toBeGreaterThan(20);
  });

  it('moves streamed ranges into faulted memory arriving at random points, byte for byte', async () => {
    // Every range streamed with memory of its columns' exact lengths (rangeColumnSizes; the
    // first range's with room for the whole file) arriving a buffer at a time from random
    // calls on (or all at once), as the fault worker's: the merged table and report equal
    // the one-pass import's; the first range's columns, and so the merge's in-place appends,
    // are in the faulted buffers.
    const faultFile = fc.record({
      rows: fc.array(cell, { minLength: 4, maxLength: 150 }),
      tsv: fc.boolean(),
      bom: fc.boolean(),
      policy: fc.constantFrom('skip', 'blank') as fc.Arbitrary<'skip' | 'blank'>,
      distinct: fc.boolean(),
      cuts: fc.array(fc.integer({ min: 10, max: 90 }), { minLength: 1, maxLength: 3 }),
      block: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 5000 })),
      read: fc.integer({ min: 1, max: 9000 }),
      early: fc.boolean(),
      at: fc.array(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 12 }), {
        minLength: 8,
        maxLength: 8,
      }),
    });
    let cases = 0;
    let early = 0;
    const totals = { columns: 0, moved: 0, laterMoved: 0, mergedInFirst: 0 };
    await fc.assert(
      fc.asyncProperty(faultFile, async (f) => {
        const rows = f.rows.map((r, i): Row => ({
          ...r,
          key: f.distinct ? i * 7 + 3 : r.key,
          shape: f.distinct && r.shape === 'nokey' ? ('ok' as const) : r.shape,
        }));
        const bytes = encode(csvOf(rows, f.tsv ? '\t' : ','), f.bom ? 'utf-8-bom' : 'utf-8');
        const name = f.tsv ? 'accounts.tsv' : 'accounts.csv';
        const opts: ImportOptions = { badRows: f.policy, rowNumbers: true };
        const targets = f.cuts.map((c) => Math.floor((c / 100) * bytes.length));
        const faulting: Faulting = {
          at: (k) => (f.early ? [] : f.at[k % f.at.length]),
          moved: [],
          mergedInFirst: 0,
        };
        const p = await parallel(bytes, name, opts, targets, undefined, f, faulting);
        if (p === null) return;
        cases++;
        expect(p).toBe(serial(bytes, name, opts));
        for (const m of faulting.moved) {
          totals.columns += m.columns;
          totals.moved += m.moved;
          if (!m.first) totals.laterMoved += m.moved;
          // Memory there from the start: every column of the first range moved (its room
          // covers the whole file, so no column outgrew it).
          if (f.early && m.first) expect(m.moved).toBe(m.columns);
        }
        if (f.early) early++;
        totals.mergedInFirst += faulting.mergedInFirst;
      }),
      { numRuns: 300, seed: 25 },
    );
    // Not vacuous: most columns moved, later ranges' too, and merges appended in place into
    // the first range's faulted buffers.
    expect(cases).toBeGreaterThan(200);
    expect(early).toBeGreaterThan(50);
    expect(totals.moved).toBeGreaterThan(totals.columns * 0.5);
    expect(totals.laterMoved).toBeGreaterThan(totals.columns * 0.2);
    expect(totals.mergedInFirst).toBeGreaterThan(cases);
  });

  it('faults in at the preview exactly the lengths two streamed ranges of a demo export use', async () => {
    // rangeColumnBytes from the head (what the preview asks of the fault worker) against the
    // ranges planFromSource cuts: the same lengths, every column of both ranges moved, the
    // merge in place in the first range's faulted buffers, and the one-pass table.
    const csv = tableToCsv(generateDemoTable({ rows: 25_000, seed: 7 }), demoContract, {
      headers: 'ja',
    });
    const bytes = utf8(csv);
    expect(bytes.length).toBeGreaterThan(2 * (2 << 20));
    const head = bytes.slice(0, 1 << 20);
    const hs = headSpec(head, bytes.length, 'demo.csv', demoContract, {}, 2)!;
    const listed = rangeColumnBytes(hs, 1e9);
    expect(listed.map((l) => l.length)).toEqual([
      demoContract.fields.length,
      demoContract.fields.length,
    ]);
    // Within a budget, the later range's columns come first (they go with its job).
    const budget = listed[1].reduce((a, n) => a + n, 0) + listed[0][0];
    const cut = rangeColumnBytes(hs, budget);
    expect(cut[1]).toEqual(listed[1]);
    expect(cut[0]).toEqual([listed[0][0]]);
    const src = bytesSource(bytes);
    const plan = await planFromSource(src, 'demo.csv', demoContract, {}, 2);
    expect(plan?.jobs.length).toBe(2);
    const memories = listed.map((sizes) => arriving(sizes, []));
    const run = async (spec: RangeSpec, job: { from: number; to: number }) => {
      const k = job.from === spec.start ? 0 : 1;
      expect(rangeColumnSizes(spec, job)).toEqual(listed[k]);
      const read: RangeRead = async (buf, offset, length, position) => {
        const n = Math.min(length, bytes.length - position);
        buf.set(bytes.subarray(position, position + n), offset);
        return n;
      };
      const r = await parseRangeStream(spec, read, job, undefined, 65_536, memories[k]);
      const cols = Object.values(r.table!.columns);
      expect(cols.filter((c) => memories[k].given.has(bufferOf(c))).length).toBe(cols.length);
      return k === 0 ? r : posted(r);
    };
    const r = await importInParts(src, 'demo.csv', demoContract, {}, 2, run, undefined, run);
    expect(r.report.parts).toBe(2);
    const inFirst = Object.values(r.table.columns).filter((c) =>
      memories[0].given.has(bufferOf(c)),
    );
    expect(inFirst.length).toBeGreaterThan(15);
    const one = importAccountFile(bytes, 'demo.csv', demoContract, {});
    expect(bytesOf(r.table)).toBe(bytesOf(one.table));
    expect(JSON.stringify({ ...r.report, parts: undefined })).toBe(JSON.stringify(one.report));
  });

  it("plans at the preview exactly the string sinks' buffers two streamed ranges take", async () => {
    // rangeSinkPlans from the head against the ranges planFromSource cuts (small thresholds, so
    // that a file of thousands of rows sizes its sinks for the capacity): each range given its
    // columns' and its plan's buffers takes every one, a first range's touched share covers its
    // rows, and the merged table is the one pass's.
    const was = setSinkTuning({ uniqueFrom: 64, minLength: 1024 });
    try {
      const csv = tableToCsv(generateDemoTable({ rows: 25_000, seed: 7 }), demoContract, {
        headers: 'ja',
      });
      const bytes = utf8(csv);
      const head = bytes.slice(0, 1 << 20);
      const hs = headSpec(head, bytes.length, 'demo.csv', demoContract, {}, 2)!;
      const plans = rangeSinkPlans(head, hs)!;
      expect(plans).not.toBeNull();
      // The ids (sorted: entries without hashes) and the names (provisional codes and their
      // merge's scratch), each with its kept bytes; the first range's for the whole file's rows.
      expect(Object.keys(plans.later.keptBytes).sort()).toEqual(['account_id', 'company_name']);
      expect(plans.later.sizes.length).toBeGreaterThan(12);
      const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
      expect(sum(plans.first.sizes)).toBeGreaterThan(1.8 * sum(plans.later.sizes));
      // Faulted in only where the first range writes: about half, never past a buffer.
      plans.first.touch!.forEach((t, i) => {
        expect(t).toBeLessThanOrEqual(plans.first.sizes[i]);
        expect(t).toBeGreaterThan(0.5 * plans.first.sizes[i]);
        expect(t).toBeLessThan(0.6 * plans.first.sizes[i] + 4096);
      });
      const src = bytesSource(bytes);
      const taken: number[] = [];
      const run = async (spec: RangeSpec, job: { from: number; to: number }) => {
        const k = job.from === spec.start ? 0 : 1;
        const plan = k === 0 ? plans.first : plans.later;
        const held = heldMemory(
          [...rangeColumnSizes(spec, job), ...plan.sizes].map((n) => new ArrayBuffer(n)),
          plan.keptBytes,
        );
        const read: RangeRead = async (buf, offset, length, position) => {
          const n = Math.min(length, bytes.length - position);
          buf.set(bytes.subarray(position, position + n), offset);
          return n;
        };
        const r = await parseRangeStream(spec, read, job, undefined, 65_536, held);
        expect(held.sinkTaken).toBe(plan.sizes.length);
        taken[k] = held.sinkTaken;
        // The first range's rows fit in the share of its sinks' buffers faulted in (its id
        // column keeps room for the whole file: the sinks' capacity).
        if (k === 0) {
          const capacity = (r.table!.columns.account_id as { codes: Int32Array }).codes.buffer
            .byteLength;
          const share = Math.min(...plans.first.touch!.map((t, i) => t / plans.first.sizes[i]));
          expect(r.records / (capacity / 4)).toBeLessThan(share);
        }
        return k === 0 ? r : posted(r);
      };
      const r = await importInParts(src, 'demo.csv', demoContract, {}, 2, run, undefined, run);
      expect(r.report.parts).toBe(2);
      expect(taken).toEqual([plans.first.sizes.length, plans.later.sizes.length]);
      const one = importAccountFile(bytes, 'demo.csv', demoContract, {});
      expect(bytesOf(r.table)).toBe(bytesOf(one.table));
      expect(JSON.stringify({ ...r.report, parts: undefined })).toBe(JSON.stringify(one.report));
    } finally {
      setSinkTuning(was);
    }
  });

  it("tells a streamed range's progress per block, by its bytes read, rising and below 1", async () => {
    const csv = tableToCsv(generateDemoTable({ rows: 3_000, seed: 9 }), demoContract, {});
    const bytes = utf8(csv);
    const plan = planParallel(bytes, 'demo.csv', demoContract, {}, 2, 1 << 10);
    expect(plan).not.toBeNull();
    const job = plan!.jobs[1];
    const read: RangeRead = async (buf, offset, length, position) => {
      const n = Math.min(length, bytes.length - position);
      buf.set(bytes.subarray(position, position + n), offset);
      return n;
    };
    const told: number[] = [];
    const block = 16 << 10;
    const r = await parseRangeStream(plan!.spec, read, job, (f) => told.push(f), block);
    expect(r.failure).toBeUndefined();
    // One a block (the row loop tells none: its code then meets no call the warm-up did not).
    expect(told.length).toBe(Math.ceil((job.to - job.from) / block));
    for (let k = 1; k < told.length; k++) expect(told[k]).toBeGreaterThan(told[k - 1]);
    expect(told[0]).toBeCloseTo(block / (job.to - job.from), 5);
    expect(Math.max(...told)).toBeLessThanOrEqual(0.99);
    expect(Math.max(...told)).toBeGreaterThan(0.9);
  });

  it('keeps row numbers, duplicates and "%" mixes across ranges (a fixed file, cut in 3)', async () => {
    const lines = ['account_id,company_name,mrr,setup_progress'];
    for (let i = 1; i <= 60; i++) lines.push(`A${i},Co ${i},${i === 50 ? 'bad' : i},45`);
    lines[10] = 'A10,Early,10,80%';
    lines.push('A3,Again,3,0.8'); // duplicate of row 4, in the last range
    const bytes = utf8(lines.join('\n') + '\n');
    const opts = {};
    const out = await parallel(bytes, 'fixed.csv', opts, [300, 700]);
    expect(out).toBe(serial(bytes, 'fixed.csv', opts));
    const report = JSON.parse(out!.split('\n')[1]);
    expect(report.duplicateKeys).toBe(1);
    expect(report.issues.map((i: { code: string; row?: number }) => [i.code, i.row])).toEqual([
      ['percent_mixed', undefined],
      ['bad_number', 51],
      ['duplicate_key', 62],
    ]);
  });

  it('words a full-width "%" mix as the serial import does (no parseFloat NaN)', async () => {
    const lines = ['account_id,company_name,mrr,setup_progress'];
    for (let i = 1; i <= 60; i++) lines.push(`A${i},Co ${i},${i},45`);
    lines[10] = 'A10,Early,10,８０％';
    lines.push('A61,Late,61,０．５');
    const bytes = utf8(lines.join('\n') + '\n');
    const out = await parallel(bytes, 'wide.csv', {}, [300, 700]);
    expect(out).toBe(serial(bytes, 'wide.csv', {}));
    expect(out).not.toContain('NaN');
  });

  it('falls back to the serial import for a quote never closed or invalid UTF-8 in a later range', async () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `A${i},Co ${i},${i}`).join('\n');
    const cases = [
      utf8(`account_id,company_name,mrr\n${body}\nA999,"never closed,1\nA1000,x,2\n`),
      new Uint8Array([...utf8(`account_id,company_name,mrr\n${body}\nA999,`), 0xff, 0x0a]),
    ];
    for (const bytes of cases) {
      const plan = planParallel(bytes, 'x.csv', demoContract, {}, 3, 1);
      expect(plan?.jobs.length).toBe(3);
      const run = async (spec: RangeSpec, job: { from: number; to: number }) =>
        parseRange(spec, bytes, 0, job);
      let serialResult: string;
      try {
        const r = importAccountFile(bytes, 'x.csv', demoContract, {});
        serialResult = JSON.stringify(r.report);
      } catch (e) {
        serialResult = (e as Error).message;
      }
      let par: string;
      try {
        const r = await importInParts(bytes, 'x.csv', demoContract, {}, 3, run, 1);
        expect(r.report.parts).toBeUndefined();
        par = JSON.stringify(r.report);
      } catch (e) {
        par = (e as Error).message;
      }
      expect(par).toBe(serialResult);
    }
  });

  it('gives the first range (parsed where the import runs, which also merges) a little less', () => {
    const body = Array.from({ length: 60_000 }, (_, i) => `A${i},Co ${i},${i}`).join('\n');
    const bytes = utf8(`account_id,company_name,mrr\n${body}\n`);
    for (const parts of [2, 3, 4]) {
      const plan = planParallel(bytes, 'x.csv', demoContract, {}, parts, 1)!;
      const len = plan.jobs.map((j) => j.to - j.from);
      const later = len.slice(1);
      // The later ranges alike (within a line), the first FIRST_WEIGHT of one of them.
      expect(Math.max(...later) - Math.min(...later)).toBeLessThan(30);
      expect(len[0] / later[0]).toBeGreaterThan(FIRST_WEIGHT - 0.005);
      expect(len[0] / later[0]).toBeLessThan(FIRST_WEIGHT + 0.005);
      expect(FIRST_WEIGHT).toBeLessThan(1);
      expect(FIRST_WEIGHT).toBeGreaterThan(0.9);
      expect(plan.jobs.at(-1)!.to).toBe(bytes.length);
    }
  });

  it('says how many parts it read, and reads small files serially', async () => {
    const body = Array.from({ length: 500 }, (_, i) => `A${i},Co ${i},${i}`).join('\n');
    const bytes = utf8(`account_id,company_name,mrr\n${body}\n`);
    const run = async (spec: RangeSpec, job: { from: number; to: number }) =>
      parseRange(spec, bytes, 0, job);
    const r = await importInParts(bytes, 'x.csv', demoContract, {}, 4, run, 1000);
    expect(r.report.parts).toBe(4);
    expect(r.table.rowCount).toBe(500);
    const small = await importInParts(bytes, 'x.csv', demoContract, {}, 4, run, 1 << 20);
    expect(small.report.parts).toBeUndefined();
  });

  it('packs dictionaries into UTF-8 bytes and back, value for value', () => {
    // Japanese text, empty strings, astral characters, separators and lone ASCII, many values.
    const value = fc.oneof(
      fc.constantFrom('', '株式会社テスト', 'ｶﾀｶﾅ商事', '𠮷野家😀', 'a,b', '"q"', '\n', 'é'),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (dict) => {
        expect(dictOfBytes(dictBytesOfStrings(dict))).toEqual(dict);
      }),
      { numRuns: 500, seed: 19 },
    );
  });

  it("takes the preview's detection again at the click only for the same head and options", async () => {
    // The preview plans from the page's head (headSpec, no options); the import plans again
    // from the same head, given by the page (headSource), with the mapping, policy and
    // keyOptional the user's choices add: the same plan as from the whole file with them, the
    // head not read again, the detection not made again. Another head byte, a reading option,
    // another size or count of parts: made afresh.
    const csv = tableToCsv(generateDemoTable({ rows: 25_000, seed: 8 }), demoContract, {
      headers: 'ja',
    });
    const bytes = utf8(csv);
    const head = bytes.slice(0, 1 << 20);
    const reads: [number, number][] = [];
    const file = {
      size: bytes.length,
      read: async (from: number, to: number) => {
        reads.push([from, to]);
        return bytes.slice(from, to);
      },
    };
    const hs = headSpec(head, bytes.length, 'demo.csv', demoContract, {}, 2)!;
    // What the preview got is its own: changing it changes no later plan.
    hs.spec.headers.push('changed');
    const auto = hs.spec.opts.mapping!;
    const mapped = { ...auto, company_name: auto.account_id };
    for (const opts of [
      {},
      { onProgress: () => {} },
      { mapping: mapped, badRows: 'blank' as const, keyOptional: false },
      { mapping: auto, badRows: 'skip' as const, keyOptional: undefined, maxIssues: 5 },
    ]) {
      reads.length = 0;
      const src = headSource(file, head.slice());
      const got = await planFromSource(src, 'demo.csv', demoContract, opts, 2);
      expect(planTimes.specKnown).toBe(1);
      expect(JSON.stringify(got)).toBe(
        JSON.stringify(planParallel(bytes, 'demo.csv', demoContract, opts, 2)),
      );
      expect(got!.spec.opts.mapping).toEqual(opts.mapping ?? auto);
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every(([from]) => from >= head.length)).toBe(true);
    }
    // Reads past the head, or across its end, go to the file.
    const src = headSource(file, head);
    expect(await src.read(10, 20)).toEqual(bytes.subarray(10, 20));
    reads.length = 0;
    expect(await src.read(head.length - 4, head.length + 4)).toEqual(
      bytes.subarray(head.length - 4, head.length + 4),
    );
    expect(reads).toEqual([[head.length - 4, head.length + 4]]);
    // Options that change how the file is read: detected afresh, as from the whole file.
    for (const opts of [
      { hasHeader: false },
      { delimiter: ';' },
      { encoding: 'utf-8' as const },
      { limits: { maxRowBytes: undefined } },
    ]) {
      headSpec(head, bytes.length, 'demo.csv', demoContract, {}, 2);
      const p = await planFromSource(headSource(file, head), 'demo.csv', demoContract, opts, 2);
      expect(planTimes.specKnown).toBe(0);
      expect(JSON.stringify(p)).toBe(
        JSON.stringify(planParallel(bytes, 'demo.csv', demoContract, opts, 2)),
      );
    }
    // Another size: detected afresh (the rows per byte are the size's); another count of
    // parts alone: the same detection (it does not depend on it).
    const big = bytes.length + 10_000_000;
    headSpec(head, bytes.length, 'demo.csv', demoContract, {}, 2);
    const before = detectMemo.stats.hits;
    const p3 = headSpec(head, big, 'demo.csv', demoContract, {}, 3)!;
    expect(detectMemo.stats.hits).toBe(before);
    expect([p3.spec.size, p3.spec.parts]).toEqual([big, 3]);
    expect(p3.spec.rowsPerByte).not.toBe(hs.spec.rowsPerByte);
    const p2 = headSpec(head, big, 'demo.csv', demoContract, {}, 2)!;
    expect(detectMemo.stats.hits).toBe(before + 1);
    expect(p2.spec.parts).toBe(2);
    expect(p2.spec.rowsPerByte).toBe(p3.spec.rowsPerByte);
    // Another head (the first header's last byte changed): found from it, not the preview's.
    headSpec(head, bytes.length, 'demo.csv', demoContract, {}, 2);
    const renamed = head.slice();
    renamed[renamed.indexOf(0x2c) - 1] = 0x5f;
    const hits = detectMemo.stats.hits;
    const p = await planFromSource(headSource(file, renamed), 'demo.csv', demoContract, {}, 2);
    expect(detectMemo.stats.hits).toBe(hits);
    expect(p!.spec.headers[0]).not.toBe(hs.spec.headers[0]);
    expect(p!.spec.headers[0].endsWith('_')).toBe(true);
  });

  it('plans from the head and a little at each cut as from the whole file (File read in slices)', async () => {
    // Files past the head that is read (1 MB), UTF-8 with a BOM and Shift_JIS, quoted line
    // breaks near the cuts, 2 to 4 parts: the same plan, and the same import, as from the bytes.
    const row = (i: number) =>
      `A${i},${i % 7 === 0 ? '"東京\n大阪"' : '株式会社テスト' + i},${i},saas,2024-03-09,45,TRUE,9\n`;
    for (const [enc, rows, parts] of [
      ['utf-8', 30_000, 2],
      ['utf-8-bom', 45_000, 3],
      ['shift_jis', 40_000, 4],
    ] as const) {
      let text = HEADER.join(',') + '\n';
      for (let i = 0; i < rows; i++) text += row(i);
      const bytes = encode(text, enc);
      expect(bytes.length).toBeGreaterThan(1.5 * (1 << 20));
      const reads: [number, number][] = [];
      const src = {
        size: bytes.length,
        read: async (from: number, to: number) => {
          reads.push([from, to]);
          return bytes.slice(from, to);
        },
      };
      const want = planParallel(bytes, 'big.csv', demoContract, {}, parts, 1);
      const got = await planFromSource(src, 'big.csv', demoContract, {}, parts, 1);
      expect(want?.jobs.length).toBe(parts);
      expect(JSON.stringify(got)).toBe(JSON.stringify(want));
      // Not the whole file: the head and small windows.
      expect(reads.reduce((s, [a, b]) => s + b - a, 0)).toBeLessThan(
        (1 << 20) + parts * (64 << 10),
      );
      const run = async (spec: RangeSpec, job: { from: number; to: number }) =>
        posted(parseRange(spec, bytes, 0, job));
      // The plan's steps timed for the benchmark (importPhases), measured afresh each call.
      expect(planTimes.spec).toBeGreaterThan(0);
      for (const k of ['headRead', 'cutRead'] as const)
        expect(planTimes[k]).toBeGreaterThanOrEqual(0);
      const r = await importInParts(src, 'big.csv', demoContract, {}, parts, run, 1);
      expect(r.report.parts).toBe(parts);
      expect(importPhases.spec).toBe(Math.round(planTimes.spec * 10) / 10);
      expect(await planFromSource(src, 'big.csv', demoContract, {}, 1, 1)).toBeNull();
      expect(planTimes).toEqual({ headRead: 0, spec: 0, cutRead: 0, specKnown: 0 });
      const one = importAccountFile(bytes, 'big.csv', demoContract, {});
      expect(bytesOf(r.table)).toBe(bytesOf(one.table));
      expect(JSON.stringify({ ...r.report, parts: undefined })).toBe(JSON.stringify(one.report));
      // A source too small to split is read whole, serially.
      const whole = await importInParts(bytesSource(bytes), 'big.csv', demoContract, {}, 1, run);
      expect(bytesOf(whole.table)).toBe(bytesOf(one.table));
    }
  });
});
