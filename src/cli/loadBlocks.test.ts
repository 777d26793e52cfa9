import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importAccountFile } from '../data';
import { generateDemoTable } from '../data/demo/generate';
import { tableToCsv } from '../data/tableCsv';
import { sjis } from '../data/testing/sjisEncode';
import { readPlaybookDocument } from '../engine/readPlaybook';
import { loadData, MAX_PRINTED } from './load';
import type { CliIO } from './types';
import type { AccountTable } from '../table/columns';

/** Every column's bytes and dictionary, in order (deep equality of 30,000-row tables is slow). */
function digest(t: AccountTable | undefined): string {
  const h = createHash('sha256');
  if (!t) return '';
  h.update(String(t.rowCount));
  for (const [id, c] of Object.entries(t.columns)) {
    h.update(id + c.type);
    const a = c.type === 'string' ? c.codes : c.values;
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    if (c.type === 'string') h.update(JSON.stringify(c.dict));
  }
  return h.digest('hex');
}

const ROOT = join(__dirname, '../..');

describe('loadData reads a large CSV in blocks (importAccountBlocks)', () => {
  it('gives the table and report of importAccountFile on the whole file, UTF-8 and Shift_JIS', async () => {
    const doc = readPlaybookDocument(readFileSync(join(ROOT, 'templates', 'demo.json')));
    if (!doc.ok) throw new Error('templates/demo.json does not read');
    const pb = doc.playbook;
    const dir = mkdtempSync(join(tmpdir(), 'wm-blocks-'));
    try {
      const csv = tableToCsv(generateDemoTable({ rows: 30_000, seed: 21 }), pb.fields, {
        headers: 'ja',
      });
      for (const [name, bytes] of [
        ['big.csv', new TextEncoder().encode(csv)],
        ['big_sjis.csv', sjis(csv)],
      ] as const) {
        expect(bytes.length).toBeGreaterThan(4 << 20); // past importAccountBlocks' minimum
        writeFileSync(join(dir, name), bytes);
        let err = '';
        const io: CliIO = { stdout: () => {}, stderr: (s) => void (err += s), cwd: dir };
        const got = await loadData(io, name, pb, 'skip');
        const want = importAccountFile(bytes, name, pb.fields, {
          badRows: 'skip',
          maxIssues: MAX_PRINTED,
        });
        expect(err).toBe('');
        expect(digest(got?.table)).toBe(digest(want.table));
        expect(got?.report).toEqual(want.report);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
