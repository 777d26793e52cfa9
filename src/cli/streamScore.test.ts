import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamScore } from './streamScore';
import { textChunkWriter } from './chunkWriter';
import { openOutput } from './output';
import { setCliLanguage } from './messages';
import { main } from './main';
import { compilePlaybook, resultToCsv, resultToNdjson, scoreTable } from '../engine';
import { readPlaybookDocument } from '../engine/readPlaybook';
import { importAccountFile, type BadRowPolicy } from '../data';
import { generateDemoTable } from '../data/demo/generate';
import { tableToCsv } from '../data/tableCsv';
import { cellValue } from '../table/columns';
import { ROOT } from '../engine/testing/demo';
import { sjis } from '../data/testing/helpers';
import { capture } from './testing/runCli';

setCliLanguage('en');

const project = readPlaybookDocument(readFileSync(join(ROOT, 'templates', 'demo.json')));
if (!project.ok) throw new Error('demo template does not read');
const pb = project.playbook;
const c = compilePlaybook(pb, { asOf: '2026-11-23' });
if (!c.ok) throw new Error('demo playbook does not compile');
const compiled = c.compiled;
const dir = mkdtempSync(join(tmpdir(), 'wm-stream-in-'));

async function run(
  file: string,
  blockBytes: number,
  format: 'csv' | 'ndjson',
  badRows?: BadRowPolicy,
  chunkRows = 500,
) {
  const io = capture(dir);
  const r = await streamScore(io, {
    pb,
    compiled,
    dataFile: file,
    badRows,
    writer: textChunkWriter(compiled, format, chunkRows),
    openOutput: () => openOutput(io, undefined),
    blockBytes,
  });
  return { r, out: io.out(), err: io.err() };
}

/** The reference: the whole file imported and scored at once, written as one string. */
function whole(file: string, format: 'csv' | 'ndjson', badRows: BadRowPolicy = 'skip') {
  const { table } = importAccountFile(readFileSync(join(dir, file)), file, pb.fields, { badRows });
  const result = scoreTable(compiled, table);
  return format === 'csv' ? resultToCsv(result) : resultToNdjson(result);
}

describe('waymark score reads its input in blocks', () => {
  // Japanese headers, quoted names with commas and multi-byte text: blocks cut inside them.
  const csv = tableToCsv(generateDemoTable({ rows: 3000, seed: 11 }), pb.fields, {
    headers: 'ja',
  });
  writeFileSync(join(dir, 'ja.csv'), csv);
  writeFileSync(join(dir, 'bom.csv'), '\ufeff' + csv.replace(/\n/g, '\r\n'));

  for (const file of ['ja.csv', 'bom.csv'])
    for (const blockBytes of [997, 4096, 65_536])
      it(`${file} in blocks of ${blockBytes} bytes gives the whole-file output`, async () => {
        for (const format of ['csv', 'ndjson'] as const) {
          const s = await run(file, blockBytes, format);
          expect(s.r).not.toBe('whole');
          expect(s.r).toMatchObject({ rows: 3000 });
          expect(s.out).toBe(whole(file, format));
        }
      });

  it('a duplicate key in a late block stops the run as the whole-file path does, saying the output is partial', async () => {
    const lines = csv.trimEnd().split('\n');
    const firstId = lines[1].split(',')[0];
    const bad = [
      ...lines.slice(0, 2500),
      `${firstId},${lines[2501].split(',').slice(1).join(',')}`,
      ...lines.slice(2501),
    ];
    writeFileSync(join(dir, 'dup.csv'), bad.join('\n') + '\n');
    const s = await run('dup.csv', 4096, 'csv');
    expect(s.r).toBeNull();
    const viaMain = capture(dir);
    // The whole-file path's messages (a --history run reads the file whole).
    const code = await main(
      [
        'score',
        join(ROOT, 'templates/demo.json'),
        'dup.csv',
        '--as-of',
        '2026-11-23',
        '--history',
        join(dir, 'hist'),
      ],
      viaMain,
    );
    expect(code).toBe(1);
    expect(s.err).toContain(`"${firstId}" appears again`);
    expect(s.err.replace(/.*already written.*\n/, '')).toBe(viaMain.err());
    expect(s.err).toMatch(/scored row\(s\) were already written to standard output/);
    const skip = await run('dup.csv', 4096, 'csv', 'skip');
    expect(skip.r).toMatchObject({ rows: 2999 });
    expect(skip.out).toBe(whole('dup.csv', 'csv'));
    const blank = await run('dup.csv', 1000, 'ndjson', 'blank');
    expect(blank.out).toBe(whole('dup.csv', 'ndjson', 'blank'));
  });

  it('an empty result (every row bad, skipped) still writes the header', async () => {
    writeFileSync(join(dir, 'allbad.csv'), 'account_id,mrr\n,1\n,2\n');
    const s = await run('allbad.csv', 8, 'csv', 'skip');
    expect(s.out).toBe(whole('allbad.csv', 'csv'));
    expect(s.out.split('\n')[0]).toMatch(/^account_id,/);
  });

  it('streams JSON and NDJSON (strings cut by the blocks); {"rows": …} and invalid JSON are read whole', async () => {
    const { table } = importAccountFile(new TextEncoder().encode(csv), 'ja.csv', pb.fields);
    const objs: Record<string, unknown>[] = [];
    for (let i = 0; i < table.rowCount; i++) {
      const o: Record<string, unknown> = {};
      for (const [id, col] of Object.entries(table.columns)) o[id] = cellValue(col, i);
      objs.push(o);
    }
    writeFileSync(join(dir, 'ja.json'), JSON.stringify(objs, null, 1));
    writeFileSync(join(dir, 'ja.ndjson'), objs.map((o) => JSON.stringify(o)).join('\n'));
    for (const file of ['ja.json', 'ja.ndjson'])
      for (const blockBytes of [997, 65_536]) {
        const s = await run(file, blockBytes, 'csv');
        expect(s.r).toMatchObject({ rows: 3000 });
        expect(s.out).toBe(whole(file, 'csv'));
      }
    writeFileSync(join(dir, 'rows.json'), JSON.stringify({ rows: objs.slice(0, 3) }));
    expect((await run('rows.json', 4096, 'csv')).r).toBe('whole');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(objs.slice(0, 3)).slice(0, -1));
    expect((await run('bad.json', 4096, 'csv')).r).toBe('whole');
  });

  it('streams Shift_JIS CSV too (two-byte characters cut by the blocks)', async () => {
    writeFileSync(
      join(dir, 'sjis.csv'),
      readFileSync(join(ROOT, 'test/fixtures/data/crm_ja.sjis.csv')),
    );
    const small = await run('sjis.csv', 7, 'csv');
    expect(small.r).not.toBe('whole');
    expect(small.out).toBe(whole('sjis.csv', 'csv'));
    writeFileSync(join(dir, 'ja_sjis.csv'), sjis(csv));
    for (const blockBytes of [997, 65_537]) {
      const s = await run('ja_sjis.csv', blockBytes, 'csv');
      expect(s.r).toMatchObject({ rows: 3000 });
      expect(s.out).toBe(whole('ja.csv', 'csv'));
    }
  });

  it('a Shift_JIS file with a UTF-8 line goes to the whole-file path, which names the line', async () => {
    const body = sjis(csv);
    const mixed = new Uint8Array([...body, ...new TextEncoder().encode(csv.split('\n')[1] + '\n')]);
    writeFileSync(join(dir, 'mixed_sjis.csv'), mixed);
    expect((await run('mixed_sjis.csv', 4096, 'csv')).r).toBe('whole');
  });
});
