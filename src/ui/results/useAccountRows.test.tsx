// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { compilePlaybook, scoreTable } from '../../engine';
import { demoPlaybook } from '../../engine/testing/demo';
import { generateDemoTable } from '../../data/demo/generate';
import { rowSource, type RowSource } from './accountRows';
import { queryRows, type RowQueryArgs, type RowQueryResponse } from './rowQuery';
import { rowQueryFor } from './rowQueryClient';
import { sameButSort, useAccountRows, WORKER_MIN_ROWS } from './useAccountRows';

const pb = demoPlaybook();
const c = compilePlaybook(pb);
if (!c.ok) throw new Error('demo playbook does not compile');
const compiled = c.compiled;
/** A run large enough for the row-query client (in-process here: jsdom has no Worker). */
function run(seed: number): RowSource {
  const table = generateDemoTable({ rows: WORKER_MIN_ROWS, seed });
  const r = scoreTable(compiled, table, { asOf: '2026-10-01' });
  return rowSource(
    r,
    null,
    table,
    pb.fields,
    (id) => id,
    (id) => id,
  );
}
const src = run(5);
const args = (sort: RowQueryArgs['sort'], filter: RowQueryArgs['filter'] = {}): RowQueryArgs => ({
  filter,
  sort,
  segmentLabels: src.r.segmentIds,
  stageLabels: src.r.stageIds,
});

/** Queries over 20,000 rows on a loaded machine. */
const WAIT = { timeout: 10_000 };

describe('useAccountRows: the table drawn again for the same run', () => {
  it('shows its last answer at once for the same query, without asking the worker again', async () => {
    const client = rowQueryFor(src.r, () => src);
    const query = vi.spyOn(client, 'query');
    const byScore = args({ key: 'score', dir: 'desc' });
    const first = renderHook(({ a }) => useAccountRows(src, a), { initialProps: { a: byScore } });
    expect(first.result.current.pending).toBe(true);
    await waitFor(() => expect(first.result.current.pending).toBe(false), WAIT);
    const answer = first.result.current.rows;
    expect([...answer]).toEqual([...queryRows(src, byScore)]);
    expect(query).toHaveBeenCalledTimes(1);
    first.unmount();

    // Back from an account page: the same query, drawn at once from the kept answer.
    const again = renderHook(() => useAccountRows(src, byScore));
    expect(again.result.current.pending).toBe(false);
    expect(again.result.current.rows).toBe(answer);
    await new Promise((r) => setTimeout(r, 20));
    expect(query).toHaveBeenCalledTimes(1);
    again.unmount();

    // Another query: pending with the kept answer meanwhile, then its own rows.
    const byCompany = args({ key: 'company', dir: 'asc' }, { segment: src.r.segmentIds[0] });
    const other = renderHook(() => useAccountRows(src, byCompany));
    expect(other.result.current.pending).toBe(true);
    expect(other.result.current.rows).toBe(answer);
    await waitFor(() => expect(other.result.current.pending).toBe(false), WAIT);
    expect([...other.result.current.rows]).toEqual([...queryRows(src, byCompany)]);
    expect(query).toHaveBeenCalledTimes(2);
    other.unmount();

    // Another run's table never shows this run's rows.
    const src2 = run(6);
    const next = renderHook(() => useAccountRows(src2, byScore));
    expect(next.result.current.pending).toBe(true);
    expect(next.result.current.rows.length).toBe(0);
    await waitFor(() => expect(next.result.current.pending).toBe(false), WAIT);
    expect([...next.result.current.rows]).toEqual([...queryRows(src2, byScore)]);
    next.unmount();
  });
});

describe('useAccountRows: the worker told when an answer is on screen', () => {
  it("once the rows are shown and a frame made, the client sends 'drawn' with that answer's id", async () => {
    const s3 = run(7);
    const client = rowQueryFor(s3.r, () => s3);
    const sent: { type: string; id?: number }[] = [];
    const c = client as unknown as { send: (m: { type: string; id?: number }) => void };
    const inner = c.send;
    c.send = (m) => {
      sent.push(m);
      inner(m);
    };
    const drawn = vi.spyOn(client, 'drawn');
    const h = renderHook(() => useAccountRows(s3, args(undefined)));
    await waitFor(() => expect(h.result.current.pending).toBe(false), WAIT);
    const rows = h.result.current.rows;
    await waitFor(() => expect(drawn).toHaveBeenCalledWith(rows), WAIT);
    const query = sent.find((m) => m.type === 'query')!;
    expect(sent.filter((m) => m.type === 'drawn')).toEqual([{ type: 'drawn', id: query.id }]);
    // Rows that are no answer of this client send nothing.
    client.drawn(new Int32Array(3));
    expect(sent.filter((m) => m.type === 'drawn')).toHaveLength(1);
    h.unmount();
  });
});

describe('useAccountRows: what a pending query is doing', () => {
  it('a changed sort is "sorting"; a sort the worker says waits for ranks names the list; a search is neither', async () => {
    const s4 = run(8);
    const client = rowQueryFor(s4.r, () => s4);
    const receive = (m: RowQueryResponse) =>
      (client as unknown as { receive: (m: RowQueryResponse) => void }).receive(m);
    const ids: number[] = [];
    const c = client as unknown as { send: (m: { type: string; id?: number }) => void };
    const inner = c.send;
    // The worker's word comes before its answer: each query's answer is held back one task.
    c.send = (m) => {
      if (m.type === 'query') ids.push(m.id!);
      setTimeout(() => inner(m), 0);
    };
    const a = (sort: RowQueryArgs['sort'], filter: RowQueryArgs['filter'] = {}) => ({
      ...args(sort, filter),
      segmentLabels: s4.r.segmentIds,
      stageLabels: s4.r.stageIds,
    });
    const h = renderHook(({ q }) => useAccountRows(s4, q), {
      initialProps: { q: a({ key: 'score', dir: 'desc' }) },
    });
    await waitFor(() => expect(h.result.current.pending).toBe(false), WAIT);
    expect(h.result.current.sorting).toBe(false);
    expect(h.result.current.ranking).toBeUndefined();
    // Sorted by company: pending, "sorting"; then the worker says it waits for the names.
    h.rerender({ q: a({ key: 'company', dir: 'asc' }) });
    expect(h.result.current.pending).toBe(true);
    expect(h.result.current.sorting).toBe(true);
    expect(h.result.current.ranking).toBeUndefined();
    act(() => receive({ type: 'ranking', id: ids.at(-1)!, list: 'names' }));
    expect(h.result.current.ranking).toBe('names');
    await waitFor(() => expect(h.result.current.pending).toBe(false), WAIT);
    expect(h.result.current.sorting).toBe(false);
    expect(h.result.current.ranking).toBeUndefined();
    // A search: pending, neither sorting nor ranking; an older query's word is not this one's.
    h.rerender({ q: a({ key: 'company', dir: 'asc' }, { q: 'a1' }) });
    act(() => receive({ type: 'ranking', id: ids.at(-2)!, list: 'ids' }));
    expect(h.result.current.pending).toBe(true);
    expect(h.result.current.sorting).toBe(false);
    expect(h.result.current.ranking).toBeUndefined();
    await waitFor(() => expect(h.result.current.pending).toBe(false), WAIT);
    h.unmount();
  });

  it('sameButSort: keys that differ in their sort only', () => {
    const k = (sort: RowQueryArgs['sort'], q?: string) =>
      JSON.stringify(args(sort, q ? { q } : {}));
    expect(sameButSort(k(undefined), k({ key: 'company', dir: 'asc' }))).toBe(true);
    expect(sameButSort(k({ key: 'mrr', dir: 'asc' }), k({ key: 'mrr', dir: 'desc' }))).toBe(true);
    expect(sameButSort(k(undefined), k(undefined))).toBe(false);
    expect(sameButSort(k(undefined, 'a'), k({ key: 'company', dir: 'asc' }))).toBe(false);
  });
});
