import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePlaybook, scoreChunks, scoreTable, type ScoreResult } from '.';
import { resultRow, statusName } from './export';
import { resultWriter, type ResultFormat } from './resultWriter';
import { csvValue } from '../util/csvCell';
import { demoPlaybook, DEMO_ROWS, tableFor } from './testing/demo';
import { generateDemoTable } from '../data/demo/generate';
import type { AccountTable } from '../table/columns';

// ---- The writers as they were before streaming (one string per document), kept as the
// reference. `cell` is the CSV cell function: the old one below, or today's (csvValue).

/** The pre-streaming cell function, with its weaker rule (`-2+3+cmd…` passed through). */
function oldCsvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  if (typeof v === 'string' && /^(?:[=+@\t\r]|-(?![\d.]))/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
/** Old number cells: NaN was written through String (only coverage could reach it). */
const newCell = (v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : csvValue(v));

function refNdjson(r: ScoreResult): string {
  let s = '';
  for (let i = 0; i < r.rowCount; i++) s += JSON.stringify(resultRow(r, i)) + '\n';
  return s;
}
function refJson(r: ScoreResult): string {
  const parts: string[] = [];
  for (let i = 0; i < r.rowCount; i++) parts.push('  ' + JSON.stringify(resultRow(r, i)));
  return (
    JSON.stringify({ playbook: r.playbookName, asOf: r.asOf, accounts: '\u0000' }, null, 2).replace(
      '"\\u0000"',
      parts.length ? '[\n' + parts.join(',\n') + '\n  ]' : '[]',
    ) + '\n'
  );
}
function refCsv(r: ScoreResult, cell: (v: unknown) => string): string {
  const head = [
    'account_id',
    'segment',
    'stage',
    'days_in_stage',
    'progress',
    'ready_to_advance',
    'score',
    'color',
    'coverage',
    'owner',
  ];
  for (const d of r.dimensionIds) head.push(`dim_${d}`);
  for (const m of r.measures) head.push(`${m.id}_raw`, `${m.id}_points`);
  for (const c of r.criteria) head.push(`${c.stage}.${c.id}`);
  head.push('ctas');
  const lines = [head.map(cell).join(',')];
  for (let i = 0; i < r.rowCount; i++) {
    const row = resultRow(r, i);
    const cells: unknown[] = [
      row.account_id,
      row.segment,
      row.stage,
      row.days_in_stage,
      row.progress,
      row.ready_to_advance,
      row.score,
      row.color,
      row.coverage,
      row.owner,
    ];
    r.dimensionIds.forEach((d) => cells.push(row.dimensions[d]));
    r.measures.forEach((m) => cells.push(row.measures[m.id].raw, row.measures[m.id].points));
    r.criteria.forEach((_, k) => cells.push(statusName(r.criteriaStatus[k][i])));
    cells.push(row.ctas.map((c) => c.id).join(';'));
    lines.push(cells.map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
const reference = (f: ResultFormat, r: ScoreResult) =>
  f === 'csv' ? refCsv(r, newCell) : f === 'json' ? refJson(r) : refNdjson(r);

// ---- Fixtures

const pb = demoPlaybook();
const compiled = (() => {
  const c = compilePlaybook(pb, { asOf: '2026-11-23' });
  if (!c.ok) throw new Error('demo playbook does not compile');
  return c.compiled;
})();

/** Hand-written accounts with hostile text: formula starts, full-width forms, ; quotes, newlines. */
const HOSTILE = [
  `-2+3+cmd|' /C calc'!A0`,
  '=HYPERLINK("http://x","y")',
  '@SUM(A1)',
  '＝1+1',
  'a;b',
  'say "hi"',
  'two\nlines',
  '\tx',
  '-5',
];
const hostileTable: AccountTable = tableFor(
  pb,
  HOSTILE.map((id, k) => ({ ...DEMO_ROWS[k % DEMO_ROWS.length], account_id: id })),
);
const demoTable = generateDemoTable({ rows: 3000, seed: 7 });

const fixtures: [string, AccountTable][] = [
  ['hand-written demo rows', tableFor(pb, DEMO_ROWS)],
  ['hostile ids', hostileTable],
  ['3,000 generated demo accounts', demoTable],
  ['no rows', tableFor(pb, [])],
];

/** Stream a table through scoreChunks and a writer, as `waymark score` does. */
function streamed(f: ResultFormat, table: AccountTable, chunkRows: number): string {
  const w = resultWriter(f);
  let s = '';
  let first = true;
  for (const { result } of scoreChunks(compiled, table, chunkRows)) {
    if (first) s += w.head(result);
    first = false;
    s += w.rows(result);
  }
  return s + w.tail();
}

describe('streaming result writers equal the old one-string writers', () => {
  for (const [name, table] of fixtures)
    for (const f of ['csv', 'json', 'ndjson'] as const)
      it(`${f}, ${name}: rowBytes are the rows' text as UTF-8, over random ranges`, () => {
        const whole = scoreTable(compiled, table);
        const text = resultWriter(f);
        const bytes = resultWriter(f);
        const enc = new TextEncoder();
        fc.assert(
          fc.property(fc.array(fc.nat(whole.rowCount), { maxLength: 6 }), (cuts) => {
            const at = [0, ...cuts.sort((a, b) => a - b), whole.rowCount];
            for (let k = 0; k + 1 < at.length; k++)
              expect(Buffer.from(bytes.rowBytes(whole, at[k], at[k + 1])).toString('hex')).toBe(
                Buffer.from(enc.encode(text.rows(whole, at[k], at[k + 1]))).toString('hex'),
              );
          }),
          { numRuns: table.rowCount > 100 ? 5 : 30 },
        );
      });
  for (const [name, table] of fixtures)
    for (const f of ['csv', 'json', 'ndjson'] as const)
      it(`${f}, ${name}: whole result and every chunking give the reference text`, () => {
        const whole = scoreTable(compiled, table);
        const want = reference(f, whole);
        const w = resultWriter(f);
        expect(w.head(whole) + w.rows(whole) + w.tail()).toBe(want);
        for (const size of table.rowCount > 100 ? [333, 1 << 20] : [1, 2, 7, 1 << 20])
          expect(streamed(f, table, size)).toBe(want);
      });

  it('JSON output is one document, also when streamed in chunks of one row', () => {
    const doc = JSON.parse(streamed('json', hostileTable, 1));
    expect(doc.accounts.map((a: { account_id: string }) => a.account_id)).toEqual(HOSTILE);
    expect(JSON.parse(streamed('json', tableFor(pb, []), 1)).accounts).toEqual([]);
  });

  it('the only CSV change against the old cell rule is the hostile text it now neutralises or quotes', () => {
    const r = scoreTable(compiled, hostileTable);
    const before = refCsv(r, oldCsvCell).split('\n');
    const after = resultWriter('csv').rows(r).split('\n');
    const changed = after.flatMap((line, i) => (line === before[i + 1] ? [] : [line]));
    // `-2+3+cmd…` was let through; now it starts with '. Rows firing 2+ CTAs gain quotes (;).
    expect(after[0].startsWith(`'-2+3+cmd|' /C calc'!A0,`)).toBe(true);
    expect(before[1].startsWith(`-2+3+cmd|' /C calc'!A0,`)).toBe(true);
    expect(after.some((l) => l.startsWith("'＝1+1,"))).toBe(true);
    for (const line of changed)
      expect(/^('-2\+3|'＝)/.test(line) || /,"[^",]*;[^",]*"$/.test(line)).toBe(true);
  });
});

describe('scoreChunks', () => {
  it('chunked scoring equals whole-table scoring, row for row, for random chunk sizes', () => {
    const demoTable = generateDemoTable({ rows: 500, seed: 11 });
    const whole = scoreTable(compiled, demoTable);
    const rows = Array.from({ length: whole.rowCount }, (_, i) => resultRow(whole, i));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), (size) => {
        let at = 0;
        for (const { from, result } of scoreChunks(compiled, demoTable, size)) {
          expect(from).toBe(at);
          expect(result.rowCount).toBe(Math.min(size, whole.rowCount - from));
          // Typed columns match exactly (NaN included) …
          expect(result.total).toEqual(whole.total.subarray(from, from + result.rowCount));
          expect(result.color).toEqual(whole.color.subarray(from, from + result.rowCount));
          // … and so does everything a row holds.
          for (let i = 0; i < result.rowCount; i++)
            expect(resultRow(result, i)).toEqual(rows[from + i]);
          at += result.rowCount;
        }
        expect(at).toBe(whole.rowCount);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a chunk size below one', () => {
    expect(() => [...scoreChunks(compiled, demoTable, 0)]).toThrow(/chunkRows/);
  });
});

describe('CSV ctas cell', () => {
  // rowBytes writes plain CTA ids as bytes and any other through csvText: both equal rows().
  for (const ids of [
    ['renewal_6m', 'qbr.due', 'x1'],
    ['-x', 'a b', 'say "hi"'],
  ])
    it(`rowBytes equal rows() with CTA ids ${ids.join(' ')}`, () => {
      const playbook = demoPlaybook();
      playbook.ctas = playbook.ctas.map((c, k) => ({ ...c, id: ids[k % ids.length] + k }));
      const c = compilePlaybook(playbook, { asOf: '2026-11-23' });
      if (!c.ok) throw new Error(JSON.stringify(c.issues[0]));
      const r = scoreTable(c.compiled, demoTable);
      expect(
        r.ctaFired.some((f) =>
          f.some((x, i) => x === 1 && r.ctaFired.filter((g) => g[i] === 1).length > 1),
        ),
      ).toBe(true);
      const text = resultWriter('csv').rows(r);
      expect(Buffer.from(resultWriter('csv').rowBytes(r)).toString()).toBe(text);
      expect(text).toContain(ids[0]);
    });
});
