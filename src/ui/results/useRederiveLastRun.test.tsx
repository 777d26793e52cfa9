// @vitest-environment jsdom
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActiveDatasetState } from '../data/activeDataset';
import type { RunRow } from '../../store/db';
import { resultsStore } from './runState';
import { useRederiveLastRun } from './useRederiveLastRun';

const ahead = vi.hoisted(() => ({ cancel: vi.fn(), compileAhead: vi.fn() }));
vi.mock('./compileAhead', () => ({ compileAhead: ahead.compileAhead }));

const lastRun = {
  id: 'run-1',
  datasetId: 'ds-1',
  asOf: '2026-01-31',
  playbook: { marker: 'the run’s own playbook' },
} as unknown as RunRow;
const data = {
  table: { rowCount: 0, columns: {} },
  meta: { id: 'ds-1' },
} as unknown as ActiveDatasetState;
const props = { projectId: 'p-1', mine: true, outcome: null, status: 'idle', lastRun, data };

afterEach(() => {
  ahead.compileAhead.mockReset();
  ahead.cancel.mockReset();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('useRederiveLastRun', () => {
  it('starts the stored run again in a task of its own, once, with its own playbook and date', () => {
    vi.useFakeTimers();
    const run = vi.spyOn(resultsStore, 'run').mockResolvedValue(undefined);
    renderHook(() => useRederiveLastRun(props));
    // Not in the effects' flush (renderHook has run the effects by now).
    expect(run).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith({
      projectId: 'p-1',
      playbook: lastRun.playbook,
      asOf: '2026-01-31',
      table: data.table,
      datasetId: 'ds-1',
      store: false,
      runId: 'run-1',
      readTable: true,
    });
  });

  it('does not start it once the view is gone or a run started meanwhile', () => {
    vi.useFakeTimers();
    const run = vi.spyOn(resultsStore, 'run').mockResolvedValue(undefined);
    const gone = renderHook(() => useRederiveLastRun(props));
    gone.unmount();
    const busy = renderHook((p) => useRederiveLastRun(p), { initialProps: props });
    busy.rerender({ ...props, status: 'running' });
    vi.runAllTimers();
    expect(run).not.toHaveBeenCalled();
  });

  it('starts nothing for a run of another dataset', () => {
    vi.useFakeTimers();
    const run = vi.spyOn(resultsStore, 'run').mockResolvedValue(undefined);
    renderHook(() =>
      useRederiveLastRun({ ...props, lastRun: { ...lastRun, datasetId: 'other' } as RunRow }),
    );
    vi.runAllTimers();
    expect(run).not.toHaveBeenCalled();
  });

  it('compiles the run’s playbook ahead while its dataset loads, and stops when it is there', () => {
    vi.useFakeTimers();
    const run = vi.spyOn(resultsStore, 'run').mockResolvedValue(undefined);
    ahead.compileAhead.mockReturnValue(ahead.cancel);
    const loading = { projectId: 'p-1', status: 'loading', meta: null, table: null };
    const view = renderHook((p) => useRederiveLastRun(p), {
      initialProps: { ...props, data: loading as ActiveDatasetState },
    });
    expect(ahead.compileAhead).toHaveBeenCalledTimes(1);
    expect(ahead.compileAhead).toHaveBeenCalledWith(lastRun.playbook, '2026-01-31');
    expect(ahead.cancel).not.toHaveBeenCalled();
    view.rerender({ ...props, status: 'idle' });
    expect(ahead.cancel).toHaveBeenCalledTimes(1);
    expect(ahead.compileAhead).toHaveBeenCalledTimes(1);
    vi.runAllTimers();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('compiles nothing ahead once the dataset is there, a run is shown, or there is none', () => {
    vi.useFakeTimers();
    vi.spyOn(resultsStore, 'run').mockResolvedValue(undefined);
    ahead.compileAhead.mockReturnValue(ahead.cancel);
    const loading = { projectId: 'p-1', status: 'loading', meta: null, table: null };
    const none = { projectId: 'p-1', status: 'none', meta: null, table: null };
    renderHook(() => useRederiveLastRun(props));
    renderHook(() =>
      useRederiveLastRun({
        ...props,
        data: loading as ActiveDatasetState,
        outcome: {} as NonNullable<typeof props.outcome>,
      }),
    );
    renderHook(() => useRederiveLastRun({ ...props, data: none as ActiveDatasetState }));
    renderHook(() =>
      useRederiveLastRun({ ...props, mine: false, data: loading as ActiveDatasetState }),
    );
    expect(ahead.compileAhead).not.toHaveBeenCalled();
  });
});
