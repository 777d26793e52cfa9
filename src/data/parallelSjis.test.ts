import { describe, expect, it, onTestFinished } from 'vitest';
import fc from 'fast-check';
import { type ImportOptions } from './';
import { dictOfBytes } from './absorbPart';
import {
  chainRanges,
  cutJobs,
  mergeRanges,
  parseRange,
  parseRangeStream,
  planParallel,
  tailBytes,
  type RangeJob,
  type RangeRead,
  type RangeResult,
} from './parallelImport';
import { setSinkTuning, type PackedValues } from './sinks';
import { sjisDictBytes } from './sjisDictBytes';
import { demoContract, sjis, utf8 } from './testing/helpers';
import { bytesOf, joinBytes, serial, posted } from './testing/parts';

interface Way {
  /** Streamed in blocks of `block` bytes, the reader giving at most `read` a call; else whole. */
  stream: { block: number; read: number } | null;
}

/** Cut at the targets, parse each part alone (the first not posted), chain and merge; null: declined. */
async function inParts(
  bytes: Uint8Array,
  name: string,
  opts: ImportOptions,
  targets: number[],
  way: Way,
  seen: { encodings: Set<string>; reruns: number },
): Promise<string | null> {
  const plan = planParallel(bytes, name, demoContract, opts, 2, 1);
  if (!plan) return 'no plan';
  const spec = plan.spec;
  seen.encodings.add(spec.encoding);
  const run = async (job: RangeJob): Promise<RangeResult> => {
    const end = Math.min(bytes.length, job.to + tailBytes(spec));
    const slice = bytes.slice(job.from, end);
    let r: RangeResult;
    if (way.stream) {
      const { block, read: most } = way.stream;
      const read: RangeRead = async (buf, offset, length, position) => {
        const at = position - job.from;
        const n = Math.min(length, most, slice.length - at);
        buf.set(slice.subarray(at, at + n), offset);
        return n;
      };
      r = await parseRangeStream(spec, read, job, undefined, block);
    } else r = parseRange(spec, slice, job.from, job);
    return job.from === spec.start ? r : posted(r);
  };
  const jobs = cutJobs(
    bytes,
    spec.start,
    [...targets].sort((a, b) => a - b),
  );
  const ranges = await chainRanges(await Promise.all(jobs.map(run)), spec.start, (job) => {
    seen.reruns++;
    return run(job);
  });
  const merged = ranges && mergeRanges(spec, ranges);
  if (!merged) return null;
  return bytesOf(merged.table) + '\n' + JSON.stringify(merged.report);
}

const HEADER = ['account_id', 'company_name', 'mrr', 'industry', 'setup_progress', 'kickoff_done'];
/**
 * Names in Shift_JIS: 2-byte kanji and kana, half-width kana (1 byte, 0xA1–0xDF), trail bytes
 * that are ASCII (ソ 表 能 予: 0x5C `\`; ー 0x5B…), NEC and IBM extensions, quoted line breaks
 * and quotes, an empty name.
 */
const NAMES = [
  '株式会社テスト',
  'ｶﾀｶﾅ商事',
  'ﾃｽﾄ',
  'ソ表能予',
  'ー｜＠',
  '①②髙﨑',
  '～∥－',
  '"東京\n大阪"',
  '"ｶﾅ\nソ表"',
  '"引用""符"、ｱ"',
  '"改行\r\nｶﾅ"',
  'Acme',
  '',
  // One name per row (later parts bring new values: merged from their bytes).
  '@ROW@',
  '@ROW@',
];
const row = fc.record({
  name: fc.constantFrom(...NAMES),
  mrr: fc.constantFrom('1200', '1,234', '１２００', 'abc', ''),
  industry: fc.constantFrom('saas', 'SaaS', '製造', 'bogus', ''),
  pct: fc.constantFrom('80%', '0.8', '45', '８０％', ''),
  bool: fc.constantFrom('TRUE', 'はい', 'ｲｲｴ', 'maybe', ''),
  shape: fc.constantFrom('ok', 'ok', 'ok', 'ok', 'blank', 'crlf', 'ragged'),
  /**
   * How the line is written: Shift_JIS; ASCII only (its name replaced); UTF-8 that cannot be
   * Shift_JIS (ア read as Shift_JIS gives half-width kana: the one pass refuses the file); UTF-8
   * that is valid Shift_JIS too (与偆: counted as UTF-8, not really UTF-8).
   */
  enc: fc.constantFrom(
    'sjis',
    'sjis',
    'sjis',
    'sjis',
    'ascii',
    'ascii',
    'ascii',
    'ascii',
    'ascii',
    'ascii',
    'utf8',
    'twin',
  ),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

/** `mixed` false: no line that is really UTF-8 (those rows are written in Shift_JIS). */
function fileOf(rows: Row[], tsv: boolean, distinct: boolean, mixed: boolean): Uint8Array {
  const d = tsv ? '\t' : ',';
  const parts: Uint8Array[] = [sjis(HEADER.join(d) + '\n')];
  // The first row is Shift_JIS: the file is detected as Shift_JIS (its head decides).
  const all: Row[] = [{ ...rows[0], name: '株式会社テスト', enc: 'sjis', shape: 'ok' }, ...rows];
  all.forEach((r, i) => {
    if (r.enc === 'utf8' && !mixed) r = { ...r, enc: 'sjis' };
    // A UTF-8 line's other cells are ASCII (so the line is valid Shift_JIS too, as a file's
    // head must be for the file to be read in parts).
    const own = r.name === '@ROW@' ? `ｶﾅ商事株式会社${i}号店` : r.name;
    const name = r.enc === 'sjis' ? (tsv ? own.replace(/"/g, '') : own) : '@NAME@';
    const mrr = r.mrr.includes(',') && !tsv ? `"${r.mrr}"` : r.mrr;
    const key = `A${distinct ? i * 7 + 3 : i % 40}`;
    const f = [key, name, mrr, r.industry, r.pct, r.bool];
    if (r.shape === 'ragged') f.push('extra');
    let line = (r.shape === 'blank' ? '\n' : '') + f.join(d) + (r.shape === 'crlf' ? '\r\n' : '\n');
    if (r.enc !== 'sjis')
      line = line
        .replace(/[^\t\n\r -~]/g, 'x')
        .replace('@NAME@', r.enc === 'utf8' ? '株式会社ア' : r.enc === 'twin' ? '与偆' : `Co ${i}`);
    parts.push(r.enc === 'utf8' || r.enc === 'twin' ? utf8(line) : sjis(line));
  });
  return joinBytes(parts);
}

describe('a Shift_JIS file read in parts = the one pass', () => {
  it('streams or parses each part as Shift_JIS, byte for byte; declines exactly the files the one pass refuses for mixed encodings', async () => {
    const file = fc.record({
      rows: fc.array(row, { minLength: 3, maxLength: 120 }),
      tsv: fc.boolean(),
      distinct: fc.boolean(),
      mixed: fc.boolean(),
      inQuote: fc.boolean(),
      policy: fc.constantFrom('skip', 'blank') as fc.Arbitrary<'skip' | 'blank'>,
      maxIssues: fc.constantFrom(3, 200),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
      stream: fc.option(
        fc.record({
          block: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 5000 })),
          read: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 9000 })),
        }),
        { freq: 4 },
      ),
    });
    const seen = { encodings: new Set<string>(), reruns: 0 };
    const tally = { cases: 0, merged: 0, refused: 0, twinMerged: 0, midChar: 0 };
    // The string sinks pack small columns too (as they pack the 1M file's ids and names), so
    // the parts' packed Shift_JIS values go to the merge as bytes (sjisDictBytes).
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    onTestFinished(() => void setSinkTuning(was));
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const bytes = fileOf(f.rows, f.tsv, f.distinct, f.mixed);
        const name = f.tsv ? 'accounts.tsv' : 'accounts.csv';
        const opts: ImportOptions = { badRows: f.policy, maxIssues: f.maxIssues, rowNumbers: true };
        const targets = f.cuts.map((c) => Math.floor(c * bytes.length));
        // And a target on the trail byte of a 2-byte character (the cut moves on to a line feed).
        const lead = bytes.findIndex(
          (b, i) => i >= targets[0] && ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)),
        );
        if (lead >= 0 && lead + 1 < bytes.length) {
          targets.push(lead + 1);
          tally.midChar++;
        }
        // And, some of the time, a target just past a line feed inside a quoted name (the
        // part after it is guessed wrong and parsed again from where the one before ended).
        const inQuote = bytes.findIndex(
          (b, i) =>
            i > 60 &&
            b === 0x0a &&
            bytes[i - 1] !== 0x22 &&
            bytes[i - 1] !== 0x0d &&
            bytes[i + 1] !== 0x41 &&
            bytes[i + 1] !== 0x0a,
        );
        if (f.inQuote && inQuote > 0) targets.push(inQuote);
        tally.cases++;
        const want = serial(bytes, name, opts);
        const got = await inParts(bytes, name, opts, targets, { stream: f.stream }, seen);
        if (got === null || got === 'no plan') {
          // Declined (or not planned: detection saw the UTF-8 line): only a file the one pass
          // refuses (it is then read serially, so refused).
          expect(want).toMatch(/^error .*"code":"mixed_encoding"/);
          if (got === null) tally.refused++;
          return;
        }
        expect(got).toBe(want);
        tally.merged++;
        if (f.rows.some((r) => r.enc === 'twin')) tally.twinMerged++;
      }),
      { numRuns: 400, seed: 36 },
    );
    // Not vacuous: Shift_JIS files, merged and refused, with UTF-8 lines that are valid
    // Shift_JIS merged, cuts in quoted line breaks parsed again, targets inside characters.
    expect([...seen.encodings]).toEqual(['shift_jis']);
    expect(tally.merged).toBeGreaterThan(tally.cases * 0.3);
    expect(tally.refused).toBeGreaterThan(tally.cases * 0.2);
    expect(tally.twinMerged).toBeGreaterThan(20);
    expect(tally.midChar).toBeGreaterThan(tally.cases * 0.5);
    expect(seen.reruns).toBeGreaterThan(20);
  });

  it('counts each line once across parts: the verdict on a few UTF-8 and Shift_JIS lines, wherever the cut falls', async () => {
    // ASCII lines, a few Shift_JIS lines before and after one UTF-8 line that is valid
    // Shift_JIS too (与偆; in quotes over two lines, or not), sometimes in a record starting
    // inside a line (after a closing quote and a lone CR: the check may then read by blocks).
    // The one pass refuses when the UTF-8 lines are at least as many as the Shift_JIS ones, so
    // a line counted twice (the tail a part reads past its cut) or left out flips the verdict.
    const layout = fc.record({
      before: fc.integer({ min: 0, max: 2 }),
      after: fc.integer({ min: 0, max: 3 }),
      quoted: fc.boolean(),
      loneCr: fc.boolean(),
      at: fc.integer({ min: 8, max: 50 }),
      cuts: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })),
      stream: fc.option(
        fc.record({
          block: fc.integer({ min: 1, max: 300 }),
          read: fc.integer({ min: 1, max: 40 }),
        }),
        { freq: 3 },
      ),
    });
    const seen = { encodings: new Set<string>(), reruns: 0 };
    const outcomes = { merged: 0, refused: 0 };
    const was = setSinkTuning({ uniqueFrom: 4, srcStart: 8 });
    onTestFinished(() => void setSinkTuning(was));
    await fc.assert(
      fc.asyncProperty(layout, async (l) => {
        if (l.before + l.after === 0) return;
        const lines: Uint8Array[] = [utf8(HEADER.join(',') + '\n')];
        const ascii = (i: number) => utf8(`A${i},Co ${i},${i},saas,45,TRUE\n`);
        const sjisLine = (i: number) => sjis(`A${i},株式会社テスト${i},${i},saas,45,TRUE\n`);
        let i = 0;
        // (The whole file is the head the encoding is detected from: Shift_JIS.)
        for (let k = 0; k < l.before; k++) lines.push(sjisLine(i++));
        while (i < l.at) lines.push(ascii(i++));
        // After a lone CR the UTF-8 record starts inside its line; in quotes over two lines
        // and cut there, it is the record a part carries to its next block or reads past its cut.
        const cr = l.loneCr ? `A${i++},"Co"\r` : '';
        const name = l.quoted ? '"与偆\n与偆"' : '与偆';
        lines.push(utf8(`${cr}A${i},${name},${i},saas,45,TRUE\n`));
        i++;
        for (let k = 0; k < 6; k++) lines.push(ascii(i++));
        for (let k = 0; k < l.after; k++) lines.push(sjisLine(i++));
        for (let k = 0; k < 6; k++) lines.push(ascii(i++));
        const bytes = new Uint8Array(lines.reduce((s, p) => s + p.length, 0));
        let o = 0;
        for (const p of lines) {
          bytes.set(p, o);
          o += p.length;
        }
        // Cuts just before the UTF-8 line and inside it (in its quotes, when quoted).
        const u8 = bytes.indexOf(0xe4);
        const targets = [u8 - 3 - l.cuts[0], u8 + 2 + l.cuts[1]];
        const want = serial(bytes, 'lines.csv', {});
        const got = await inParts(bytes, 'lines.csv', {}, targets, { stream: l.stream }, seen);
        if (got === null) {
          expect(want).toMatch(/^error .*"code":"mixed_encoding"/);
          outcomes.refused++;
        } else {
          expect(got).toBe(want);
          outcomes.merged++;
        }
      }),
      { numRuns: 300, seed: 37 },
    );
    expect([...seen.encodings]).toEqual(['shift_jis']);
    expect(outcomes.merged).toBeGreaterThan(60);
    expect(outcomes.refused).toBeGreaterThan(60);
  });
});

describe('sjisDictBytes', () => {
  it('gives the UTF-8 bytes of the decoded values, packed or not, ASCII-only columns as they are', () => {
    const value = fc.oneof(
      fc.constantFrom('A00012', 'ソ表', 'ｶﾀｶﾅ', '株式会社テスト', '①髙', '～', '', ' x', 'é'),
      fc.string({ unit: fc.constantFrom('a', 'ア', 'ｱ', '漢', '\u001a', '\u001c', '\u007f', '1') }),
    );
    const dec = new TextDecoder('shift_jis');
    fc.assert(
      fc.property(
        fc.array(fc.record({ v: value, packed: fc.boolean(), gap: fc.nat(3) }), {
          maxLength: 60,
        }),
        (vals) => {
          // Packed values' bytes in src (with dead bytes between), the others decoded in dict.
          const chunks: number[] = [];
          const n = vals.length;
          const pOff = new Int32Array(n + 2);
          const pLen = new Int32Array(n + 2);
          const pUnits = new Int32Array(n + 2);
          const dict: string[] = [];
          const want: string[] = [];
          vals.forEach(({ v, packed, gap }, c) => {
            for (let g = 0; g < gap; g++) chunks.push(0x41);
            const b = sjis(v);
            const text = dec.decode(b);
            want.push(text);
            if (packed && b.length > 0) {
              pOff[c] = chunks.length;
              pLen[c] = b.length;
              pUnits[c] = text.length;
              chunks.push(...b);
              dict.push('');
            } else dict.push(text);
          });
          const pv: PackedValues = {
            src: new Uint8Array(chunks),
            srcLen: chunks.length,
            pOff,
            pLen,
            pUnits,
            size: n,
            dict,
            encoding: 'shift_jis',
          };
          const db = sjisDictBytes(pv);
          expect(dictOfBytes(db)).toEqual(want);
          const enc = new TextEncoder();
          for (let c = 0; c < n; c++) {
            const bytes = db.bytes.subarray(db.off[c], db.off[c] + db.len[c]);
            expect([...bytes]).toEqual([...enc.encode(want[c])]);
            expect(db.units[c]).toBe(want[c].length);
          }
        },
      ),
      { numRuns: 500, seed: 36 },
    );
  });

  it('sends an all-ASCII packed column without a copy', () => {
    const src = sjis('A1A22A333');
    const pv: PackedValues = {
      src,
      srcLen: src.length,
      pOff: Int32Array.from([0, 2, 5]),
      pLen: Int32Array.from([2, 3, 4]),
      pUnits: Int32Array.from([2, 3, 4]),
      size: 3,
      dict: ['', '', ''],
      encoding: 'shift_jis',
    };
    const db = sjisDictBytes(pv);
    expect(db.bytes).toBe(src);
    expect(dictOfBytes(db)).toEqual(['A1', 'A22', 'A333']);
  });
});
