/// <reference lib="webworker" />
/**
 * The History tab's heavy reads off the main thread: loading two stored runs of up to a million
 * accounts each (IndexedDB reads, a million account ids unpacked) and counting the colour
 * migration between them took several main-thread tasks far over 100 ms
 * (`npm run bench -- history`). The change list is sorted here too. The last pair of runs stays loaded, so clicking a cell of the
 * matrix lists its accounts without reading the runs again.
 */
import {
  migratedAccounts,
  migrationMatrix,
  type MigrationMatrix,
  type ScoreResult,
} from '../engine';
import { loadRun } from '../store/runStore';
import { accountPoints, type AccountPoint } from '../store/accountPoints';
import {
  changesPage,
  type ChangeFilter,
  type ChangeSort,
  type ChangesPage,
} from '../engine/changes';

export type HistoryRequest =
  | { id: number; type: 'matrix'; a: string; b: string }
  | { id: number; type: 'cell'; a: string; b: string; from: string; to: string }
  | {
      id: number;
      type: 'changes';
      a: string;
      b: string;
      order: string[];
      filter: ChangeFilter;
      sort: ChangeSort;
      limit: number;
    }
  | { id: number; type: 'account'; runs: string[]; accountId: string };
export type HistoryReply =
  | {
      id: number;
      ok: true;
      matrix?: MigrationMatrix;
      accounts?: string[];
      changes?: ChangesPage;
      points?: AccountPoint[];
    }
  | { id: number; ok: false; error: string };

let pair: { key: string; a: ScoreResult; b: ScoreResult } | null = null;

async function runs(a: string, b: string) {
  const key = `${a}|${b}`;
  if (pair?.key === key) return pair;
  const [x, y] = await Promise.all([loadRun(a), loadRun(b)]);
  if (!x || !y) throw new Error('run not found');
  pair = { key, a: x.result, b: y.result };
  return pair;
}

self.onmessage = async (ev: MessageEvent<HistoryRequest>) => {
  const m = ev.data;
  try {
    if (m.type === 'account') {
      self.postMessage({ id: m.id, ok: true, points: await accountPoints(m.runs, m.accountId) });
      return;
    }
    const p = await runs(m.a, m.b);
    const reply: HistoryReply =
      m.type === 'matrix'
        ? { id: m.id, ok: true, matrix: migrationMatrix(p.a, p.b) }
        : m.type === 'changes'
          ? {
              id: m.id,
              ok: true,
              changes: changesPage(p.a, p.b, m.order, m.filter, m.sort, m.limit),
            }
          : {
              id: m.id,
              ok: true,
              accounts: migratedAccounts(p.a, p.b, m.from, m.to).map((j) => p.b.accountIds[j]),
            };
    self.postMessage(reply);
  } catch (e) {
    self.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
