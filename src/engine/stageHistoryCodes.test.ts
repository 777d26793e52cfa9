import { describe, expect, it } from 'vitest';
import { rng } from '../util/random';
import { isoToDays } from '../table/columns';
import {
  DAYS_AT_LEAST,
  DAYS_ENTERED,
  DAYS_HISTORY,
  DAYS_NOT_IN_LAST_RUN,
  DAYS_NO_STAGE_LAST_RUN,
  DAYS_UNKNOWN,
  StreakBuilder,
  daysInStageFromHistory,
  stageStreaks,
  type StageCodeRun,
  type StageRun,
  type StageStreaks,
} from './stageHistory';

// StreakBuilder compares stage codes and aligns runs by position when they share a key list;
// these tests hold it to the rule written out naively, account by account (stageHistory.ts),
// over random run sequences: accounts leaving and coming back, stage changes, unknown stages,
// runs in other orders, dictionaries in other orders, codes past the dictionary, and runs
// identical to the one before (addOlderSame, what the CLI does for byte-identical columns).

const STAGES = ['a', 'b', 'c', 'd'];
const NOW = '2026-06-01';

/** The rule by hand: walk back run by run for one account. */
function byHand(runs: StageRun[], id: string, now: string | null): [number, number] {
  if (now === null) return [NaN, DAYS_UNKNOWN];
  const before = [...runs].sort((x, y) => (x.asOf < y.asOf ? 1 : -1));
  const stageIn = (r: StageRun) => {
    const j = r.accountIds.lastIndexOf(id);
    return j < 0 ? undefined : r.stage[j];
  };
  const first = stageIn(before[0]);
  if (first === undefined) return [NaN, DAYS_NOT_IN_LAST_RUN];
  if (first === null) return [NaN, DAYS_NO_STAGE_LAST_RUN];
  if (first !== now) return [0, DAYS_ENTERED];
  let since = before[0].asOf;
  for (let k = 1; k < before.length; k++) {
    const s = stageIn(before[k]);
    if (s === now) since = before[k].asOf;
    else return [isoToDays(NOW) - isoToDays(since), s == null ? DAYS_AT_LEAST : DAYS_HISTORY];
  }
  return [isoToDays(NOW) - isoToDays(since), DAYS_AT_LEAST];
}

/** A run as codes into a shuffled dictionary (with a stage no account has), some codes past it. */
function asCodes(
  r: StageRun,
  rand: () => number,
  keys: readonly string[] | null,
  onlyItsOwn = false,
): StageCodeRun {
  // The newest run's dictionary holds only its own stages: an older run's other stages then
  // have no code in the builder's dictionary.
  const own = [...STAGES, 'zz'].filter((s) => !onlyItsOwn || r.stage.includes(s));
  const dict = own.sort(() => rand() - 0.5);
  const codes = Int8Array.from(r.stage, (s) =>
    s === null ? (rand() < 0.5 ? -1 : dict.length + 1) : dict.indexOf(s),
  );
  return { asOf: r.asOf, accountIds: keys ?? r.accountIds, stageIds: dict, codes };
}

function answers(s: StageStreaks, ids: string[], now: (string | null)[]) {
  const out = new Float64Array(ids.length);
  const src = new Uint8Array(ids.length);
  const st = Int32Array.from(now, (x) => (x === null ? -1 : STAGES.indexOf(x)));
  daysInStageFromHistory(s, ids, 0, st, STAGES, isoToDays(NOW), out, src);
  return { days: [...out], source: [...src] };
}

describe('StreakBuilder over random run sequences', () => {
  for (let seed = 1; seed <= 40; seed++)
    it(`seed ${seed}: codes, shared keys and identical runs give the rule's answer`, () => {
      const rand = rng(seed);
      const all = Array.from({ length: 12 }, (_, i) => `k${i}`);
      const nRuns = 2 + Math.floor(rand() * 6);
      const shared = rand() < 0.5; // one key list for every run (the app's shared keys)
      const runs: StageRun[] = [];
      let state = all.map(() => STAGES[Math.floor(rand() * STAGES.length)] as string | null);
      for (let k = 0; k < nRuns; k++) {
        // Weekly, with missing weeks.
        const asOf = new Date(Date.UTC(2026, 0, 1 + 7 * k + (k > 2 ? 7 : 0)))
          .toISOString()
          .slice(0, 10);
        const repeat = k > 0 && rand() < 0.3; // the same content as the run before
        if (!repeat)
          state = state.map((s) =>
            rand() < 0.2 ? (rand() < 0.2 ? null : STAGES[Math.floor(rand() * 4)]) : s,
          );
        const prev = runs[k - 1];
        let ids: string[];
        if (shared) ids = all;
        else if (repeat) ids = [...prev.accountIds];
        else ids = all.filter(() => rand() < 0.8).sort(() => rand() - 0.5);
        runs.push({
          asOf,
          accountIds: ids,
          stage: repeat ? [...prev.stage] : ids.map((id) => state[all.indexOf(id)]),
        });
      }
      const now = all.map((_, i) => (rand() < 0.1 ? null : STAGES[(i + seed) % 4]));
      const ids = [...all, 'never'];
      now.push('a');
      const want = ids.map((id, i) => byHand(runs, id, now[i]));
      const expectAnswers = (s: StageStreaks) => {
        const got = answers(s, ids, now);
        expect(got.days).toEqual(want.map((w) => w[0]));
        expect(got.source).toEqual(want.map((w) => w[1]));
      };
      // 1. Runs of strings (stageStreaks).
      expectAnswers(stageStreaks(runs, NOW)!);
      // 2. Runs of codes, newest first, one key array when shared.
      const newestFirst = [...runs].reverse();
      const b = new StreakBuilder(asCodes(newestFirst[0], rand, shared ? all : null, true));
      // 3. The same, identical runs given as addOlderSame.
      const same = new StreakBuilder(newestFirst[0]);
      for (let k = 1; k < newestFirst.length; k++) {
        const r = newestFirst[k];
        b.addOlder(asCodes(r, rand, shared ? all : null));
        const prev = newestFirst[k - 1];
        const identical =
          r.accountIds.join() === prev.accountIds.join() && r.stage.join() === prev.stage.join();
        if (identical) same.addOlderSame(r.asOf);
        else same.addOlder(r);
      }
      expectAnswers(b.result());
      expectAnswers(same.result());
      expect(b.result().runs).toEqual(newestFirst.map((r) => r.asOf));
    });
});
