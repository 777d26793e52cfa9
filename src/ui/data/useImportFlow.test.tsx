// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { demoContract } from '../../data/testing/helpers';
import type { FilePreview } from '../../data';
import { IMPORT_WATCHDOG_MS } from './importWatchdog';
import { File as NodeFile } from 'node:buffer';

/**
 * The import flow with its worker replaced: the first import sends one progress message and
 * then never answers (a stalled worker); the watchdog's choices are checked against the flow.
 */
const calls = vi.hoisted(() => ({
  imports: [] as { specs: unknown; session: number }[],
  cancels: [] as number[],
  commits: 0,
  /** Imports that stall (0: answer at once). */
  stallNext: 1,
  sessions: 0,
  /** Sessions asked to start their workers ahead (the Data view opened). */
  prepared: 0,
  /** What each preview was sent: the bytes' length and the whole file's size. */
  inspected: [] as { bytes: number; size: number | undefined }[],
  /** The columns the next previews show. */
  headers: ['id', 'name', 'mrr'],
}));

vi.mock('../../workers/clients', async (orig) => {
  const real = await orig<typeof import('../../workers/clients')>();
  class ImportSession {
    readonly n = ++calls.sessions;
    private reject: ((e: unknown) => void) | null = null;
    import(specs: unknown, _c: unknown, onProgress?: (file: string, f: number) => void) {
      calls.imports.push({ specs, session: this.n });
      onProgress?.('a.csv', 0.27);
      if (calls.stallNext > 0) {
        calls.stallNext--;
        return new Promise((_, reject) => (this.reject = reject));
      }
      return Promise.resolve({ reports: [], join: null, rowCount: 3, replace: null });
    }
    prepare() {
      calls.prepared++;
    }
    inspect(spec: { bytes: Uint8Array; size?: number }) {
      calls.inspected.push({ bytes: spec.bytes.length, size: spec.size });
      return Promise.resolve({
        headers: [...calls.headers],
        mapping: { accountId: 0, name: 1 },
      } as unknown as FilePreview);
    }
    commit() {
      calls.commits++;
      return new Promise(() => undefined);
    }
    cancel() {
      calls.cancels.push(this.n);
      this.reject?.(new real.WorkerFailure(null, 'cancelled'));
    }
  }
  return { ...real, ImportSession };
});

const { useImportFlow } = await import('./useImportFlow');

const picked = () => ({
  name: 'a.csv',
  bytes: new Uint8Array([1, 2, 3]),
  preview: { mapping: { accountId: 0 } } as unknown as FilePreview,
  // The mapping as the user changed it on the preview.
  mapping: { accountId: 0, name: 2 },
});

let project = 0;
function start() {
  const id = `watch-${++project}`;
  const h = renderHook(() => useImportFlow(id, demoContract, vi.fn(), vi.fn()));
  return h;
}

describe('useImportFlow watchdog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    calls.imports = [];
    calls.cancels = [];
    calls.commits = 0;
    calls.stallNext = 1;
  });
  afterEach(() => void vi.useRealTimers());

  it('the Data view open starts its import worker ahead of a pick, and again back at no file', () => {
    const before = calls.prepared;
    const { result, rerender } = start();
    expect(calls.prepared).toBe(before + 1);
    rerender();
    expect(calls.prepared).toBe(before + 1);
    // A file picked: nothing more; discarded (no file again): ready for the next pick.
    act(() => result.current.setFlow({ step: 'mapping', files: [picked()] }));
    expect(calls.prepared).toBe(before + 1);
    act(() => result.current.setFlow({ step: 'idle' }));
    expect(calls.prepared).toBe(before + 2);
  });

  it('a quiet import shows stalled; progress state kept; Keep waiting hides it again', async () => {
    const { result } = start();
    const files = [picked()];
    void act(() => void result.current.runImport(files, 'skip'));
    expect(result.current.flow).toMatchObject({ step: 'importing', fraction: 0.27 });
    act(() => void vi.advanceTimersByTime(IMPORT_WATCHDOG_MS - 1));
    expect(result.current.flow).not.toHaveProperty('stalled.since');
    act(() => void vi.advanceTimersByTime(1));
    const f = result.current.flow;
    expect(f.step === 'importing' && f.stalled).toBeTruthy();
    expect(f).toMatchObject({ file: 'a.csv', fraction: 0.27 });
    act(() => result.current.keepWaiting());
    expect(result.current.flow).toMatchObject({ step: 'importing', stalled: undefined });
    expect(calls.cancels).toEqual([]);
    act(() => void vi.advanceTimersByTime(IMPORT_WATCHDOG_MS));
    expect(result.current.flow).toHaveProperty('stalled.since');
    expect(calls.commits).toBe(0);
  });

  it('Cancel ends the worker and returns to the preview with the mapping kept', async () => {
    const { result } = start();
    const files = [picked()];
    void act(() => void result.current.runImport(files, 'skip'));
    act(() => void vi.advanceTimersByTime(IMPORT_WATCHDOG_MS));
    expect(result.current.flow).toHaveProperty('stalled.since');
    await act(async () => result.current.cancelStalled());
    expect(calls.cancels).toEqual([calls.imports[0].session]);
    expect(result.current.flow).toEqual({ step: 'mapping', files });
    expect(result.current.flow.step === 'mapping' && result.current.flow.files[0].mapping).toEqual({
      accountId: 0,
      name: 2,
    });
    // No stall shows later: the watchdog went with the worker.
    act(() => void vi.advanceTimersByTime(3 * IMPORT_WATCHDOG_MS));
    expect(result.current.flow.step).toBe('mapping');
    expect(calls.commits).toBe(0);
  });

  it('Try again ends the worker and runs the same import again in a new one', async () => {
    const { result } = start();
    const files = [picked()];
    void act(() => void result.current.runImport(files, 'blank'));
    act(() => void vi.advanceTimersByTime(IMPORT_WATCHDOG_MS));
    await act(async () => result.current.retryStalled());
    expect(calls.cancels).toEqual([calls.imports[0].session]);
    expect(calls.imports).toHaveLength(2);
    expect(calls.imports[1].session).not.toBe(calls.imports[0].session);
    expect(calls.imports[1].specs).toEqual(calls.imports[0].specs);
    expect(result.current.flow).toMatchObject({ step: 'report', rowCount: 3, policy: 'blank' });
    expect(calls.commits).toBe(0);
  });

  it('an import that answers does not stall afterwards', async () => {
    calls.stallNext = 0;
    const { result } = start();
    await act(async () => result.current.runImport([picked()], 'skip'));
    expect(result.current.flow.step).toBe('report');
    const report = result.current.flow;
    act(() => void vi.advanceTimersByTime(3 * IMPORT_WATCHDOG_MS));
    // The watchdog ended with the import: the flow is left exactly as it was.
    expect(result.current.flow).toBe(report);
    expect(result.current.flow).not.toHaveProperty('stalled');
  });
});

/** A picked file (Node's File: jsdom's Blob cannot be read). */
const fileOf = (bytes: number, name: string) =>
  new NodeFile([new Uint8Array(bytes)], name) as unknown as File;

describe('useImportFlow pick', () => {
  it('reads only the first megabyte of a big file on the page; a small one whole', async () => {
    calls.inspected = [];
    const { result } = start();
    const big = fileOf(3 << 20, 'big.csv');
    const small = fileOf(5000, 'small.csv');
    await act(() => result.current.addFiles([big, small]));
    expect(calls.inspected).toEqual([
      { bytes: 1 << 20, size: 3 << 20 },
      { bytes: 5000, size: 5000 },
    ]);
    const f = result.current.flow;
    expect(f.step === 'mapping' && f.files.map((x) => [x.bytes.length, x.blob?.size])).toEqual([
      [1 << 20, 3 << 20],
      [5000, 5000],
    ]);
  });

  it("a file picked again after a failed import keeps the user's mapping when its name and columns match", async () => {
    calls.headers = ['id', 'name', 'mrr'];
    const { result } = start();
    const file = () => fileOf(10, 'a.csv');
    await act(() => result.current.addFiles([file()]));
    const f = result.current.flow;
    if (f.step !== 'mapping') throw new Error(f.step);
    const mine = { ...f.files[0], mapping: { accountId: 0, name: null, mrr: 2 } };
    const failed = [mine];
    // Same name and columns: the mapping the user set.
    await act(() => result.current.addFiles([file()], [], failed));
    const again = result.current.flow;
    expect(again.step === 'mapping' && again.files[0].mapping).toEqual(mine.mapping);
    // Another name, or other columns: the preview's own mapping.
    await act(() => result.current.addFiles([fileOf(10, 'b.csv')], [], failed));
    const other = result.current.flow;
    expect(other.step === 'mapping' && other.files[0].mapping).toEqual({ accountId: 0, name: 1 });
    calls.headers = ['id', 'name', 'mrr', 'plan'];
    await act(() => result.current.addFiles([file()], [], failed));
    const wider = result.current.flow;
    expect(wider.step === 'mapping' && wider.files[0].mapping).toEqual({ accountId: 0, name: 1 });
  });
});
