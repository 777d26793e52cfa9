import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable } from '.';
import { buildQueue, queueCsvChunks, type QueueLife } from './ctaQueue';
import { scoresCsvChunks, type SheetLabels } from './exportSheet';
import { legacyQueueCsv, legacyScoresCsv } from './testing/legacyExports';
import { generateDemoTable } from '../data/demo/generate';
import { importAccountFile } from '../data';
import { demoProject, fixture } from '../data/testing/helpers';
import { playbookFromProject } from '../model';
import { rng } from '../util/random';

// The exports are written in chunks by the export worker (issue 17); the bytes must be those
// the page wrote as one string before (testing/legacyExports.ts keeps that code verbatim).
const pb = playbookFromProject(demoProject);
const c = compilePlaybook(pb, { asOf: '2026-11-01' });
if (!c.ok) throw new Error('demo playbook does not compile');

const labels: SheetLabels & {
  ctaType: (id: string) => string;
  priority: (id: string) => string;
} = {
  segment: (id) => `セグ「${id}」`,
  stage: (id) => `=stage ${id}`,
  color: (id) => `色,${id}`,
  ctaType: (id) => `type "${id}"`,
  priority: (id) => `優先 ${id}`,
  headers: { segment: 'segment_label', stage: 'ステージ', color: 'color_label' },
};
const bytes = (parts: Iterable<string | Uint8Array>) => {
  const enc = new TextEncoder();
  const chunks = [...parts].map((p) => (typeof p === 'string' ? enc.encode(p) : p));
  const out = new Uint8Array(chunks.reduce((s, b) => s + b.length, 0));
  let at = 0;
  for (const b of chunks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
};
/** The first offset where two byte strings differ, or -1 (toEqual on MBs of bytes is slow). */
const firstDiff = (a: Uint8Array, b: Uint8Array): number => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
};
const life: QueueLife = (row, cta) => ({
  status: row % 3 ? 'new' : 'continuing',
  runs: (row + cta) % 4,
  since: row % 2 ? '2026-10-01' : '',
  mark: row % 5 ? '' : 'snoozed',
  until: row % 5 ? '' : '2026-12-01',
  reason: row % 7 ? '' : '=HYPERLINK("x"), "quoted"\nnext line',
});

// CTA ids that csvText changes (a formula start, a comma, a quote): the ctas cell and the queue's
// cta_id then take the text path, not the bytes of plain ids.
const oddPb = {
  ...pb,
  ctas: pb.ctas.map((x, k) => ({ ...x, id: ['=risk', 'a,b', '"q"', '－x'][k] ?? x.id })),
};
const odd = compilePlaybook(oddPb, { asOf: '2026-11-01' });
if (!odd.ok) throw new Error('the renamed demo playbook does not compile');

const cases = [
  {
    name: 'the fixture file',
    table: importAccountFile(fixture('crm_ja.utf8.csv'), 'crm.csv', pb.fields).table,
    compiled: c.compiled,
    playbook: pb,
  },
  {
    name: '3,000 generated accounts',
    table: generateDemoTable({ rows: 3000, seed: 5 }),
    compiled: c.compiled,
    playbook: pb,
  },
  {
    name: '2,000 generated accounts, CTA ids to quote',
    table: generateDemoTable({ rows: 2000, seed: 9 }),
    compiled: odd.compiled,
    playbook: oddPb,
  },
];

describe.each(cases)('streamed exports of $name', ({ table, compiled, playbook }) => {
  const r = scoreTable(compiled, table);
  const rand = rng(table.rowCount);
  const shuffled = (n: number, keep: number) => {
    const a = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return Int32Array.from(a.slice(0, keep));
  };
  const sizes = [1, 2, 7, 100, 8192, 1_000_000, 1 + Math.floor(rand() * 500)];

  it('scores CSV: every chunk size gives the old bytes, all rows and a shuffled subset', () => {
    // The cases reach the cells' special paths: rows with two or more CTAs (a quoted list).
    let many = 0;
    for (let i = 0; i < r.rowCount; i++) {
      let k = 0;
      for (const f of r.ctaFired) k += f[i];
      if (k > 1) many++;
    }
    expect(many).toBeGreaterThan(0);
    const all = Int32Array.from({ length: r.rowCount }, (_, i) => i);
    const some = shuffled(r.rowCount, Math.ceil(r.rowCount / 3));
    for (const rows of [all, some, new Int32Array(0)]) {
      const want = bytes([legacyScoresCsv(r, labels, rows)]);
      for (const size of sizes)
        expect(
          firstDiff(bytes(scoresCsvChunks(r, labels, rows, size)), want),
          `chunk ${size}`,
        ).toBe(-1);
    }
    // No row list = all rows in table order.
    expect(
      firstDiff(bytes(scoresCsvChunks(r, labels)), bytes([legacyScoresCsv(r, labels, all)])),
    ).toBe(-1);
  });

  it('CTA queue CSV: every chunk size gives the old bytes, with and without lifecycle', () => {
    const q = buildQueue(r);
    expect(q.length).toBeGreaterThan(0);
    const idx = shuffled(q.length, Math.ceil(q.length / 2));
    for (const l of [undefined, life]) {
      const want = bytes([legacyQueueCsv(q, idx, r, table, playbook, labels, l)]);
      for (const size of sizes)
        expect(
          firstDiff(bytes(queueCsvChunks(q, idx, r, table, playbook, labels, l, size)), want),
          `chunk ${size}`,
        ).toBe(-1);
    }
  });
});
