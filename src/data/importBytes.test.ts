import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { importAccountFile, ImportError, type ImportOptions } from './';
import { generateDemoTable } from './demo/generate';
import { tableToCsv } from './tableCsv';
import { demoContract, FIXTURES, fixture, sjis, utf8 } from './testing/helpers';

/** Import through the byte path (default for UTF-8 CSV/TSV) and the string path; the outcome must be identical. */
function both(bytes: Uint8Array, name: string, opts: ImportOptions = {}) {
  const run = (csvPath: 'bytes' | 'string') => {
    try {
      const { table, report } = importAccountFile(bytes, name, demoContract, { ...opts, csvPath });
      const { reader, ...rest } = report;
      if (csvPath === 'string') expect(reader).toBe('text');
      if (csvPath === 'bytes' && /\.(csv|tsv)$/.test(name)) expect(reader).toBe('bytes');
      return { table, report: rest };
    } catch (e) {
      if (e instanceof ImportError) return { error: e.issue };
      throw e;
    }
  };
  return { bytes: run('bytes'), string: run('string') };
}

describe('byte path = string path', () => {
  const names = readdirSync(FIXTURES).filter((f) => /\.(csv|tsv)$/.test(f));
  it.each(names)('%s gives the same table and report', (name) => {
    for (const badRows of ['skip', 'blank'] as const) {
      const r = both(fixture(name), name, { badRows });
      expect(r.bytes).toEqual(r.string);
    }
  });

  it('gives the same table on a demo export larger than the detection head (Japanese headers, quoted names)', () => {
    const csv = tableToCsv(generateDemoTable({ rows: 3000, seed: 5 }), demoContract, {
      headers: 'ja',
    });
    const bytes = utf8(csv);
    expect(bytes.length).toBeGreaterThan(300 * 1024);
    const r = both(bytes, 'demo.csv');
    expect(r.bytes).toEqual(r.string);
    expect((r.bytes as { table: { rowCount: number } }).table.rowCount).toBe(3000);
  });

  it('reads a Shift_JIS demo export from its bytes, to the same table as the string path', () => {
    const csv = tableToCsv(generateDemoTable({ rows: 3000, seed: 6 }), demoContract, {
      headers: 'ja',
    });
    const bytes = sjis(csv);
    expect(bytes.length).toBeGreaterThan(300 * 1024);
    const r = both(bytes, 'demo_sjis.csv');
    expect(r.bytes).toEqual(r.string);
    expect((r.bytes as { table: { rowCount: number } }).table.rowCount).toBe(3000);
    expect((r.bytes as { report: { encoding: string } }).report.encoding).toBe('shift_jis');
  });

  it('refuses a Shift_JIS file with a UTF-8 line past the detection sample as the string path does', () => {
    const head = 'account_id,company_name,mrr\n' + 'A1,株式会社アルファ,1\n'.repeat(20_000);
    const bytes = new Uint8Array([...sjis(head), ...utf8('A2,株式会社ベータ,2\n')]);
    const r = both(bytes, 'late_utf8.csv');
    expect(r.bytes).toEqual(r.string);
    expect((r.bytes as { error: { code: string } }).error.code).toBe('mixed_encoding');
    // Invalid Shift_JIS late in the file: the string path's message.
    const broken = new Uint8Array([...sjis(head), ...utf8('A3,'), 0x81, 0x20, ...utf8(',2\n')]);
    const b = both(broken, 'late_bad_sjis.csv');
    expect(b.bytes).toEqual(b.string);
    expect((b.bytes as { error: { code: string } }).error.code).toBe('bad_encoding');
  });

  it('reports invalid UTF-8 after the detection sample as the string path does', () => {
    const head = 'account_id,company_name,mrr\n' + 'A1,x,1\n'.repeat(60_000);
    const bytes = new Uint8Array([...utf8(head), ...utf8('A2,'), 0xff, ...utf8(',2\n')]);
    const r = both(bytes, 'late_bad.csv');
    expect(r.bytes).toEqual(r.string);
    expect((r.bytes as { error: { code: string } }).error.code).toBe('bad_encoding');
  });

  it('agrees on generated CSV: quotes, CRLF, embedded newlines, BOM, ragged rows and every coercion', () => {
    const num = fc.constantFrom(
      '1234',
      '-5',
      '1,234',
      '１２３',
      '(1,234)',
      '▲1,234',
      '¥1,000',
      '1,000円',
      '1.2万',
      '80%',
      '12.5',
      '0.1',
      '-0',
      '007',
      '1e3',
      '',
      'N/A',
      '-',
      'abc',
      ' 42 ',
      '1.',
      '123456789012345678',
    );
    const int = fc.constantFrom('10', '10.5', '10.0', '', 'x', '-3', '1,000');
    const date = fc.constantFrom(
      '2024-03-09',
      '2024/3/9',
      '2024.3.9',
      '20240309',
      '2024年3月9日',
      'R6.3.9',
      '令和6年3月9日',
      '45360',
      '2024-02-30',
      '03/09/2024',
      '',
      '2024-03-09T10:00:00Z',
    );
    const bool = fc.constantFrom(
      'TRUE',
      'true',
      'FALSE',
      'false',
      '1',
      '0',
      'はい',
      '×',
      'yes',
      'maybe',
      '',
      'True',
    );
    const cat = fc.constantFrom(
      'saas',
      'SaaS',
      'ＳａａＳ',
      ' retail ',
      'unknown-x',
      '',
      'N/A',
      '=cmd',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 8, unit: 'grapheme' }),
      fc.constantFrom(
        '株式会社アルファ',
        'Acme, Inc.',
        'Quote "Co"',
        'a\nb',
        'x\r\ny',
        '=SUM(A1)',
        ' pad ',
        'ｱﾙﾌｧ',
        '😀',
        // Long enough to be decoded in bulk (sinks.ts), unless white space or a formula start:
        '株式会社アルファベータガンマ',
        '\u3000株式会社アルファベータガンマ',
        '株式会社アルファベータガンマ\u3000',
        '株式会社アルファベータガンマ\u00a0',
        '＝ＳＵＭ（Ａ１）と書いた会社名',
        'ｱﾙﾌｧﾍﾞｰﾀｶﾞﾝﾏﾃﾞﾙﾀ',
        'Alpha Beta Gamma Ltd',
        ' Alpha Beta Gamma Ltd',
        '-Alpha Beta Gamma Ltd',
        'ソフトウェア表示ポート',
      ),
    );
    const id = fc.constantFrom(
      'A1',
      'A2',
      'A3',
      'B1',
      ' A1',
      '',
      'A"1',
      'ACCOUNT-000001',
      'ACCOUNT-000002',
      'ACCOUNT-000003',
      '顧客番号アルファ００１',
      '顧客番号アルファ００２',
    );
    const quote = (s: string, force: boolean) =>
      force || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    const row = fc.tuple(
      id,
      text,
      num,
      int,
      date,
      bool,
      cat,
      fc.boolean(),
      fc.integer({ min: -1, max: 1 }),
    );
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'shift_jis'),
        fc.constantFrom('skip', 'blank'),
        (rows, crlf, enc, badRows) => {
          const nl = crlf ? '\r\n' : '\n';
          const lines = [
            'account_id,company_name,mrr,employees,renewal_date,kickoff_done,industry',
          ];
          for (const [i, t, n, e, d, b, c, q, ragged] of rows) {
            const cells = [i, t, n, e, d, b, c].map((v) => quote(v, q));
            if (ragged < 0) cells.pop();
            if (ragged > 0) cells.push('extra');
            lines.push(cells.join(','));
          }
          const text = lines.join(nl) + nl;
          const body = enc === 'shift_jis' ? sjis(text) : utf8(text);
          const bytes = enc === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          // A short Shift_JIS file can also be valid UTF-8: force the encoding being tested.
          const r = both(bytes, 'gen.csv', {
            badRows,
            ...(enc === 'shift_jis' ? { encoding: enc } : {}),
          });
          expect(r.bytes).toEqual(r.string);
        },
      ),
      { numRuns: 400 },
    );
  });
});
