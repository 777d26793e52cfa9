/**
 * Import reads what is there or says why not: keys anywhere in JSON, long headers, mixed
 * encodings, rows and files past the limits, deep JSON, numbers beyond double range. Each
 * case failed (or crashed, or read silently wrong) before the fix.
 */
import { describe, expect, it } from 'vitest';
import { importAccountFile, inspectFile } from './importFile';
import { ImportError, type ImportIssue } from './issues';
import type { FieldContract } from '../model';

const contract: FieldContract = {
  accountKey: 'id',
  fields: [
    { id: 'id', label: { ja: 'ID', en: 'ID' }, type: 'string', required: true },
    { id: 'name', label: { ja: '会社名', en: 'Name' }, type: 'string', required: false },
    { id: 'mrr', label: { ja: 'MRR', en: 'MRR' }, type: 'number', required: false },
    { id: 'late', label: { ja: '後の列', en: 'Late' }, type: 'number', required: false },
  ],
};
const utf8 = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
/** 会社 in Shift_JIS. */
const SJIS_KAISHA = new Uint8Array([0x89, 0xef, 0x8e, 0xd0]);

function fatal(fn: () => unknown): ImportIssue {
  try {
    fn();
  } catch (e) {
    if (e instanceof ImportError) return e.issue;
    throw e;
  }
  throw new Error('expected an ImportError');
}

const numbers = (t: ReturnType<typeof importAccountFile>['table'], id: string) => {
  const c = t.columns[id];
  return c?.type === 'number' ? Array.from(c.values) : null;
};

describe('JSON keys', () => {
  it('a key first seen after row 1000 is a column (JSON and NDJSON)', () => {
    const rows = Array.from({ length: 1500 }, (_, i) =>
      i === 1400 ? { id: `A${i}`, late: 7 } : { id: `A${i}` },
    );
    for (const [file, text] of [
      ['late.json', JSON.stringify(rows)],
      ['late.ndjson', rows.map((r) => JSON.stringify(r)).join('\n')],
    ]) {
      const { table, report } = importAccountFile(utf8(text), file, contract);
      expect(report.headers).toContain('late');
      expect(report.mapping.late).toBe(1);
      expect(numbers(table, 'late')?.[1400]).toBe(7);
    }
  });
});

describe('long header lines', () => {
  it.each(['bytes', 'string'] as const)('a 100 KB header keeps every column (%s path)', (p) => {
    const extra = Array.from({ length: 9000 }, (_, i) => `extra_column_${i}`);
    const header = ['id', ...extra, 'mrr'].join(',');
    expect(header.length).toBeGreaterThan(100 * 1024);
    const row = ['A1', ...extra.map(() => 'x'), '42'].join(',');
    const { table, report } = importAccountFile(utf8(`${header}\n${row}\n`), 'w.csv', contract, {
      csvPath: p,
    });
    expect(report.errorCount).toBe(0);
    expect(report.headers.length).toBe(9002);
    expect(numbers(table, 'mrr')).toEqual([42]);
  });
});

describe('line ends', () => {
  it('a file with CR-only line ends (classic Mac) is read row by row', () => {
    const text = 'id,name,mrr\rA1,x,1\rA2,"y\rz",2\r';
    for (const p of ['bytes', 'string'] as const) {
      const { table, report } = importAccountFile(utf8(text), 'mac.csv', contract, { csvPath: p });
      expect(report.rowsRead).toBe(2);
      expect(numbers(table, 'mrr')).toEqual([1, 2]);
    }
  });
});

describe('mixed encodings', () => {
  it('a UTF-8 file with one Shift_JIS line is refused, naming the line', () => {
    const bytes = concat(
      utf8('id,name,mrr\nA1,株式会社あ,1\n'),
      utf8('A2,'),
      SJIS_KAISHA,
      utf8(',2\nA3,合同会社い,3\nA4,有限会社う,4\n'),
    );
    const i = fatal(() => importAccountFile(bytes, 'mixed.csv', contract));
    expect(i.code).toBe('mixed_encoding');
    expect(i.params.lines).toBe('3');
    expect(i.params.count).toBe(1);
    expect(i.row).toBe(3);
  });

  it('the odd line far past the detection sample is named too (byte path)', () => {
    const body = Array.from({ length: 20000 }, (_, k) => `A${k},株式会社${k},${k}\n`).join('');
    const bytes = concat(utf8('id,name,mrr\n' + body), utf8('B1,'), SJIS_KAISHA, utf8(',1\n'));
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const i = fatal(() => importAccountFile(bytes, 'mixed.csv', contract));
    expect(i.code).toBe('mixed_encoding');
    expect(i.params.lines).toBe('20002');
  });

  it('a Shift_JIS file with one UTF-8 line is refused, naming that line', () => {
    const bytes = concat(
      utf8('id,name,mrr\nA1,'),
      SJIS_KAISHA,
      utf8(',1\nA2,'),
      SJIS_KAISHA,
      utf8(',2\nA3,株式会社,3\nA4,'),
      SJIS_KAISHA,
      utf8(',4\n'),
    );
    const i = fatal(() => importAccountFile(bytes, 'mixed.csv', contract));
    expect(i.code).toBe('mixed_encoding');
    expect([i.params.lines, i.params.rest]).toEqual(['4', 'Shift_JIS']);
  });

  it('Shift_JIS lines that happen to be valid UTF-8 are not taken for UTF-8', () => {
    // 范嚢 in Shift_JIS is E4 97 94 58: valid UTF-8 ("䗔X") by chance.
    const hanno = new Uint8Array([0xe4, 0x97, 0x94, 0x58]);
    const rows = [SJIS_KAISHA, hanno, SJIS_KAISHA, SJIS_KAISHA].map((n, k) =>
      concat(utf8(`A${k},`), n, utf8(`,${k}\n`)),
    );
    const { table, report } = importAccountFile(
      concat(utf8('id,name,mrr\n'), ...rows),
      'sjis.csv',
      contract,
    );
    expect(report.encoding).toBe('shift_jis');
    const name = table.columns.name;
    expect(name.type === 'string' && name.dict).toEqual(['会社', '范嚢']);
  });

  it('a Shift_JIS file with ASCII-only lines is still Shift_JIS (not mixed)', () => {
    const bytes = concat(utf8('id,name,mrr\nA1,'), SJIS_KAISHA, utf8(',1\nA2,abc,2\n'));
    const { table, report } = importAccountFile(bytes, 'sjis.csv', contract);
    expect(report.encoding).toBe('shift_jis');
    const name = table.columns.name;
    expect(name.type === 'string' && name.dict).toEqual(['会社', 'abc']);
  });
});

describe('limits: a clear message, never an abort', () => {
  const limits = { maxRowBytes: 1000 };
  it.each(['bytes', 'string'] as const)('a row longer than the limit (%s path)', (p) => {
    const text = `id,name,mrr\nA1,x,1\nA2,${'y'.repeat(5000)},2\nA3,z,3\n`;
    const i = fatal(() =>
      importAccountFile(utf8(text), 'long.csv', contract, { limits, csvPath: p }),
    );
    expect(i.code).toBe('row_too_long');
    expect(i.row).toBe(3);
    expect(i.params.line).toBe(3);
  });

  it.each(['bytes', 'string'] as const)('a runaway quoted field stops at the limit (%s)', (p) => {
    const text = `id,name,mrr\nA1,"${'a""'.repeat(2000)}",1\n`;
    const i = fatal(() => importAccountFile(utf8(text), 'q.csv', contract, { limits, csvPath: p }));
    expect(i.code).toBe('row_too_long');
    expect(i.row).toBe(2);
  });

  it.each(['bytes', 'string'] as const)(
    'a long row, then a quote never closed: the long row (%s)',
    (p) => {
      const text = `id,name,mrr\nA1,x,1\nA2,${'yyyyyyyyy,'.repeat(120)}"open\nA3,z,3\n`;
      const i = fatal(() =>
        importAccountFile(utf8(text), 'open.csv', contract, { limits, csvPath: p }),
      );
      expect(i.code).toBe('row_too_long');
      expect(i.row).toBe(3);
      expect(i.params.line).toBe(3);
    },
  );

  it('a file that is one line (no line breaks) longer than the limit', () => {
    const text = 'id,name,mrr,' + 'a,'.repeat(200_000);
    for (const p of ['bytes', 'string'] as const) {
      const i = fatal(() =>
        importAccountFile(utf8(text), 'one-line.csv', contract, { limits, csvPath: p }),
      );
      expect(i.code).toBe('row_too_long');
      expect(i.row).toBe(1);
    }
  });

  it('a file over the size limit is refused before reading (import and preview)', () => {
    const bytes = utf8('id,mrr\nA1,1\n');
    const limits = { maxFileBytes: 10 };
    expect(fatal(() => importAccountFile(bytes, 'big.csv', contract, { limits })).code).toBe(
      'file_too_large',
    );
    expect(fatal(() => inspectFile(bytes, 'big.csv', contract, { limits }, 20, 1e10)).code).toBe(
      'file_too_large',
    );
  });

  it('JSON nested 10,000 levels deep is refused with line, column and path', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const text = `[{"id":"A1"},\n {"id":"A2","mrr":${deep}}]`;
    const i = fatal(() => importAccountFile(utf8(text), 'deep.json', contract));
    expect(i.code).toBe('json_too_deep');
    expect(i.params.line).toBe(2);
    expect(i.params.path).toBe('$[1].mrr[0][0][0][0][0][0]…');
    const nd = `{"id":"A1"}\n{"id":"A2","mrr":${deep}}\n`;
    expect(fatal(() => importAccountFile(utf8(nd), 'deep.ndjson', contract)).code).toBe(
      'json_too_deep',
    );
  });
});

describe('numbers beyond double range', () => {
  it.each([
    ['big.csv', 'id,mrr\nA1,1e400\nA2,-1e999\nA3,5\n'],
    ['big.json', '[{"id":"A1","mrr":1e400},{"id":"A2","mrr":-1e999},{"id":"A3","mrr":5}]'],
  ])('%s: an error per cell, never Infinity', (file, text) => {
    const { table, report } = importAccountFile(utf8(text), file, contract, { badRows: 'blank' });
    const codes = report.issues.map((i) => [i.code, i.row, i.field]);
    expect(codes).toEqual([
      ['number_out_of_range', 2, 'mrr'],
      ['number_out_of_range', 3, 'mrr'],
    ]);
    const mrr = numbers(table, 'mrr')!;
    expect(mrr.every((v) => v !== Infinity && v !== -Infinity)).toBe(true);
    expect(mrr[2]).toBe(5);
  });

  it('a JSON id with more digits than a double keeps is refused, not changed', () => {
    const text = '[{"id":12345678901234567890,"mrr":1},{"id":"A2","mrr":2}]';
    const { table, report } = importAccountFile(utf8(text), 'ids.json', contract);
    expect(report.issues.map((i) => [i.code, i.row])).toEqual([['imprecise_number', 2]]);
    const id = table.columns.id;
    expect(id.type === 'string' && id.dict).toEqual(['A2']);
  });
});
