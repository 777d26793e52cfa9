import { afterEach, describe, expect, it, vi } from 'vitest';
import { compilePlaybook, scoreTable, trend } from '../../engine';
import { demoPlaybook } from '../../engine/testing/demo';
import { generateDemoTable } from '../../data/demo/generate';
import { filterRows, prepareCtaCounts, rowSource, sortRows } from './accountRows';
import { splitRun } from './rowQuery';
import { rowQueryFor, warmRowQuery } from './rowQueryClient';

/**
 * The run handed to the row-query worker while the page is idle after it arrives (warmRowQuery,
 * called by ResultsView once the CTA counts are in): the accounts tab then reuses that client,
 * so what was sent must be exactly what the tab would have sent.
 */
const pb = demoPlaybook();
const c = compilePlaybook(pb);
if (!c.ok) throw new Error('demo playbook does not compile');
const table = generateDemoTable({ rows: 2500, seed: 9 });
const r = scoreTable(c.compiled, table, { asOf: '2026-10-01' });
const prev = scoreTable(c.compiled, generateDemoTable({ rows: 2000, seed: 9 }), {
  asOf: '2026-09-01',
});
const tr = trend(r, prev);

/** requestIdleCallback as the page has it: callbacks run when the test says the page is idle. */
function idlePage() {
  const queued = new Map<number, () => void>();
  let seq = 0;
  vi.stubGlobal('requestIdleCallback', (f: (d: IdleDeadline) => void) => {
    queued.set(++seq, () => f({ didTimeout: false, timeRemaining: () => 0 }));
    return seq;
  });
  vi.stubGlobal('cancelIdleCallback', (id: number) => queued.delete(id));
  return {
    idle() {
      const fs = [...queued.values()];
      queued.clear();
      for (const f of fs) f();
    },
    get pending() {
      return queued.size;
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the run handed to the row-query worker ahead of the accounts tab', () => {
  it("sends what the accounts tab would send (ResultsView's source against AccountTable's)", () => {
    // ResultsView builds the source without the tab's labels (the worker gets them per query).
    const warm = splitRun(
      rowSource(
        r,
        tr,
        table,
        pb.fields,
        (id) => id,
        (id) => id,
      ),
    );
    const tab = splitRun(
      rowSource(
        r,
        tr,
        table,
        pb.fields,
        (id) => `S ${id}`,
        (id) => `T ${id}`,
      ),
    );
    expect(warm.skeleton).toEqual(tab.skeleton);
    expect(warm.pieces).toEqual(tab.pieces);
  });

  it('is sent when the page is idle, once; the tab then reuses that client and its answers are the rows', async () => {
    const page = idlePage();
    const other = { ...r };
    rowQueryFor(other, () => rowSource(other, tr, table, pb.fields, String, String));
    let sources = 0;
    const warmSrc = () => {
      sources++;
      return rowSource(
        r,
        tr,
        table,
        pb.fields,
        (id) => id,
        (id) => id,
      );
    };
    warmRowQuery(r, warmSrc);
    expect(sources).toBe(0);
    page.idle();
    expect(sources).toBe(1);
    // Warmed again (the effect re-run): nothing sent again.
    warmRowQuery(r, warmSrc);
    expect(page.pending).toBe(0);
    let tabSources = 0;
    const client = rowQueryFor(r, () => {
      tabSources++;
      return rowSource(r, tr, table, pb.fields, String, String);
    });
    expect(tabSources).toBe(0);
    const src = rowSource(r, tr, table, pb.fields, String, String);
    const rows = await client.query({
      filter: { color: r.colorIds[0] },
      sort: { key: 'score', dir: 'desc' },
      segmentLabels: r.segmentIds,
      stageLabels: r.stageIds,
    });
    const want = sortRows(src, filterRows(src, { color: r.colorIds[0] }), 'score', 'desc');
    expect([...rows!]).toEqual([...want]);
    expect(rows!.length).toBeGreaterThan(0);
    client.dispose();
  });

  it('a warm cancelled before the page was idle sends nothing', () => {
    const page = idlePage();
    const mine = { ...r };
    let sources = 0;
    const cancel = warmRowQuery(mine, () => {
      sources++;
      return rowSource(mine, tr, table, pb.fields, String, String);
    });
    cancel();
    page.idle();
    expect(sources).toBe(0);
  });

  it('the CTA counts call back when they are in, at once when already counted', () => {
    const page = idlePage();
    const mine = { ...r };
    const ready = vi.fn();
    prepareCtaCounts(mine, ready);
    expect(ready).not.toHaveBeenCalled();
    for (let k = 0; k < 100 && !ready.mock.calls.length; k++) page.idle();
    expect(ready).toHaveBeenCalledTimes(1);
    const again = vi.fn();
    prepareCtaCounts(mine, again);
    expect(again).toHaveBeenCalledTimes(1);
  });
});
