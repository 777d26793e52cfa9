import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamScore } from './streamScore';
import { parquetChunkWriter, textChunkWriter, type ChunkWriter } from './chunkWriter';
import { parallelChunkWriter } from './parallelWriter';
import { openOutput } from './output';
import { setCliLanguage } from './messages';
import { main } from './main';
import { compilePlaybook } from '../engine';
import { readPlaybookDocument } from '../engine/readPlaybook';
import type { BadRowPolicy } from '../data';
import { generateDemoTable } from '../data/demo/generate';
import { tableToCsv } from '../data/tableCsv';
import { ROOT } from '../engine/testing/demo';
import { playbookFingerprint } from '../model/playbookDiff';
import type { Column } from '../table/columns';
import { capture } from './testing/runCli';

setCliLanguage('en');

const project = readPlaybookDocument(readFileSync(join(ROOT, 'templates', 'demo.json')));
if (!project.ok) throw new Error('demo template does not read');
const pb = project.playbook;
const AS_OF = '2026-11-23';
const c = compilePlaybook(pb, { asOf: AS_OF });
if (!c.ok) throw new Error('demo playbook does not compile');
const compiled = c.compiled;
const dir = mkdtempSync(join(tmpdir(), 'wm-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Format = 'csv' | 'json' | 'ndjson' | 'parquet';

/** Split one CSV line (no line breaks inside) into cells, and join cells back, quoting as needed. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
const join_ = (cs: string[]) =>
  cs.map((s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)).join(',');

/**
 * The demo data with Japanese headers and names, quoted names (commas, doubled quotes, a line
 * break), and rows that give errors and warnings all through the file: a bad number, a value
 * outside a category, a ragged row, a duplicate key far from its first row.
 */
function fixture(rows: number, seed: number, crlf: boolean): string {
  const lines = tableToCsv(generateDemoTable({ rows, seed }), pb.fields, { headers: 'ja' })
    .trimEnd()
    .split('\n');
  for (let i = 1; i < lines.length; i++) {
    const cs = cells(lines[i]);
    if (i % 97 === 0) cs[2] = '12 thousand'; // mrr: not a number (error)
    if (i % 89 === 0) cs[4] = '不明な業種'; // industry: not one of the categories
    if (i % 83 === 0) cs[1] = `株式会社 "テスト" ${i},\n本社`; // quotes, comma and a line break
    if (i % 211 === 0) cs[0] = cells(lines[1 + (i % 50)])[0]; // a duplicate key
    if (i % 307 === 0) cs.pop(); // ragged
    lines[i] = join_(cs);
  }
  const text = lines.join('\n') + '\n';
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

async function run(
  file: string,
  format: Format,
  writer: ChunkWriter,
  blockBytes: number,
  badRows: BadRowPolicy | undefined,
) {
  const io = capture(dir);
  const outFile =
    format === 'parquet' ? `${file}.${Math.random().toString(36).slice(2)}.parquet` : undefined;
  try {
    const r = await streamScore(io, {
      pb,
      compiled,
      dataFile: file,
      badRows,
      writer,
      openOutput: () => openOutput(io, outFile),
      blockBytes,
    });
    const rows = r === null || r === 'whole' ? r : r.rows;
    if (r && r !== 'whole') await r.out.close();
    const out = outFile
      ? (() => {
          try {
            return readFileSync(join(dir, outFile)).toString('base64');
          } catch {
            return '(none)';
          }
        })()
      : io.out();
    return { rows, out, err: io.err() };
  } finally {
    await writer.dispose?.();
    if (outFile) rmSync(join(dir, outFile), { force: true });
  }
}

function serialWriter(format: Format, chunkRows: number): ChunkWriter {
  return format === 'parquet'
    ? parquetChunkWriter(compiled, chunkRows, playbookFingerprint(pb))
    : textChunkWriter(compiled, format, chunkRows, true);
}

function threadedWriter(format: Format, chunkRows: number, threads: number) {
  const fingerprint = format === 'parquet' ? playbookFingerprint(pb) : undefined;
  return parallelChunkWriter(
    { playbook: pb, asOf: AS_OF, format, chunkRows, fingerprint },
    threads,
    true,
  );
}

describe('waymark score --threads N gives the --threads 1 output byte for byte', () => {
  writeFileSync(join(dir, 'lf.csv'), fixture(1200, 3, false));
  writeFileSync(join(dir, 'crlf.csv'), '\ufeff' + fixture(900, 4, true));

  it('for random N, block sizes, chunk sizes, formats and bad-row policies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('lf.csv', 'crlf.csv'),
        fc.constantFrom<Format>('csv', 'json', 'ndjson', 'parquet'),
        fc.integer({ min: 1, max: 4 }), // workers: --threads N runs N − 1
        fc.integer({ min: 2_000, max: 60_000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom<BadRowPolicy | undefined>('skip', 'blank', undefined),
        async (file, format, threads, blockBytes, chunkRows, badRows) => {
          const one = await run(file, format, serialWriter(format, chunkRows), blockBytes, badRows);
          const many = await run(
            file,
            format,
            threadedWriter(format, chunkRows, threads),
            blockBytes,
            badRows,
          );
          expect(many.err).toBe(one.err);
          expect(many.rows).toBe(one.rows);
          expect(many.out).toBe(one.out);
        },
      ),
      { numRuns: 8, seed: Number(process.env.FC_SEED ?? 17) },
    );
  }, 300_000);

  it('the fixture has the errors and warnings it means to have', async () => {
    const s = await run('lf.csv', 'csv', serialWriter('csv', 100), 4096, 'skip');
    expect(s.err).toMatch(/appears again/);
    expect(s.err).toMatch(/12 thousand/);
    expect(s.err).toMatch(/不明な業種/);
    expect(s.err).toMatch(/row 308\b/);
    expect(s.rows).toBeGreaterThan(1100);
  });
});

describe('waymark score --threads', () => {
  it('refuses 0, fractions and words with a clear message (en and ja)', async () => {
    for (const v of ['0', '1.5', 'two', '-1', '257']) {
      const io = capture(dir);
      const code = await main(
        ['score', join(ROOT, 'templates/demo.json'), 'lf.csv', '--threads', v],
        io,
      );
      expect(code).toBe(2);
      expect(io.err()).toContain(`--threads "${v}" is not a whole number from 1 to 256`);
    }
    setCliLanguage('ja');
    const io = capture(dir);
    await main(['score', join(ROOT, 'templates/demo.json'), 'lf.csv', '--threads', '0'], io);
    setCliLanguage('en');
    expect(io.err()).toContain('--threads "0" は 1 から 256 までの整数');
  });

  it('the CLI with --threads 3 writes what --threads 1 writes', async () => {
    const outs: string[] = [];
    for (const n of ['1', '3', 'auto']) {
      const io = capture(dir);
      const code = await main(
        ['score', join(ROOT, 'templates/demo.json'), 'lf.csv', '--as-of', AS_OF, '--threads', n],
        io,
      );
      expect(code).toBe(1); // the fixture has errors: reported, nothing kept
      outs.push(io.err());
    }
    const runs: string[] = [];
    for (const n of ['1', '3']) {
      const io = capture(dir);
      const args = ['score', join(ROOT, 'templates/demo.json'), 'lf.csv', '--as-of', AS_OF];
      const code = await main([...args, '--bad-rows', 'blank', '--threads', n], io);
      expect(code).toBe(0);
      runs.push(io.out() + '\n---\n' + io.err());
    }
    expect(runs[1]).toBe(runs[0]);
    expect(outs[1]).toBe(outs[0]);
    expect(outs[2]).toBe(outs[0]);
  }, 120_000);

  it('a file read whole (Shift_JIS, --history) is sent to the workers in shards, with the same output', async () => {
    writeFileSync(
      join(dir, 'sjis.csv'),
      readFileSync(join(ROOT, 'test/fixtures/data/crm_ja.sjis.csv')),
    );
    const cases = [
      ['sjis.csv', '--chunk-rows', '2', '--format', 'json'],
      ['sjis.csv', '--chunk-rows', '1', '--format', 'ndjson'],
      ['lf.csv', '--chunk-rows', '97', '--bad-rows', 'blank', '--history', join(dir, 'h-N')],
    ];
    for (const extra of cases) {
      const runs: string[] = [];
      for (const n of ['1', '3']) {
        const io = capture(dir);
        const args = ['score', join(ROOT, 'templates/demo.json'), '--as-of', AS_OF, ...extra];
        const code = await main(
          [...args.map((x) => x.replace('h-N', `h-${n}`)), '--threads', n],
          io,
        );
        runs.push(`${code}\n${io.out()}\n---\n${io.err()}`.replace(`h-${n}`, 'h-N'));
      }
      expect(runs[0]).toMatch(/^0\n/);
      expect(runs[1]).toBe(runs[0]);
    }
  }, 120_000);

  it('moves a table to the workers only when it is handed over (a whole table stays readable)', async () => {
    // --history scores the whole table again after writing it: a table not handed over must be
    // intact afterwards, with the same output; a handed-over one (a streamed block) is moved.
    const outputs: string[] = [];
    for (const handOver of [false, true]) {
      const w = threadedWriter('csv', 1000, 2);
      const io = capture(dir);
      const out = (await openOutput(io, undefined))!;
      const table = generateDemoTable({ rows: 300, seed: 3 });
      const before = JSON.stringify(Object.values(table.columns).map(columnLength));
      try {
        await w.chunk(table, out, handOver);
        await w.end(out);
      } finally {
        await w.dispose();
      }
      const after = Object.values(table.columns).map(columnLength);
      if (handOver) expect(after.every((n) => n === 0)).toBe(true);
      else expect(JSON.stringify(after)).toBe(before);
      outputs.push(io.out());
    }
    expect(outputs[0].split('\n').length).toBe(302); // header, 300 rows, the final newline
    expect(outputs[1]).toBe(outputs[0]);
  }, 60_000);

  it('a worker that fails stops the run with an error instead of waiting for ever', async () => {
    const w = parallelChunkWriter(
      { playbook: { not: 'a playbook' }, asOf: AS_OF, format: 'csv', chunkRows: 10 },
      2,
    );
    const io = capture(dir);
    const out = (await openOutput(io, undefined))!;
    const table = generateDemoTable({ rows: 30, seed: 1 });
    try {
      await expect(
        (async () => {
          await w.chunk(table, out);
          await w.end(out);
        })(),
      ).rejects.toThrow();
    } finally {
      await w.dispose();
    }
    expect(io.out()).toBe('');
  }, 60_000);
});

function columnLength(c: Column): number {
  return c.type === 'string' ? c.codes.length : c.values.length;
}
