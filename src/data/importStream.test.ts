import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { importAccountFile, ImportError, type ImportOptions } from './';
import { importAccountBlocks, planStream, PLAN_HEAD_BYTES } from './importStream';
import { Utf8Error } from './csvBytes';
import { generateDemoTable } from './demo/generate';
import { tableToCsv } from './tableCsv';
import { demoContract, FIXTURES, fixture, sjis, utf8 } from './testing/helpers';
import { rng, streamTables, YES_NO_SPELLINGS } from './testing/fuzz';
import { cellValue, type AccountTable, type Column } from '../table/columns';
import { setSinkTuning, setStageBytes } from './sinks';
import { MixedEncodingScan } from './encoding';

/** Every cell as a value (strings through their dictionaries), column by column. */
function cells(tables: AccountTable[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables)
    for (const [id, col] of Object.entries(t.columns)) {
      const a = (out[id] ??= []);
      for (let i = 0; i < t.rowCount; i++) a.push(cellValue(col, i));
    }
  return out;
}

/** Blocks of the given sizes (cycled) over the bytes. */
async function* blocksOf(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let k = 0;
  for (let i = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length];
    yield bytes.slice(i, i + n);
    i += n;
  }
}

type Outcome =
  { rows: number; cells: Record<string, unknown[]>; report: unknown } | { error: unknown } | null;

function whole(bytes: Uint8Array, name: string, opts: ImportOptions): Outcome {
  try {
    const { table, report } = importAccountFile(bytes, name, demoContract, opts);
    return { rows: table.rowCount, cells: cells([table]), report };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

/** The stream import, or null when the file is not one it reads (or invalid UTF-8: read whole). */
async function streamed(
  bytes: Uint8Array,
  name: string,
  opts: ImportOptions,
  sizes: number[],
): Promise<Outcome> {
  try {
    const plan = planStream(bytes.subarray(0, PLAN_HEAD_BYTES), name, demoContract, opts);
    if (!plan) return null;
    const { tables, report } = await streamTables(plan, blocksOf(bytes, sizes), opts);
    return {
      rows: tables.reduce((n, t) => n + t.rowCount, 0),
      cells: cells(tables),
      report,
    };
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    if (e instanceof Utf8Error) return null;
    throw e;
  }
}

describe('stream import = whole-file import', () => {
  const names = readdirSync(FIXTURES).filter((f) => /\.(csv|tsv)$/.test(f));
  it.each(names)(
    '%s: same rows, values and report in blocks of 1, 7 and 64 bytes',
    async (name) => {
      for (const badRows of ['skip', 'blank'] as const) {
        const bytes = fixture(name);
        const s = await streamed(bytes, name, { badRows }, [1, 7, 64]);
        if (s) expect(s).toEqual(whole(bytes, name, { badRows }));
      }
    },
  );

  it('finds a "%" column mixing 80% and 0.8 across chunks, as the whole-file import does', async () => {
    const csv = tableToCsv(generateDemoTable({ rows: 3000, seed: 4 }), demoContract, {
      headers: 'ja',
    });
    const lines = csv.split('\n');
    const field = demoContract.fields.find((f) => f.id === 'setup_progress')!;
    const col = lines[0].split(',').indexOf(field.label.ja);
    expect(col).toBeGreaterThan(0);
    // "80%" in the first plain row, 0.8 in the last one: far apart, so in different chunks.
    const plain = lines
      .map((l, i) => (i > 0 && l && !l.includes('"') ? i : -1))
      .filter((i) => i > 0);
    const set = (i: number, v: string) => {
      const c = lines[i].split(',');
      c[col] = v;
      lines[i] = c.join(',');
    };
    set(plain[0], '80%');
    set(plain[plain.length - 1], '0.8');
    const bytes = utf8(lines.join('\n'));
    const w = whole(bytes, 'mixed.csv', {}) as { report: { issues: { code: string }[] } };
    expect(w.report.issues.some((i) => i.code === 'percent_mixed')).toBe(true);
    const s = await streamed(bytes, 'mixed.csv', {}, [4096]);
    expect(s).toEqual(w);
  });

  it('reads a demo export larger than the plan head in uneven blocks', async () => {
    const csv = tableToCsv(generateDemoTable({ rows: 6000, seed: 9 }), demoContract, {
      headers: 'ja',
    });
    const bytes = utf8(csv);
    expect(bytes.length).toBeGreaterThan(PLAN_HEAD_BYTES);
    const s = await streamed(bytes, 'demo.csv', {}, [100_003, 65_536, 9_999]);
    expect(s).not.toBeNull();
    expect(s).toEqual(whole(bytes, 'demo.csv', {}));
    expect((s as { rows: number }).rows).toBe(6000);
  });

  it('reads a Shift_JIS demo export in uneven blocks, as the whole-file import does', async () => {
    const csv = tableToCsv(generateDemoTable({ rows: 7000, seed: 10 }), demoContract, {
      headers: 'ja',
    });
    const bytes = sjis(csv);
    expect(bytes.length).toBeGreaterThan(PLAN_HEAD_BYTES);
    // Odd sizes: many blocks end between a lead and its trail byte.
    const s = await streamed(bytes, 'demo_sjis.csv', {}, [100_003, 65_537, 9_999]);
    expect(s).not.toBeNull();
    expect(s).toEqual(whole(bytes, 'demo_sjis.csv', {}));
    expect((s as { rows: number }).rows).toBe(7000);
  });

  it('leaves a Shift_JIS file with a UTF-8 line to the whole-file path (mixed_encoding)', async () => {
    const head = 'account_id,company_name,mrr\n' + 'A1,株式会社アルファ,1\n'.repeat(30_000);
    const late = new Uint8Array([...sjis(head), ...utf8('A2,株式会社ベータ,2\n')]);
    expect(await streamed(late, 'late.csv', {}, [65_536])).toBeNull();
    expect((whole(late, 'late.csv', {}) as { error: { code: string } }).error.code).toBe(
      'mixed_encoding',
    );
    // Shift_JIS that happens to be valid UTF-8 (陦窟 = E8 A1 8C 41 reads as 行A) is not mixed.
    const chance = new Uint8Array([...sjis(head + 'A3,陦窟,3\n')]);
    const w = whole(chance, 'chance.csv', {});
    const s = await streamed(chance, 'chance.csv', {}, [65_536]);
    expect(s).not.toBeNull();
    expect(s).toEqual(w);
  });

  it('finds a duplicate key in a later block (keys are kept across chunks)', async () => {
    const head = 'account_id,company_name,mrr\n';
    const csv = head + 'A1,x,1\n' + 'B2,y,2\n'.repeat(3) + 'A1,z,3\n';
    const bytes = utf8(csv);
    const s = (await streamed(bytes, 'dup.csv', {}, [12])) as { report: { duplicateKeys: number } };
    expect(s.report.duplicateKeys).toBe(3);
    expect(s).toEqual(whole(bytes, 'dup.csv', {}));
  });

  it('reports a quote never closed, and a row too long, as the whole-file import does', async () => {
    const limits = { maxRowBytes: 40 };
    const open = utf8('account_id,company_name,mrr\nA1,x,1\nA2,"never closed\n' + 'y\n'.repeat(50));
    const long = utf8('account_id,company_name,mrr\nA1,x,1\nA2,"' + 'z'.repeat(60) + '",2\n');
    const longQuoted = utf8(
      'account_id,company_name,mrr\nA1,x,1\nA2,"' + 'q\n'.repeat(40) + '",2\nA3,y,3\n',
    );
    // A long row whose last field opens a quote never closed (the long row is reported).
    const longOpen = utf8(
      'account_id,company_name,mrr\nA1,x,1\nA2,' + 'w,'.repeat(30) + '"open\n' + 'y\n'.repeat(50),
    );
    for (const [name, bytes] of [
      ['open.csv', open],
      ['long.csv', long],
      ['longq.csv', longQuoted],
      ['longopen.csv', longOpen],
    ] as const)
      for (const sizes of [[3], [16], [1000]]) {
        const s = await streamed(bytes, name, { limits }, sizes);
        expect(s, `${name} in blocks of ${sizes}`).toEqual(whole(bytes, name, { limits }));
      }
  });

  it('agrees on generated CSV over random block sizes: quotes, CRLF, newlines in quotes, BOM, multi-byte text', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8, unit: 'grapheme' }),
      fc.constantFrom(
        '株式会社アルファ',
        'Acme, Inc.',
        'Quote "Co"',
        'a\nb',
        'x\r\ny',
        '😀',
        'ｱﾙﾌｧ',
      ),
    );
    const num = fc.constantFrom('1234', '1,234', '１２３', '80%', '12.5', '', 'abc', '1.2万');
    const date = fc.constantFrom('2024-03-09', '2024/3/9', '令和6年3月9日', '2024-02-30', '');
    const id = fc.constantFrom('A1', 'A2', 'A3', 'B1', 'Ｂ１', '', 'A"1', '株1');
    const quote = (s: string, force: boolean) =>
      force || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    const row = fc.tuple(id, text, num, date, fc.boolean(), fc.integer({ min: -1, max: 1 }));
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 14 }),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'shift_jis'),
        fc.constantFrom('skip', 'blank'),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        async (rows, crlf, enc, badRows, sizes) => {
          const nl = crlf ? '\r\n' : '\n';
          const lines = ['account_id,company_name,mrr,renewal_date'];
          for (const [i, t, n, d, q, ragged] of rows) {
            const c = [i, t, n, d].map((v) => quote(v, q));
            if (ragged < 0) c.pop();
            if (ragged > 0) c.push('extra');
            lines.push(c.join(','));
          }
          const csv = lines.join(nl) + (rows.length % 2 ? nl : '');
          // Shift_JIS: blocks of 1–40 bytes split two-byte characters (and their trail bytes).
          const body = enc === 'shift_jis' ? sjis(csv) : utf8(csv);
          const bytes = enc === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          // A short Shift_JIS file may also be valid UTF-8: say which it is.
          const opts: ImportOptions = {
            badRows,
            ...(enc === 'shift_jis' ? { encoding: enc } : {}),
          };
          const s = await streamed(bytes, 'gen.csv', opts, sizes);
          if (enc === 'shift_jis') expect(s).not.toBeNull();
          if (s) expect(s).toEqual(whole(bytes, 'gen.csv', opts));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('importAccountBlocks keeps long distinct values packed (decoded when dict is read)', () => {
  it('agrees with importAccountFile: distinct ids and names, a repeat or duplicate key late, bad rows, Shift_JIS', () => {
    const piece = fc.constantFrom(
      '株式会社',
      'アルファ',
      'Blue',
      'ロジ',
      '工業',
      'x',
      'Z9',
      '商事',
      'ﾍﾞｰﾀ',
    );
    // Names of 9+ characters are packed; quoted ones with "" and padded ones are read as text.
    const name = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.array(piece, { minLength: 3, maxLength: 6 }).map((p) => p.join('')),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'Quote "Co" Holdings',
          '  padded name here ',
          'short',
          '=SUM(A1)+B2',
          'a\nb Company Ltd',
        ),
      },
    );
    const row = fc.tuple(name, fc.constantFrom('1200', '80', '12.5', 'abc', ''), fc.boolean());
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 300 }),
        fc.constantFrom('sorted', 'shuffled', 'short'),
        fc.constantFrom('none', 'name', 'id', 'both'),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'shift_jis'),
        fc.constantFrom('skip', 'blank'),
        fc.integer({ min: 7, max: 4096 }),
        fc.integer({ min: 8, max: 400 }),
        fc.boolean(),
        (rows, idKind, repeat, crlf, enc, badRows, block, stage, clean) => {
          const n = rows.length;
          // Ids of 9 characters (packed) in file order, shuffled, or of 4 (decoded one by one).
          const ids = rows.map((_, k) =>
            idKind === 'short'
              ? `A${k}`
              : `AC${String(idKind === 'sorted' ? k : (k * 7919) % 100_003).padStart(7, '0')}`,
          );
          const names = rows.map((r, k) => `${r[0]}${k}`);
          // A repeat near the end of a column that was distinct until then.
          const late = Math.max(0, n - 1 - (n >> 3));
          if (n > 2 && (repeat === 'name' || repeat === 'both')) names[late] = names[n >> 2];
          if (n > 2 && (repeat === 'id' || repeat === 'both')) ids[late] = ids[n >> 1];
          const quote = (v: string, force: boolean) =>
            force || /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
          const lines = ['account_id,company_name,mrr'];
          rows.forEach(([, mrr, q], k) =>
            lines.push([ids[k], names[k], clean ? '1' : mrr].map((v) => quote(v, q)).join(',')),
          );
          const nl = crlf ? '\r\n' : '\n';
          const csv = lines.join(nl) + nl;
          const body = enc === 'shift_jis' ? sjis(csv) : utf8(csv);
          const bytes = enc === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          const opts: ImportOptions = {
            badRows,
            ...(enc === 'shift_jis' ? { encoding: enc } : {}),
          };
          const was = setStageBytes(stage);
          try {
            const src = memorySource(bytes);
            const got = importAccountBlocks(src, 'gen.csv', demoContract, opts, {
              minBytes: 0,
              block,
            });
            // No row left out and long ids: read in blocks, the id column still packed until read.
            if (clean && repeat !== 'id' && repeat !== 'both' && idKind !== 'short') {
              const d = Object.getOwnPropertyDescriptor(got.table.columns.account_id, 'dict');
              expect(d?.get).toBeTypeOf('function');
            }
            expect(got).toEqual(importAccountFile(bytes, 'gen.csv', demoContract, opts));
          } finally {
            setStageBytes(was);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the string path: categories of few values, packed names kept and measured in one pass', () => {
    // Session 26 (bhot): a byte table of ≤ 8 entries is searched entry by entry (no hash), new
    // packed UTF-8 values are copied and measured in one pass, and packed values leave their
    // dictionary slots unwritten until read. The whole-file byte path shares the first, so the
    // oracle is the string path (cells parsed to text, no byte table).
    const category = fc.constantFrom(
      'saas',
      'sa',
      'saasx',
      'retail',
      'other',
      'manufacturing',
      ' retail',
      'Retail',
      'unknown-one',
      'finance',
      '',
      'N/A',
    );
    const name = fc.oneof(
      fc.constantFrom(
        '株式会社アルファ商事', // 10 characters: packed
        '株式会社アルファ', // 8: decoded one by one
        'Blue Sky Holdings',
        'Blue Sky Hold',
        '😀😀😀😀😀 Company', // 4-byte characters: 2 UTF-16 units each
        '😀😀😀😀', // 8 units
        '=HYPERLINK("x")',
        ' padded name here',
        'name ending　',
        'ｱﾙﾌｧﾍﾞｰﾀ工業株式会社',
        'short',
      ),
      fc.string({ minLength: 0, maxLength: 14, unit: 'grapheme' }),
    );
    const row = fc.tuple(name, category, category, fc.boolean());
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 200 }),
        fc.constantFrom('sorted', 'shuffled'),
        fc.constantFrom('skip', 'blank'),
        fc.integer({ min: 7, max: 2048 }),
        (rows, idKind, badRows, block) => {
          const quote = (v: string, force: boolean) =>
            force || /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
          const lines = ['account_id,company_name,industry,stage'];
          rows.forEach(([n, ind, st, q], k) => {
            const id = `AC${String(idKind === 'sorted' ? k : (k * 7919) % 100_003).padStart(7, '0')}`;
            lines.push([id, quote(n, q), ind, st === 'sa' ? 'value' : st].join(','));
          });
          const bytes = utf8(lines.join('\n') + '\n');
          const opts: ImportOptions = { badRows };
          const { got, text } = blocksAndText(bytes, 'cat.csv', opts, block);
          expect(cells([got.table])).toEqual(cells([text.table]));
          expect({ ...got.report, reader: 'text' }).toEqual(text.report);
          expect(got).toEqual(importAccountFile(bytes, 'cat.csv', demoContract, opts));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('agrees with the string path: word-at-a-time ids, names, small category tables and yes/no cells (session 34)', () => {
    // Session 34 (strsinks): sorted ids compared four bytes at a time (bytes ≥ 0x80 too), packed
    // names copied, measured and hashed four bytes at a time (4-byte characters, lengths across
    // word ends), categories found by length and first four bytes, yes/no cells read as words.
    const idPiece = fc.constantFrom('AC', 'é', 'Ω', '00', '9', 'z', 'ab', 'é😀', '');
    const namePiece = fc.constantFrom('株式会社', 'Blue', 'ロジ', '😀', 'x', 'Z9', 'abc', ' ', 'é');
    const name = fc.oneof(
      fc.array(namePiece, { minLength: 1, maxLength: 8 }).map((p) => p.join('')),
      fc.constantFrom('N/A', '', ' padded name here ', '=SUM(A1)', 'short'),
    );
    const category = fc.constantFrom(
      'saas',
      'saaS',
      'sa',
      'retail',
      'retaix',
      'finance',
      'financf',
      'finbnce',
      'manufacturing',
      'manufactaring',
      'other',
      'adoption',
      'advocate',
      'onboarding',
      'strong',
      'normal',
      'weak',
      'unknown',
      'renewed',
      'renewal',
      'churned',
      '',
      'N/A',
    );
    const yesNo = fc.constantFrom(...YES_NO_SPELLINGS);
    const row = fc.tuple(
      name,
      fc.array(category, { minLength: 4, maxLength: 4 }),
      fc.array(yesNo, { minLength: 2, maxLength: 2 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 150 }),
        fc.array(
          fc.array(idPiece, { maxLength: 4 }).map((p) => p.join('')),
          { minLength: 150, maxLength: 150 },
        ),
        fc.constantFrom('sorted', 'sorted, then the first again', 'shuffled', 'repeats'),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom('skip', 'blank'),
        fc.integer({ min: 7, max: 2048 }),
        (rows, idBodies, idKind, names, badRows, block) => {
          const enc = new TextEncoder();
          const byBytes = (a: string, b: string) => {
            const x = enc.encode(a);
            const y = enc.encode(b);
            for (let i = 0; i < Math.min(x.length, y.length); i++)
              if (x[i] !== y[i]) return x[i] - y[i];
            return x.length - y.length;
          };
          const ids = rows.map((_, k) => `${idBodies[k]}${String(k).padStart(5, '0')}`);
          if (idKind.startsWith('sorted')) ids.sort(byBytes);
          // A duplicate key after keys of other first bytes (≥ 0x80 too): found, not appended.
          if (idKind === 'sorted, then the first again' && ids.length > 2)
            ids[ids.length - 1] = ids[0];
          if (idKind === 'repeats') for (let k = 3; k < ids.length; k += 5) ids[k] = ids[k >> 1];
          // Names: a sorted first third (the sorted path), then any order, every `names`-th a
          // repeat of an earlier one (provisional codes merged, or probed after a padded name).
          const nameOf = rows.map(([n], k) => `${n}${k}`);
          const third = Math.floor(rows.length / 3);
          nameOf.splice(0, third, ...nameOf.slice(0, third).sort(byBytes));
          if (names > 0) for (let k = 1; k < rows.length; k += names) nameOf[k] = nameOf[k >> 1];
          const quote = (v: string, force: boolean) =>
            force || /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
          const lines = [
            'account_id,company_name,industry,stage,relationship,outcome,kickoff_done,champion_left',
          ];
          rows.forEach(([, cats, yn, q], k) =>
            lines.push([quote(ids[k], false), quote(nameOf[k], q), ...cats, ...yn].join(',')),
          );
          const bytes = utf8(lines.join('\n') + '\n');
          const opts: ImportOptions = { badRows };
          const { got, text } = blocksAndText(bytes, 'words.csv', opts, block);
          expect(cells([got.table])).toEqual(cells([text.table]));
          // The codes and dictionaries themselves (cells alone would hide a value kept twice).
          for (const [id, col] of Object.entries(text.table.columns))
            if (col.type === 'string') {
              const g = got.table.columns[id] as typeof col;
              expect([id, [...g.dict], Array.from(g.codes)]).toEqual([
                id,
                [...col.dict],
                Array.from(col.codes),
              ]);
            }
          expect({ ...got.report, reader: 'text' }).toEqual(text.report);
          expect(got).toEqual(importAccountFile(bytes, 'words.csv', demoContract, opts));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads like a plain dictionary once made: spread, structuredClone, assignment', () => {
    const csv =
      'account_id,company_name,mrr\n' +
      Array.from(
        { length: 50 },
        (_, k) => `AC${String(k).padStart(7, '0')},株式会社アルファ商事${k},1`,
      ).join('\n') +
      '\n';
    const { table } = importAccountBlocks(
      memorySource(utf8(csv)),
      'p.csv',
      demoContract,
      {},
      { minBytes: 0, block: 64 },
    );
    const col = table.columns.company_name;
    if (col.type !== 'string') throw new Error('not a string column');
    expect(structuredClone(col)).toEqual({ type: 'string', codes: col.codes, dict: col.dict });
    expect({ ...col }.dict[49]).toBe('株式会社アルファ商事49');
    col.dict = ['x'];
    expect(col.dict).toEqual(['x']);
  });
});

/** A file in memory read by position; `wholeReads` counts reads of the whole file (the fallback). */
function memorySource(bytes: Uint8Array) {
  const src = {
    size: bytes.length,
    wholeReads: 0,
    read(buf: Uint8Array, offset: number, length: number, position: number): number {
      if (length === bytes.length && bytes.length > 0) src.wholeReads++;
      const part = bytes.subarray(position, position + length);
      buf.set(part, offset);
      return part.length;
    },
  };
  return src;
}

/** The table and report, or the error: typed arrays and dictionaries compared as they are. */
/** The block import in `block`-byte blocks, and the string path's whole-file import (the reference). */
function blocksAndText(bytes: Uint8Array, file: string, opts: ImportOptions, block: number) {
  return {
    got: importAccountBlocks(memorySource(bytes), file, demoContract, opts, { minBytes: 0, block }),
    text: importAccountFile(bytes, file, demoContract, { ...opts, csvPath: 'string' }),
  };
}

function exact(read: () => { table: AccountTable; report: unknown }): unknown {
  try {
    return read();
  } catch (e) {
    if (e instanceof ImportError) return { error: e.issue };
    throw e;
  }
}

function blockRead(bytes: Uint8Array, name: string, opts: ImportOptions, block: number) {
  const src = memorySource(bytes);
  const out = exact(() =>
    importAccountBlocks(src, name, demoContract, opts, { minBytes: 0, block }),
  );
  return { out, fellBack: src.wholeReads > 0 };
}

describe('importAccountBlocks (one table from a file read in blocks) = importAccountFile', () => {
  const names = readdirSync(FIXTURES).filter((f) => /\.(csv|tsv|json|ndjson|txt)$/.test(f));
  it.each(names)('%s: same table and report in blocks of 1, 7 and 64 bytes', (name) => {
    for (const badRows of ['skip', 'blank'] as const)
      for (const block of [1, 7, 64]) {
        const bytes = fixture(name);
        const { out } = blockRead(bytes, name, { badRows }, block);
        expect(out, `${name}, ${badRows}, blocks of ${block}`).toEqual(
          exact(() => importAccountFile(bytes, name, demoContract, { badRows })),
        );
      }
  });

  it('reads demo exports (UTF-8 and Shift_JIS) in blocks without reading them whole', () => {
    const csv = tableToCsv(generateDemoTable({ rows: 7000, seed: 11 }), demoContract, {
      headers: 'ja',
    });
    for (const bytes of [utf8(csv), sjis(csv)]) {
      expect(bytes.length).toBeGreaterThan(PLAN_HEAD_BYTES);
      for (const block of [65_537, 9_999]) {
        const { out, fellBack } = blockRead(bytes, 'demo.csv', {}, block);
        expect(fellBack).toBe(false);
        expect(out).toEqual(exact(() => importAccountFile(bytes, 'demo.csv', demoContract, {})));
      }
    }
  });

  it('leaves a mixed-encoding file, a quote never closed and a row too long to importAccountFile', () => {
    const head = 'account_id,company_name,mrr\n' + 'A1,株式会社アルファ,1\n'.repeat(3000);
    const late = new Uint8Array([...sjis(head), ...utf8('A2,株式会社ベータ,2\n')]);
    const limits = { maxRowBytes: 40 };
    const open = utf8('account_id,company_name,mrr\nA1,x,1\nA2,"never closed\n' + 'y\n'.repeat(50));
    const long = utf8('account_id,company_name,mrr\nA1,x,1\nA2,"' + 'z'.repeat(60) + '",2\n');
    for (const [name, bytes, opts] of [
      ['late.csv', late, {}],
      ['open.csv', open, { limits }],
      ['long.csv', long, { limits }],
    ] as const) {
      const { out, fellBack } = blockRead(bytes, name, opts, 16);
      expect(fellBack, name).toBe(true);
      expect(out).toEqual(exact(() => importAccountFile(bytes, name, demoContract, opts)));
    }
  });

  it('agrees on generated CSV over random block sizes (sorted and unsorted keys, repeated names)', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 8, unit: 'grapheme' }),
      fc.constantFrom(
        '株式会社アルファ',
        '株式会社アルファベット商事',
        'Acme, Inc.',
        'Quote "Co"',
        'a\nb',
        'x\r\ny',
        ' padded name here ',
        '=SUM(A1)',
        'ｱﾙﾌｧ',
      ),
    );
    const num = fc.constantFrom('1234', '1,234', '１２３', '80%', '0.8', '12.5', '', 'abc');
    const date = fc.constantFrom('2024-03-09', '2024/3/9', '令和6年3月9日', '2024-02-30', '');
    const quote = (s: string, force: boolean) =>
      force || /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    const row = fc.tuple(
      fc.integer({ min: 0, max: 60 }),
      text,
      num,
      date,
      fc.boolean(),
      fc.integer({ min: -1, max: 1 }),
    );
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'shift_jis'),
        fc.constantFrom('skip', 'blank'),
        fc.integer({ min: 1, max: 300 }),
        (rows, crlf, sorted, enc, badRows, block) => {
          const nl = crlf ? '\r\n' : '\n';
          const lines = ['account_id,company_name,mrr,renewal_date'];
          const ids = rows.map((r, k) => (sorted ? k * 3 : r[0]));
          rows.forEach(([, t, n, d, q, ragged], k) => {
            const c = [`A${String(ids[k]).padStart(4, '0')}`, t, n, d].map((v) => quote(v, q));
            if (ragged < 0) c.pop();
            if (ragged > 0) c.push('extra');
            lines.push(c.join(','));
          });
          const csv = lines.join(nl) + (rows.length % 2 ? nl : '');
          const body = enc === 'shift_jis' ? sjis(csv) : utf8(csv);
          const bytes = enc === 'utf-8-bom' ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          const opts: ImportOptions = {
            badRows,
            ...(enc === 'shift_jis' ? { encoding: enc } : {}),
          };
          const { out } = blockRead(bytes, 'gen.csv', opts, block);
          expect(out).toEqual(exact(() => importAccountFile(bytes, 'gen.csv', demoContract, opts)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('importAccountBlocks of Shift_JIS files: values kept in one pass, lines checked as parsed', () => {
  /** Bytes from hex pieces ('8d87 41 …'). */
  const hex = (h: string) => (h.replace(/ /g, '').match(/../g) ?? []).map((x) => parseInt(x, 16));
  const fatalSjis = new TextDecoder('shift_jis', { fatal: true });
  const isSjis = (b: Uint8Array) => {
    try {
      fatalSjis.decode(b);
      return true;
    } catch {
      return false;
    }
  };
  /**
   * As blockRead, for files under the plan's head too (there the head read is of the whole
   * file): the fallback is told by its buffer, which is the file's size (the blocks' is larger).
   */
  const read = (bytes: Uint8Array, name: string, opts: ImportOptions, block: number) => {
    let fellBack = false;
    const src = {
      size: bytes.length,
      read(buf: Uint8Array, offset: number, length: number, position: number): number {
        if (buf.length === bytes.length && buf.length < PLAN_HEAD_BYTES) fellBack = true;
        const part = bytes.subarray(position, position + length);
        buf.set(part, offset);
        return part.length;
      },
    };
    const out = exact(() =>
      importAccountBlocks(src, name, demoContract, opts, { minBytes: 0, block }),
    );
    return { out, fellBack };
  };
  /** The verdict of the check fed by blocks (what the block import asked before session 34). */
  const mixedByBlocks = (bytes: Uint8Array) => {
    const m = new MixedEncodingScan();
    m.feed(bytes);
    return m.mixed();
  };

  it('keeps packed values with 0x5C / 0x7E trail bytes, half-width kana, NEC row 13, IBM and user-defined characters as the string path reads them', () => {
    // Characters as bytes (the decoder's own: 合 ソ 表 ミ 漾 熙 ｱ ﾞ ｡ ① ㈱ № Ⅰ 纊 ＂ ⅰ 黑, two of
    // the user-defined area, and ¥-as-\, ~, space, U+3000, ＝, =).
    const piece = fc.constantFrom(
      ...'8d87 835c 955c 837e e040 eaa4 b1 de a1 8740 878a 8782 8754 ed40 eefc fa40 fc4b f040 f9fc 41 5c 7e 20 8140 8181 3d'
        .split(' ')
        .map(hex),
    );
    const name = fc.array(piece, { minLength: 1, maxLength: 14 }).map((p) => p.flat());
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.boolean()), { minLength: 1, maxLength: 120 }),
        fc.constantFrom('sorted', 'shuffled'),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 5, max: 700 }),
        (rows, idKind, crlf, forced, block) => {
          const nl = crlf ? [0x0d, 0x0a] : [0x0a];
          // A first row in kanji: the file is detected as Shift_JIS (so the line check runs).
          const out = [...utf8('account_id,company_name,mrr'), ...nl];
          out.push(...utf8('AC0000000,'), ...hex('8d87 93af 89ef 8ed0 8341 838b 8374 8340'));
          out.push(...utf8(',1'), ...nl);
          rows.forEach(([n, q], k) => {
            const id = `AC${String(idKind === 'sorted' ? k + 1 : (k * 7919) % 100_003).padStart(7, '0')}`;
            const cell = q ? [0x22, ...n, 0x22] : n;
            out.push(...utf8(`${id},`), ...cell, ...utf8(`,${k}`), ...nl);
          });
          const bytes = new Uint8Array(out);
          const opts: ImportOptions = forced ? { encoding: 'shift_jis' } : {};
          const { out: got, fellBack } = read(bytes, 'kana.csv', opts, block);
          // In blocks unless the file is UTF-8 by chance (熙ｱ is EA A4 B1): refused as by blocks.
          expect(fellBack).toBe(!forced && mixedByBlocks(bytes));
          expect(got).toEqual(
            exact(() => importAccountFile(bytes, 'kana.csv', demoContract, opts)),
          );
          if (fellBack) return; // refused as mixed: the error is importAccountFile's (above)
          const text = importAccountFile(bytes, 'kana.csv', demoContract, {
            ...opts,
            csvPath: 'string',
          });
          const blocks = got as { table: AccountTable; report: object };
          expect(cells([blocks.table])).toEqual(cells([text.table]));
          expect({ ...blocks.report, reader: 'text' }).toEqual(text.report);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds UTF-8 lines on the lines the parser found as the check by blocks does: blank lines, line breaks and "" in quotes, a lone CR', () => {
    // Lines (without their line feed) of Shift_JIS, UTF-8 that is valid Shift_JIS too (会商 reads
    // as 莨壼膚: not really UTF-8, so the verdict hangs on the counts of lines), UTF-8 that is
    // not (株式会社ベータ, ｱﾙﾌｧ: the file is not Shift_JIS), ASCII,
    // a record with a quoted line break and a lone CR after its closing quote, then a second
    // record on its second line, empty, a record with a quoted line break, one whose first field
    // has "", and two whose quoted last field is followed by a lone CR and a second record (with
    // a quoted line break).
    const jp = (s: string) => [...s].map((c) => [...sjis(c)]).flat();
    const LINES: number[][] = [
      [...utf8('A1,'), ...jp('合同会社ブルー'), ...utf8(',42')],
      [...utf8('A2,'), ...jp('ｱﾙﾌｧ株式会社'), ...utf8(',7')],
      [...utf8('A3,'), ...utf8('株式会社ベータ'), ...utf8(',1')],
      [...utf8('A4,'), ...utf8('会商'), ...utf8(',1')],
      [...utf8('A4,'), ...utf8('ｱﾙﾌｧ'), ...utf8(',2')],
      [...utf8('A5,abc,3')],
      [...utf8('C1,"'), ...jp('改\n行'), ...utf8('","2"'), 0x0d, ...utf8('C2,abc,3')],
      [],
      [...utf8('A6,"'), ...jp('改行'), 0x0a, ...jp('あり'), ...utf8('",4')],
      [...utf8('"A""7",'), ...jp('株式会社'), ...utf8(',5')],
      [
        ...utf8('A8,'),
        ...jp('会社'),
        ...utf8(',"6"'),
        0x0d,
        ...utf8('A9,"'),
        ...jp('続\nき'),
        0x22,
      ],
      [
        ...utf8('B1,'),
        ...utf8('株式会社ベータ'),
        ...utf8(',"9"'),
        0x0d,
        0x22,
        0x0a,
        ...utf8('",x,1'),
      ],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: LINES.length - 1 }), { maxLength: 30 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 120 }),
        (picks, lastLf, block) => {
          const parts = [...utf8('account_id,company_name,mrr\nA0,'), ...jp('株式会社')];
          parts.push(...utf8(',0\n'));
          for (const k of picks) parts.push(...LINES[k], 0x0a);
          if (!lastLf) parts.pop();
          const bytes = new Uint8Array(parts);
          const { out, fellBack } = read(bytes, 'mixed.csv', {}, block);
          expect(out).toEqual(exact(() => importAccountFile(bytes, 'mixed.csv', demoContract, {})));
          // Read in blocks unless the check by blocks would refuse it (or it is not Shift_JIS).
          // In blocks unless the check by blocks would refuse it, or it is not Shift_JIS, or it
          // does not import (a cut-off last row, a quote never closed).
          const refused = mixedByBlocks(bytes) || !isSjis(bytes) || 'error' in (out as object);
          expect(fellBack).toBe(refused);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('counts the lines around a record that starts after a lone CR once each, whatever the blocks', () => {
    // Both files: one UTF-8 line (会商: valid Shift_JIS too, 莨壼膚, so not really UTF-8) and
    // Shift_JIS lines; refused when they are no more than the UTF-8 one (mostly UTF-8).
    const jp = (s: string) => [...s].map((c) => [...sjis(c)]).flat();
    const head = utf8('account_id,company_name,mrr\nA0,abc,1\n');
    const files: [string, number[], boolean][] = [
      // Line 3 holds two records (a lone CR after a closing quote); the second opens a quote over
      // line 4, so a block can end inside it and the check goes on by blocks. One Shift_JIS line:
      // refused, as long as line 3 counts once.
      [
        'cut.csv',
        [...utf8('A1,'), ...jp('会社'), ...utf8(',"1"\r"A2'), ...jp('続'), ...utf8('\nx",y,2\n')],
        true,
      ],
      // A record over lines 3 and 4 closes a quote before a lone CR, and the next record starts
      // on line 4: two Shift_JIS lines, not refused — as long as line 4 is not taken for a start.
      ['two.csv', [...utf8('C1,"'), ...jp('改\n行'), ...utf8('","2"\rC2,abc,3\n')], false],
    ];
    for (const [name, lines, refused] of files) {
      const bytes = new Uint8Array([...head, ...lines, ...utf8('A3,会商,3\n')]);
      expect(mixedByBlocks(bytes), name).toBe(refused);
      for (let block = 1; block <= bytes.length; block++) {
        const { out, fellBack } = read(bytes, name, {}, block);
        expect(fellBack, `${name} in blocks of ${block}`).toBe(refused);
        expect(out).toEqual(exact(() => importAccountFile(bytes, name, demoContract, {})));
      }
    }
  });
});

describe('importAccountBlocks: ids ascending until they are not, duplicates at block ends, names merged (session 35)', () => {
  // The id column takes the sorted path (no hash, no table) while each id is above the last;
  // the first one that is not (lower, or a duplicate) sends it to the probing path. Names take
  // provisional codes merged at the build.
  // Ids are of one width, so a line's bytes do not depend on its id: a duplicate is put on the
  // line that crosses a block's end, or on the line before or after it.
  const file = (seed: number) => {
    const r = rng(seed);
    const rows = 200 + r.int(1300);
    const block = 40 + r.int(400);
    const often = ['bzdrvadypkly', 'ibsmwinxfpmp', '株式会社アルファ工業', 'Acme, Inc.', 'N/A'];
    const names: string[] = [];
    for (let k = 0; k < rows; k++) {
      const roll = r.next();
      names.push(
        roll < 0.15 && k > 0
          ? names[r.int(k)]
          : roll < 0.25
            ? r.pick(often)
            : `${r.pick(['株式会社', 'Blue', 'ロジ', 'é😀', ''])}${r.pick(['アルファ', 'Zeta', '商事'])}${r.int(rows * 4)}`,
      );
    }
    // A sorted first part of names too (the sorted path, then provisional codes).
    const head = r.int(rows >> 1);
    names.splice(0, head, ...names.slice(0, head).sort());
    const ids = Array.from({ length: rows }, (_, k) => `AC${String(k * 3 + 10).padStart(7, '0')}`);
    const breakAt = r.int(rows);
    const kind = r.pick(['lower', 'duplicate at block ends', 'both', 'none'] as const);
    const line = (k: number) => `${ids[k]},"${names[k]}",${k}`;
    const header = 'account_id,company_name,mrr';
    if (kind === 'lower' || kind === 'both')
      ids[breakAt] = `AC${String(r.int(3 * breakAt + 10)).padStart(7, '0')}`;
    if (kind !== 'lower' && kind !== 'none') {
      // Line starts in bytes; ids of one width keep them whatever the ids are.
      const enc = new TextEncoder();
      const starts: number[] = [];
      let at = enc.encode(header + '\n').length;
      for (let k = 0; k < rows; k++) {
        starts.push(at);
        at += enc.encode(line(k) + '\n').length;
      }
      for (let k = 1; k < rows - 1; k++) {
        const end = Math.ceil(starts[k] / block) * block;
        if (end >= starts[k + 1] || r.next() < 0.7) continue;
        // This line crosses a block's end: it, the one before or the one after repeats an id.
        const d = k + r.int(3) - 1;
        ids[d] = ids[d > 0 ? d - 1 - r.int(Math.min(d, 3)) : 1];
      }
    }
    const csv = [header, ...ids.map((_, k) => line(k))].join('\n') + '\n';
    return { bytes: utf8(csv), block, kind };
  };
  it('agrees with the string path and the whole-file import over random files and blocks', () => {
    let withDuplicates = 0;
    for (const uniqueFrom of [64, 4096])
      for (let seed = 1; seed <= 30; seed++) {
        const was = setSinkTuning({ uniqueFrom });
        try {
          const { bytes, block, kind } = file(seed);
          for (const badRows of ['skip', 'blank'] as const) {
            const opts: ImportOptions = { badRows };
            const { got, text } = blocksAndText(bytes, 'ids.csv', opts, block);
            const what = `seed ${seed}, ${kind}, blocks of ${block}, ${badRows}, uniqueFrom ${uniqueFrom}`;
            expect(cells([got.table]), what).toEqual(cells([text.table]));
            for (const id of ['account_id', 'company_name']) {
              const g = got.table.columns[id] as Extract<Column, { type: 'string' }>;
              const t = text.table.columns[id] as Extract<Column, { type: 'string' }>;
              expect([...g.dict], what).toEqual([...t.dict]);
              expect(Array.from(g.codes), what).toEqual(Array.from(t.codes));
            }
            expect({ ...got.report, reader: 'text' }, what).toEqual(text.report);
            expect(got, what).toEqual(importAccountFile(bytes, 'ids.csv', demoContract, opts));
            if (got.report.duplicateKeys > 0) withDuplicates++;
          }
        } finally {
          setSinkTuning(was);
        }
      }
    // The files did put duplicates at block ends (each seed twice per bad-row policy).
    expect(withDuplicates).toBeGreaterThan(20);
  });
});
