/// <reference lib="webworker" />
/**
 * The History tab's heavy reads off the main thread: reading stored runs of up to a million
 * accounts and counting the colour migration between them took several main-thread tasks far
 * over 100 ms (`npm run bench -- history`). The change list is sorted here too. What it reads
 * stays open (historyReads.ts), so clicking a cell of the matrix reads only run B's keys.
 */
import { accountPoints, type AccountPoint } from '../store/accountPoints';
import type { ChangeFilter, ChangeSort, ChangesPage } from '../engine/changes';
import type { MigrationMatrix } from '../engine';
import { cellAccounts, changesOf, matrixOf, warmRuns } from './historyReads';

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
  | { id: number; type: 'account'; runs: string[]; accountId: string }
  /** Open the database and read these runs' colour columns ahead of the first matrix. */
  | { id: number; type: 'warm'; runs: string[] };
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

self.onmessage = async (ev: MessageEvent<HistoryRequest>) => {
  const m = ev.data;
  try {
    if (m.type === 'warm') {
      await warmRuns(m.runs);
      self.postMessage({ id: m.id, ok: true });
      return;
    }
    if (m.type === 'account') {
      self.postMessage({ id: m.id, ok: true, points: await accountPoints(m.runs, m.accountId) });
      return;
    }
    const reply: HistoryReply =
      m.type === 'matrix'
        ? { id: m.id, ok: true, matrix: await matrixOf(m.a, m.b) }
        : m.type === 'changes'
          ? {
              id: m.id,
              ok: true,
              changes: await changesOf(m.a, m.b, m.order, m.filter, m.sort, m.limit),
            }
          : { id: m.id, ok: true, accounts: await cellAccounts(m.a, m.b, m.from, m.to) };
    self.postMessage(reply);
  } catch (e) {
    self.postMessage({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
