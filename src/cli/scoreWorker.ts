/**
 * A worker thread of `waymark score --threads N` (parallelWriter.ts): scores the tables it is
 * sent and formats their rows — CSV/JSON/NDJSON as UTF-8 bytes, Parquet as the columns of a row
 * group — and posts them back with the job's id. The main thread writes the replies in job order,
 * so the document is the one a single thread writes. Built as its own bundle
 * (dist-cli/scoreWorker.mjs) beside the CLI's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compilePlaybook, resultWriter, scoreChunks, type ResultWriter } from '../engine';
import { runColumnData, runInfoOf } from '../engine/historyRun';
import type { Playbook } from '../model';
import type { AccountTable } from '../table/columns';
import type { WorkerInit, WorkerJob, WorkerReply } from './workerProtocol';

const init = workerData as WorkerInit;
const c = compilePlaybook(init.playbook as Playbook, { asOf: init.asOf });
if (!c.ok)
  throw new Error(`scoreWorker: the playbook does not compile (${JSON.stringify(c.issues[0])})`);
const compiled = c.compiled;
// Days in stage from the history (--history): the streaks the main thread computed.
const opts = init.stageStreaks !== undefined ? { stageStreaks: init.stageStreaks } : {};
/** Rows formatted and encoded at a time. */
const WRITE_ROWS = 8192;

// One writer for the worker's life (its number-text memo stays warm). JSON rows of every job start
// with a comma; the main thread turns the document's first into '['.
const w = init.format === 'parquet' ? null : resultWriter(init.format, true);

function scoreText(table: AccountTable, w: ResultWriter): WorkerReply {
  let head = '';
  const bytes: Uint8Array[] = [];
  for (const { result } of scoreChunks(compiled, table, init.chunkRows, opts)) {
    if (!head) head = w.head(result);
    // Encoded a few thousand rows at a time: no text of the whole table is ever built.
    for (let lo = 0; lo < result.rowCount; lo += WRITE_ROWS) {
      const hi = Math.min(result.rowCount, lo + WRITE_ROWS);
      bytes.push(w.rowBytes(result, lo, hi));
    }
  }
  return { id: 0, rows: table.rowCount, head, bytes };
}

function scoreParquet(table: AccountTable): WorkerReply {
  const groups: WorkerReply['groups'] = [];
  let info: WorkerReply['info'];
  for (const { result } of scoreChunks(compiled, table, init.chunkRows, opts)) {
    info ??= runInfoOf(result, init.fingerprint ?? '');
    groups.push({ rows: result.rowCount, columnData: runColumnData(result) });
  }
  return { id: 0, rows: table.rowCount, head: '', info, groups };
}

parentPort!.on('message', (job: WorkerJob) => {
  const reply = w ? scoreText(job.table, w) : scoreParquet(job.table);
  reply.id = job.id;
  parentPort!.postMessage(
    reply,
    (reply.bytes ?? []).map((b) => b.buffer as ArrayBuffer),
  );
});
