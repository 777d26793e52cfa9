import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WaymarkDB, db, setDbForTests } from '../../store/db';
import { generateDemoTable } from '../../data/demo/generate';
import { compilePlaybook, scoreTable, summarise, type ScoreResult } from '../../engine';
import { playbookFromProject } from '../../model';
import { demoProject } from '../../data/testing/helpers';
import { historyRunsBefore, listRuns, loadRun, saveRun } from '../../store/runStore';
import { runLifecycle } from '../../engine/lifecycleRuns';
import { ctaLifecycle } from '../../engine/lifecycle';
import { storedRuns } from '../../workers/storedFiredRuns';
import { runTimeline } from '../../util/runOrder';
import { runsBefore } from './useLifecycle';

/**
 * Runs stored out of time order (a later date first, then a back-filled older one, then a date
 * scored again): every reader over runs follows the as-of date, and replacing a date's run
 * deletes the old one only in the transaction that stores the new one.
 */
const pb = playbookFromProject(demoProject);
function scored(asOf: string): ScoreResult {
  const c = compilePlaybook(pb, { asOf });
  if (!c.ok) throw new Error('demo playbook');
  // The same accounts and data every time: the CTAs that fire keep firing, so a CTA's streak
  // counts the runs before it in time.
  return scoreTable(c.compiled, generateDemoTable({ rows: 300, seed: 7 }), { asOf });
}
const store = (asOf: string, createdAt: string, replaces?: string[]) => {
  const r = scored(asOf);
  return saveRun(
    'p',
    'ds',
    r,
    summarise(r),
    undefined,
    'demo.csv',
    'UTC',
    pb,
    { createdAt },
    undefined,
    replaces,
  );
};

describe('runs in time order, stored out of order', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => setDbForTests(null));

  it('lists, compares and computes the CTA lifecycle by as-of, not by creation', async () => {
    const jun29 = await store('2026-06-29', '2026-07-01T09:00:00.000Z');
    const jun15 = await store('2026-06-15', '2026-07-01T10:00:00.000Z');
    const jun22 = await store('2026-06-22', '2026-07-02T08:00:00.000Z'); // back-filled
    const runs = await listRuns('p');
    expect(runs.map((r) => r.asOf)).toEqual(['2026-06-15', '2026-06-22', '2026-06-29']);
    expect(historyRunsBefore(runs, '2026-06-29').map((r) => r.id)).toEqual([jun22.id, jun15.id]);

    // The later run's lifecycle reads its true predecessor (the back-filled run), then the one
    // before: a CTA firing in all three is "continuing · 3 runs" since 06-15.
    const current = scored('2026-06-29');
    const later = runsBefore({ result: current }, runs);
    expect(later).toEqual([jun22.id, jun15.id]);
    const life = await runLifecycle(current, storedRuns(later));
    expect(life.previousAsOf).toBe('2026-06-22');
    expect(life.dates).toEqual(['2026-06-22', '2026-06-15']);
    expect(Math.max(...life.runs)).toBe(3);
    // The same numbers as the string-keyed rule over the runs loaded whole, in time order.
    const inTime = [jun22.id, jun15.id];
    let i = 0;
    const want = await ctaLifecycle(current, async () =>
      i < inTime.length ? ((await loadRun(inTime[i++]))?.result ?? null) : null,
    );
    expect(life.newCount).toBe([...want.episodes.values()].filter((e) => e.isNew).length);
    expect(life.continuingCount).toBe(want.episodes.size - life.newCount);
    expect(life.continuingCount).toBeGreaterThan(0);
    expect(life.resolvedCount).toBe(want.resolved.length);

    // The back-filled run never reads the later run as its "previous".
    const mid = scored('2026-06-22');
    const before = runsBefore({ result: mid }, runs);
    expect(before).toEqual([jun15.id]);
    const midLife = await runLifecycle(mid, storedRuns(before));
    expect(midLife.previousAsOf).toBe('2026-06-15');
    expect(Math.max(...midLife.runs)).toBe(2);
    // The first date has no history at all.
    expect(runsBefore({ result: scored('2026-06-15') }, runs)).toEqual([]);
    expect(jun29.asOf).toBe('2026-06-29');
  });

  it('replaces a date’s run only once the new run is stored', async () => {
    const old = (await listRuns('p')).find((r) => r.asOf === '2026-06-22')!;
    const owned = () => db().runColumns.where('owner').equals(old.id).count();
    expect(await owned()).toBeGreaterThan(0);

    // The new run fails to store (a full disk at the last write): the old run stays whole.
    const add = vi.spyOn(db().runs, 'add').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(store('2026-06-22', '2026-07-03T08:00:00.000Z', [old.id])).rejects.toThrow(
      'QuotaExceededError',
    );
    add.mockRestore();
    expect((await listRuns('p')).map((r) => r.id)).toContain(old.id);
    expect((await loadRun(old.id))?.result.rowCount).toBe(300);

    // Stored: the date holds the new run only, the old one's columns are gone, the shared key
    // list stays (the other runs use it).
    const next = await store('2026-06-22', '2026-07-03T09:00:00.000Z', [old.id]);
    const runs = await listRuns('p');
    expect(runs.filter((r) => r.asOf === '2026-06-22').map((r) => r.id)).toEqual([next.id]);
    expect(await loadRun(old.id)).toBeNull();
    expect(await owned()).toBe(0);
    expect((await loadRun(runs[0].id))?.result.accountIds.length).toBe(300);
    expect(runTimeline(runs).supersededBy.size).toBe(0);
  });

  it('shows two runs of one date honestly: the later is the date’s run, nothing dropped', async () => {
    // As an earlier Waymark stored them: no replacement.
    const again = await store('2026-06-29', '2026-07-04T09:00:00.000Z');
    const runs = await listRuns('p');
    const t = runTimeline(runs);
    expect(t.all.length).toBe(4);
    expect(t.current.map((r) => r.asOf)).toEqual(['2026-06-15', '2026-06-22', '2026-06-29']);
    expect(t.current[2].id).toBe(again.id);
    expect([...t.supersededBy.values()].map((r) => r.id)).toEqual([again.id]);
    // Later dates read the date's run; the superseded one is in no one's history.
    expect(historyRunsBefore(runs, '2026-07-06').map((r) => r.asOf)).toEqual([
      '2026-06-29',
      '2026-06-22',
      '2026-06-15',
    ]);
    expect(historyRunsBefore(runs, '2026-07-06')[0].id).toBe(again.id);
  });
});
