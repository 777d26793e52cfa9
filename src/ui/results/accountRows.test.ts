import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable } from '../../engine';
import { demoPlaybook } from '../../engine/testing/demo';
import { generateDemoTable } from '../../data/demo/generate';
import { isoToDays } from '../../table/columns';
import {
  ctaCountSteps,
  everyRow,
  filterRows,
  prepareCtaCounts,
  rowSource,
  searchedRows,
  sortRows,
  warmRowLoops,
} from './accountRows';
import { numberAt } from './queue';

const pb = demoPlaybook();
const c = compilePlaybook(pb);
if (!c.ok) throw new Error('demo playbook does not compile');
const table = generateDemoTable({ rows: 400, seed: 3 });
const r = scoreTable(c.compiled, table, { asOf: '2026-10-01' });
const src = rowSource(
  r,
  null,
  table,
  pb.fields,
  (id) => `S ${id}`,
  (id) => `T ${id}`,
);

describe('account rows', () => {
  it('counts fired CTAs per row the same in steps of any size, ahead or in the render', async () => {
    const naive = Array.from({ length: r.rowCount }, (_, i) =>
      r.ctaFired.reduce((n, f) => n + f[i], 0),
    );
    expect(naive.some((n) => n > 1)).toBe(true);
    for (const rows of [1, 3, 64, 399, 400, Infinity]) {
      const steps = ctaCountSteps(r, rows);
      let s = steps.next();
      let n = 0;
      for (; !s.done; s = steps.next()) n++;
      expect([...s.value]).toEqual(naive);
      if (rows === 64) expect(n).toBe(r.ctaFired.length * (Math.ceil(r.rowCount / 64) - 1));
    }
    expect([...src.ctaCount]).toEqual(naive);
    // Counted while idle, then found by the table's row source.
    const r2 = scoreTable(c.compiled, table, { asOf: '2026-10-01' });
    prepareCtaCounts(r2);
    await new Promise((res) => setTimeout(res, 50));
    const a = rowSource(r2, null, table, pb.fields, String, String).ctaCount;
    expect(rowSource(r2, null, table, pb.fields, String, String).ctaCount).toBe(a);
    expect([...a]).toEqual(naive);
  });

  it('a colour filter lists exactly the accounts of that colour (what the chart counts)', () => {
    for (const [k, id] of r.colorIds.entries()) {
      const rows = filterRows(src, { color: id });
      const expected = r.color.filter((x) => x === k).length;
      expect(rows.length, id).toBe(expected);
      expect([...rows].every((i) => r.color[i] === k)).toBe(true);
    }
    expect(filterRows(src, { color: 'nope' }).length).toBe(0);
  });

  it('combines segment, stage, owner and a renewal window', () => {
    const seg = r.segmentIds[0];
    const rows = filterRows(src, { segment: seg, renewal: 90 });
    const asOf = isoToDays('2026-10-01');
    let expected = 0;
    for (let i = 0; i < r.rowCount; i++) {
      const d = numberAt(src.renewal, i) - asOf;
      if (r.segment[i] === 0 && d >= 0 && d <= 90) expected++;
    }
    expect(expected).toBeGreaterThan(0);
    expect(rows.length).toBe(expected);
    const owner = r.ownerIds[r.owner[0]];
    expect([...filterRows(src, { owner })].every((i) => r.ownerIds[r.owner[i]] === owner)).toBe(
      true,
    );
    const stage = r.stageIds[0];
    expect([...filterRows(src, { stage })].every((i) => r.stage[i] === 0)).toBe(true);
  });

  it('sorts by score both ways with unscored accounts last, and by MRR', () => {
    const all = filterRows(src, {});
    const asc = [...sortRows(src, all.slice(), 'score', 'asc')].map((i) => r.total[i]);
    const scored = asc.filter((x) => !Number.isNaN(x));
    expect(scored).toEqual([...scored].sort((a, b) => a - b));
    expect(asc.slice(scored.length).every(Number.isNaN)).toBe(true);
    const desc = [...sortRows(src, all.slice(), 'mrr', 'desc')].map((i) => numberAt(src.mrr, i));
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
  });

  it('searches ids and names as includes on each row does, alone and with a filter', () => {
    warmRowLoops();
    const names = src.name?.type === 'string' ? src.name : null;
    expect(names).not.toBeNull();
    const idOf = (i: number) => r.accountIds[i].toLowerCase();
    const nameOf = (i: number) =>
      names!.codes[i] >= 0 ? names!.dict[names!.codes[i]].toLowerCase() : null;
    const all = Array.from({ length: r.rowCount }, (_, i) => i);
    // Needles hitting every row (ids share their first characters), some by id, some by name
    // only, none; typed on and back as a search box does.
    const first = idOf(0);
    const aName = nameOf(5) ?? '';
    const needles = [first[0], first.slice(0, 2), idOf(7), aName.slice(1, 3), aName, 'zzz', ''];
    for (const q of [...needles, ...needles.slice().reverse()]) {
      const want = all.filter((i) => !q || idOf(i).includes(q) || !!nameOf(i)?.includes(q));
      expect(Array.from(filterRows(src, { q })), q).toEqual(want);
      const color = r.colorIds[0];
      expect(Array.from(filterRows(src, { q, color })), `${q} + colour`).toEqual(
        want.filter((i) => r.color[i] === 0),
      );
    }
  });

  it('lists the rows hit by id or by name in order (searchedRows, everyRow)', () => {
    const ids = Uint8Array.from([1, 0, 0, 1, 0, 0]);
    const nameHit = Uint8Array.from([0, 1]);
    const codes = Int32Array.from([0, 1, -1, 1, 0, 1]);
    const out = new Int32Array(6);
    const n = searchedRows(ids, nameHit, codes, out);
    expect(Array.from(out.slice(0, n))).toEqual([0, 1, 3, 5]);
    const m = searchedRows(ids, null, null, out);
    expect(Array.from(out.slice(0, m))).toEqual([0, 3]);
    expect(Array.from(everyRow(new Int32Array(4)))).toEqual([0, 1, 2, 3]);
  });
});
