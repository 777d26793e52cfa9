import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { main } from './main';
import { setCliLanguage } from './messages';
import { streamScore } from './streamScore';
import { parquetChunkWriter } from './chunkWriter';
import { openOutput } from './output';
import { compilePlaybook, scoreTable } from '../engine';
import { parquetToRun, runInfoOf, runToParquet } from '../engine/historyRun';
import { readPlaybookDocument } from '../engine/readPlaybook';
import { importAccountFile } from '../data';
import { generateDemoTable } from '../data/demo/generate';
import { tableToCsv } from '../data/tableCsv';
import { playbookFingerprint } from '../model/playbookDiff';
import { ROOT } from '../engine/testing/demo';

setCliLanguage('en');
const project = readPlaybookDocument(readFileSync(join(ROOT, 'templates', 'demo.json')));
if (!project.ok) throw new Error('demo template does not read');
const pb = project.playbook;
const c = compilePlaybook(pb, { asOf: '2026-11-23' });
if (!c.ok) throw new Error('demo playbook does not compile');
const dir = mkdtempSync(join(tmpdir(), 'wm-parquet-'));
const data = join(dir, 'accounts.csv');
writeFileSync(data, tableToCsv(generateDemoTable({ rows: 1500, seed: 7 }), pb.fields));

/** The reference: the whole result as a history run file (runToParquet). */
function reference() {
  const { table } = importAccountFile(readFileSync(data), 'accounts.csv', pb.fields);
  const r = scoreTable(c.ok ? c.compiled : (undefined as never), table);
  return runToParquet(r, runInfoOf(r, playbookFingerprint(pb)));
}

const buf = (b: Uint8Array): ArrayBuffer => new Uint8Array(b).buffer as ArrayBuffer;
async function rowsOf(b: Uint8Array) {
  return parquetReadObjects({ file: buf(b) });
}

describe('waymark score --format parquet', () => {
  it('writes the rows and run metadata of a history run file, one row group per chunk', async () => {
    const out = join(dir, 'scores.parquet');
    const r = await main(
      [
        'score',
        'templates/demo.json',
        data,
        '--as-of',
        '2026-11-23',
        '--format',
        'parquet',
        '--out',
        out,
        '--chunk-rows',
        '400',
      ],
      { stdout: () => undefined, stderr: () => undefined, cwd: ROOT },
    );
    expect(r).toBe(0);
    const bytes = new Uint8Array(readFileSync(out));
    const ref = reference();
    expect(await rowsOf(bytes)).toEqual(await rowsOf(ref));
    const meta = parquetMetadata(buf(bytes));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([400, 400, 400, 300]);
    expect(meta.key_value_metadata).toEqual(parquetMetadata(buf(ref)).key_value_metadata);
    const run = await parquetToRun(bytes);
    expect(run.accountIds).toHaveLength(1500);
  });

  it('gives the same rows when the input is read in small blocks', async () => {
    const out = join(dir, 'blocks.parquet');
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir };
    const s = await streamScore(io, {
      pb,
      compiled: c.ok ? c.compiled : (undefined as never),
      dataFile: data,
      badRows: undefined,
      writer: parquetChunkWriter(
        c.ok ? c.compiled : (undefined as never),
        500,
        playbookFingerprint(pb),
      ),
      openOutput: () => openOutput(io, out),
      blockBytes: 4096,
    });
    expect(s).not.toBe('whole');
    if (s && s !== 'whole') expect(await s.out.close()).toBe(0);
    expect(await rowsOf(new Uint8Array(readFileSync(out)))).toEqual(await rowsOf(reference()));
  });

  it('refuses to write parquet to standard output (usage error)', async () => {
    let err = '';
    const code = await main(['score', 'templates/demo.json', data, '--format', 'parquet'], {
      stdout: () => undefined,
      stderr: (s) => (err += s),
      cwd: ROOT,
    });
    expect(code).toBe(2);
    expect(err).toContain('--format parquet writes a binary file');
  });
});
