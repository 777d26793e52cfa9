/// <reference lib="webworker" />
import { compilePlaybook, scoreTable, stageKpis, summarise, trend } from '../engine';
import { listRuns, loadRun, saveRun } from '../store/runStore';
import { transferablesOf, type ScoreRequest, type ScoreResponse } from './protocol';

/**
 * Scores a dataset with the project's playbook off the main thread, compares with the newest
 * stored run of the project (trend), and stores the new run as a snapshot.
 */
declare const self: DedicatedWorkerGlobalScope;
const post = (m: ScoreResponse, transfer: Transferable[] = []) => self.postMessage(m, transfer);

self.onmessage = async (ev: MessageEvent<ScoreRequest>) => {
  const msg = ev.data;
  try {
    post({ type: 'progress', id: msg.id, phase: 'compile', fraction: 0.05 });
    const c = compilePlaybook(msg.playbook, { asOf: msg.asOf });
    if (!c.ok) {
      post({
        type: 'failed',
        id: msg.id,
        message: 'The playbook has errors; fix them before running.',
        issues: c.issues,
      });
      return;
    }
    post({ type: 'progress', id: msg.id, phase: 'score', fraction: 0.1 });
    const result = scoreTable(c.compiled, msg.table, { asOf: msg.asOf });
    post({ type: 'progress', id: msg.id, phase: 'summarise', fraction: 0.7 });
    const summary = summarise(result);
    const kpis = stageKpis(c.compiled, msg.table, result);
    if (kpis.length) summary.kpis = kpis;
    let previous = null;
    let t = null;
    if (msg.compareWith !== 'none') {
      const runs = await listRuns(msg.projectId);
      const last = runs[runs.length - (msg.compareWith === 'latest' ? 1 : 2)];
      if (last) {
        const snap = await loadRun(last.id);
        if (snap) {
          previous = snap.meta;
          t = trend(result, snap.result);
        }
      }
    }
    let run = null;
    if (msg.store) {
      post({ type: 'progress', id: msg.id, phase: 'store', fraction: 0.85 });
      run = await saveRun(
        msg.projectId,
        msg.datasetId,
        result,
        summary,
        t?.counts,
        msg.datasetName,
        msg.timeZone,
        msg.playbook,
      );
    }
    post(
      { type: 'scored', id: msg.id, result, summary, trend: t, previous, run },
      transferablesOf({ result, t }),
    );
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
};
