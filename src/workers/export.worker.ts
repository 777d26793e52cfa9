/// <reference lib="webworker" />
import { scoresCsvChunks, scoreSheet, type SheetLabels } from '../engine/exportSheet';
import { buildQueue, queueCsvChunks, type QueueLife } from '../engine/ctaQueue';
import { activeMark, lifecycleKey } from '../engine/lifecycle';
import { entryEpisode, entryOf, runLifecycle, type RunLife } from '../engine/lifecycleRuns';
import { storedRunLifecycle, storedRuns } from './storedFiredRuns';
import type { CtaMark } from '../model';
import { outcomeValueCounts, predictiveBacktest, type Predictions } from '../engine/predictive';
import { columnOf, type AccountTable } from '../table/columns';
import { loadRun } from '../store/runStore';
import type {
  ExportData,
  ExportJob,
  ExportRequest,
  ExportResponse,
  LabelPairs,
  SheetLabelData,
} from './exportProtocol';
import { placeSpare, spareOf } from './pieces';

/**
 * The run's worker (one per page). It keeps the shown run (sent once per run) and
 * - computes the backtest (答え合わせ) and its outcome value table, reading a stored run itself
 *   when predicting from an earlier one, so the tab never blocks the page;
 * - writes the app's exports (scores CSV / XLSX, CTA queue CSV) off the main thread, in chunks,
 * either straight into a file the user picked (File System Access API) or into a Blob the page
 * then downloads. Cancel is
 * cooperative: the loop yields between chunks, sees the request and aborts the file's writable,
 * so nothing half-written is committed.
 */
declare const self: DedicatedWorkerGlobalScope;
const post = (m: ExportResponse) => self.postMessage(m);

let held: ExportData | null = null;
const cancelled = new Set<number>();

class Cancelled extends Error {}

self.onmessage = (ev: MessageEvent<ExportRequest>) => {
  const msg = ev.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  if (msg.type === 'hold') {
    held = msg.skeleton as ExportData;
    return;
  }
  if (msg.type === 'piece') {
    // A piece copied into one of the page's spare buffers: that buffer goes back for the next.
    const spare = held?.key === msg.key ? placeSpare(held, msg.piece) : spareOf(msg.piece);
    if (spare)
      self.postMessage({ type: 'spare', id: 0, buffer: spare } satisfies ExportResponse, [spare]);
    return;
  }
  if (msg.type === 'sync') {
    post({ type: 'synced', id: 0, key: msg.key, n: msg.n });
    return;
  }
  if (msg.type === 'lifecycleOfRun') {
    void lifecycleOfRun(msg);
    return;
  }
  if (!held || held.key !== msg.key) {
    post({ type: 'failed', id: msg.id, message: 'run data missing' });
    return;
  }
  if (msg.type === 'outcomeCounts')
    post({
      type: 'outcomeCounts',
      id: msg.id,
      counts: outcomeValueCounts(columnValues(held.table, msg.field)),
    });
  else if (msg.type === 'backtest') void backtest(held, msg);
  else if (msg.type === 'lifecycle') void lifecycle(held, msg);
  else void run(msg.id, held, msg.job, msg.handle).finally(() => cancelled.delete(msg.id));
};

async function lifecycle(
  data: ExportData,
  msg: Extract<ExportRequest, { type: 'lifecycle' }>,
): Promise<void> {
  try {
    postLife(msg.id, await lifeOf(data, msg.before, buildQueue(data.result)));
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

/** Post a lifecycle: a copy goes (the kept one serves the queue export): 2 bytes a queue entry. */
function postLife(id: number, life: RunLife): void {
  const sent = { ...life, runs: life.runs.slice() };
  self.postMessage({ type: 'lifecycle', id, life: sent } satisfies ExportResponse, [
    sent.runs.buffer,
  ]);
}

/** The last lifecycle of a stored run read from the store (the tab's, then its export's). */
let storedLife: { runId: string; before: string; life: Promise<RunLife | null> } | null = null;
function storedLifeOf(
  runId: string,
  shown: Parameters<typeof storedRunLifecycle>[1],
  before: string[],
): Promise<RunLife | null> {
  const key = before.join(',');
  if (storedLife?.runId !== runId || storedLife.before !== key) {
    const life = storedRunLifecycle(runId, shown, before);
    life.catch(() => (storedLife = null));
    storedLife = { runId, before: key, life };
  }
  return storedLife.life;
}

async function lifecycleOfRun(msg: Extract<ExportRequest, { type: 'lifecycleOfRun' }>) {
  try {
    const life = await storedLifeOf(msg.runId, msg.shown, msg.before);
    if (!life) post({ type: 'runMissing', id: msg.id, runId: msg.runId });
    else postLife(msg.id, life);
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

/** The held run's lifecycle against `before` (the last one kept: the tab, then its export). */
let lastLife: { data: ExportData; before: string; life: Promise<RunLife> } | null = null;
function lifeOf(
  data: ExportData,
  before: string[],
  q: ReturnType<typeof buildQueue>,
): Promise<RunLife> {
  const key = before.join(',');
  if (lastLife?.data !== data || lastLife.before !== key) {
    const life = runLifecycle(data.result, storedRuns(before), q);
    life.catch(() => (lastLife = null));
    lastLife = { data, before: key, life };
  }
  return lastLife.life;
}

/** The column's values per row (null = empty), for a string/category column. */
function columnValues(table: AccountTable, field: string): (string | null)[] {
  const col = columnOf(table, field);
  if (!col || col.type !== 'string') return [];
  return Array.from(col.codes, (c) => (c < 0 ? null : col.dict[c]));
}

async function backtest(
  data: ExportData,
  msg: Extract<ExportRequest, { type: 'backtest' }>,
): Promise<void> {
  try {
    let pred: Predictions = data.result;
    if (msg.pred.kind === 'run') {
      const snap = await loadRun(msg.pred.runId);
      if (!snap) return post({ type: 'runMissing', id: msg.id, runId: msg.pred.runId });
      pred = snap.result;
    }
    const keys = columnValues(data.table, msg.keyField).map((k) => k ?? '');
    const values = columnValues(data.table, msg.labels.field);
    const result = predictiveBacktest(
      pred,
      { keys, values, observedAt: msg.observedAt ?? pred.asOf },
      msg.labels,
    );
    post({ type: 'backtest', id: msg.id, result });
  } catch (e) {
    post({ type: 'failed', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

const lookup = (pairs: LabelPairs) => {
  const m = new Map(pairs);
  return (id: string) => m.get(id) ?? id;
};
const sheetLabels = (l: SheetLabelData): SheetLabels => ({
  segment: lookup(l.segment),
  stage: lookup(l.stage),
  color: lookup(l.color),
  headers: l.headers,
});

interface Sink {
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<Blob | undefined>;
  abort(): Promise<void>;
}

async function openSink(handle: FileSystemFileHandle | undefined, type: string): Promise<Sink> {
  if (handle) {
    const w = await handle.createWritable();
    return {
      write: (b) => w.write(b as Uint8Array<ArrayBuffer>),
      close: async () => {
        await w.close();
        return undefined;
      },
      abort: () => w.abort(),
    };
  }
  const parts: Uint8Array<ArrayBuffer>[] = [];
  return {
    write: async (b) => {
      parts.push(b as Uint8Array<ArrayBuffer>);
    },
    close: async () => new Blob(parts, { type }),
    abort: async () => {
      parts.length = 0;
    },
  };
}

/**
 * The download's object URL, made here rather than on the page (registering a blob of a
 * million rows took the page one task of ~200 ms); revoked after a minute, by when the browser
 * has opened it (it reads the blob asynchronously after the click).
 */
function objectUrl(blob: Blob | undefined): string | undefined {
  if (!blob || typeof URL.createObjectURL !== 'function') return undefined;
  const url = URL.createObjectURL(blob);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return url;
}

const PROGRESS_EVERY_MS = 100;

/** Lets a cancel message in between chunks. */
const yieldToMessages = () => new Promise<void>((r) => setTimeout(r, 0));

async function run(
  id: number,
  data: ExportData,
  job: ExportJob,
  handle: FileSystemFileHandle | undefined,
): Promise<void> {
  let sink: Sink | null = null;
  try {
    const check = () => {
      if (cancelled.has(id)) throw new Cancelled();
    };
    const r = data.result;
    if (job.kind === 'scoresXlsx') {
      const blob = await xlsxBlob(id, data, job, check);
      check();
      sink = await openSink(handle, blob.type);
      await sink.write(new Uint8Array(await blob.arrayBuffer()));
      check();
      const out = await sink.close();
      post({ type: 'done', id, bytes: blob.size, blob: out, url: objectUrl(out) });
      return;
    }
    let chunks: Generator<Uint8Array>;
    let total: number;
    if (job.kind === 'scoresCsv') {
      total = job.rows ? job.rows.length : r.rowCount;
      chunks = scoresCsvChunks(r, sheetLabels(job.labels), job.rows ?? undefined);
    } else {
      total = job.idx.length;
      const q = buildQueue(r);
      const life = job.life ? await lifeColumns(data, job.life, q) : emptyLife;
      check();
      chunks = queueCsvChunks(
        q,
        job.idx,
        r,
        data.table,
        job.playbook,
        {
          color: lookup(job.labels.color),
          ctaType: lookup(job.labels.ctaType),
          priority: lookup(job.labels.priority),
        },
        life,
      );
    }
    sink = await openSink(handle, 'text/csv;charset=utf-8');
    let bytes = 0;
    let done = -1; // the first chunk is the header
    let shown = -Infinity;
    for (const b of chunks) {
      bytes += b.length;
      await sink.write(b);
      done = done < 0 ? 0 : Math.min(total, done + 8192);
      // At most one progress line a tenth of a second: each redraws the view holding the
      // export's line (the account table, the queue) on the page.
      const now = performance.now();
      if (now - shown >= PROGRESS_EVERY_MS) {
        shown = now;
        post({ type: 'progress', id, phase: 'write', done, total });
      }
      await yieldToMessages();
      check();
    }
    const out = await sink.close();
    post({ type: 'done', id, bytes, blob: out, url: objectUrl(out) });
  } catch (e) {
    if (sink) await sink.abort().catch(() => undefined);
    if (e instanceof Cancelled) post({ type: 'cancelled', id });
    else post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
}

const emptyLife: QueueLife = () => ({
  status: '',
  runs: 0,
  since: '',
  mark: '',
  until: '',
  reason: '',
});

/** The queue's lifecycle columns, as the CTA tab shows them (useLifecycle). */
async function lifeColumns(
  data: ExportData,
  spec: { before: string[]; marks: CtaMark[]; runId?: string },
  q: ReturnType<typeof buildQueue>,
): Promise<QueueLife> {
  const r = data.result;
  // The one the tab read from the store, when it is of this run (same answer, not recomputed).
  const fromStore =
    spec.runId !== undefined &&
    storedLife?.runId === spec.runId &&
    storedLife.before === spec.before.join(',')
      ? await storedLife.life.catch(() => null)
      : null;
  const life = fromStore ?? (await lifeOf(data, spec.before, q));
  const marks = new Map(spec.marks.map((m) => [lifecycleKey(m.accountId, m.dedupeKey), m]));
  return (row, c) => {
    const k = entryOf(q, row, c);
    const episode = k < 0 ? undefined : entryEpisode(life, k, r.asOf);
    const mark = episode
      ? activeMark(marks, lifecycleKey(r.accountIds[row], r.ctas[c].dedupeKey), episode, r.asOf)
      : null;
    return {
      status: !episode ? '' : episode.isNew ? 'new' : 'continuing',
      runs: episode?.runs ?? 0,
      since: episode?.since ?? '',
      mark: mark?.state ?? '',
      until: mark?.until ?? '',
      reason: mark?.reason ?? '',
    };
  };
}

/** XLSX through write-excel-file, as the page built it before (typed cells, bold header). */
async function xlsxBlob(
  id: number,
  data: ExportData,
  job: Extract<ExportJob, { kind: 'scoresXlsx' }>,
  check: () => void,
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const sheet = scoreSheet(data.result, sheetLabels(job.labels), job.rows ?? undefined);
  const total = sheet.rows.length;
  type Cell = { value: string | number | boolean; fontWeight?: 'bold' } | null;
  const rows: Cell[][] = [sheet.header.map((h) => ({ value: h, fontWeight: 'bold' as const }))];
  for (let k = 0; k < total; k++) {
    rows.push(sheet.rows[k].map((v) => (v === null || v === '' ? null : { value: v })));
    if (k % 8192 === 8191) {
      post({ type: 'progress', id, phase: 'write', done: k + 1, total });
      await yieldToMessages();
      check();
    }
  }
  post({ type: 'progress', id, phase: 'pack', done: total, total });
  return writeXlsxFile(rows, { sheet: job.sheetName.slice(0, 31) }).toBlob();
}
