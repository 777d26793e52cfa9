import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaymarkDB, setDbForTests } from '../store/db';
import { generateDemoTable } from '../data/demo/generate';
import { compilePlaybook, scoreTable, summarise, type ScoreResult } from '../engine';
import { playbookFromProject } from '../model';
import { demoProject } from '../data/testing/helpers';
import { deleteRun, loadRun, saveRun, setPieceRowsForTests } from '../store/runStore';
import { saveRunV1 } from '../store/testing/runStoreV1Writer';
import { ctaLifecycle, lifecycleKey } from '../engine/lifecycle';
import { buildQueue } from '../engine/ctaQueue';
import { entryEpisode, runLifecycle } from '../engine/lifecycleRuns';
import { storedRunLifecycle, storedRuns } from './storedFiredRuns';
import { rng } from '../util/random';

/**
 * The run worker's lifecycle over really stored runs (fake IndexedDB): format-2 runs sharing a
 * key list, one of other accounts, a format-1 run, in pieces — equal to the string-keyed rule
 * over the same runs loaded whole, as the worker computed it before.
 */
const pb = playbookFromProject(demoProject);
function scored(rows: number, asOf: string, seed: number): ScoreResult {
  const c = compilePlaybook(pb, { asOf });
  if (!c.ok) throw new Error('demo playbook');
  return scoreTable(c.compiled, generateDemoTable({ rows, seed }), { asOf });
}
const shownOf = (r: ScoreResult) => ({
  asOf: r.asOf,
  rowCount: r.rowCount,
  ctas: r.ctas.map((c) => ({ id: c.id, dedupeKey: c.dedupeKey })),
});

describe('the CTA lifecycle from stored runs', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`test-${Math.random()}`)));
  afterAll(() => {
    setDbForTests(null);
    setPieceRowsForTests(null);
  });

  it('equals ctaLifecycle over whole loaded runs', async () => {
    setPieceRowsForTests(700);
    const runs = [
      scored(1500, '2026-09-01', 4),
      scored(1500, '2026-10-01', 4),
      scored(1400, '2026-10-15', 5), // other accounts, partly the same ids
      scored(1500, '2026-11-01', 4),
      scored(1500, '2026-11-08', 4),
    ];
    const ids: string[] = [];
    for (const [k, r] of runs.entries()) {
      const meta =
        k === 0
          ? await saveRunV1('p', 'ds', r, summarise(r), undefined, 'demo.csv', 'UTC', pb)
          : await saveRun('p', 'ds', r, summarise(r));
      ids.push(meta.id);
    }
    const current = scored(1500, '2026-11-15', 4);
    const check = async (before: string[]) => {
      let i = 0;
      const old = await ctaLifecycle(current, async () =>
        i < before.length ? ((await loadRun(before[i++]))?.result ?? null) : null,
      );
      const life = await runLifecycle(current, storedRuns(before));
      const q = buildQueue(current);
      expect(life.previousAsOf).toBe(old.previousAsOf);
      expect(life.resolvedCount).toBe(old.resolved.length);
      expect(life.resolved).toEqual(old.resolved.slice(0, 200));
      let continuing = 0;
      for (let k = 0; k < q.length; k++) {
        const want = old.episodes.get(
          lifecycleKey(current.accountIds[q.row[k]], current.ctas[q.cta[k]].dedupeKey),
        );
        expect(entryEpisode(life, k, current.asOf)).toEqual(want);
        if (want && !want.isNew) continuing++;
      }
      return { continuing, read: life.dates.length };
    };
    const all = await check(ids.slice().reverse());
    expect(all.continuing).toBeGreaterThan(0);
    // Streaks ran through the run of other accounts and into the format-1 run.
    expect(all.read).toBe(5);
    // A run that is gone ends the history there, as before.
    await deleteRun(ids[3]);
    const gap = await check(ids.slice().reverse());
    expect(gap.read).toBe(1);
  });

  it('of the shown run read from the store equals the one from the run sent (random runs)', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const rand = rng(seed * 104729);
      setPieceRowsForTests(200 + Math.floor(rand() * 900));
      const rows = 500 + Math.floor(rand() * 1000);
      const project = `p${seed}`;
      // Earlier runs: mostly the same accounts and data (streaks), one of other accounts.
      const dates = ['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01'];
      const ids: string[] = [];
      const runs: ScoreResult[] = [];
      for (const [k, asOf] of dates.entries()) {
        const r = scored(
          k === 2 && rand() < 0.5 ? rows - 50 : rows,
          asOf,
          rand() < 0.8 ? seed : seed + 50,
        );
        runs.push(r);
        ids.push((await saveRun(project, 'ds', r, summarise(r))).id);
      }
      const current = runs[runs.length - 1];
      const currentId = ids[ids.length - 1];
      const before = ids.slice(0, -1).reverse();
      const sent = await runLifecycle(current, storedRuns(before));
      const read = await storedRunLifecycle(currentId, shownOf(current), before);
      expect(read).toEqual(sent);
      expect(sent.runs.some((n) => n > 1)).toBe(true);
      // Another run than the one shown: no answer (the page then sends its run).
      expect(await storedRunLifecycle(ids[0], shownOf(current), before)).toBeNull();
      const renamed = shownOf(current);
      renamed.ctas[0] = { ...renamed.ctas[0], dedupeKey: 'other' };
      expect(await storedRunLifecycle(currentId, renamed, before)).toBeNull();
      await deleteRun(currentId);
      expect(await storedRunLifecycle(currentId, shownOf(current), before)).toBeNull();
    }
  });
});
