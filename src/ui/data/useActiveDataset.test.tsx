// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { StrictMode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { WaymarkDB, setDbForTests } from '../../store/db';
import { projectStore } from '../../store/projectStore';
import { saveDataset } from '../../store/datasets';
import { generateDemoTable } from '../../data/demo/generate';
import { useActiveDataset, useActiveDatasetState } from './useActiveDataset';
import { activeDataset, type ActiveDatasetState } from './activeDataset';
import { demoProject } from '../../data/testing/helpers';

function Count() {
  const t = useActiveDataset();
  return <span data-testid="n">{t ? t.rowCount : 'none'}</span>;
}

describe('useActiveDataset', () => {
  beforeAll(() => setDbForTests(new WaymarkDB(`hook-${Math.random()}`)));
  afterAll(() => {
    projectStore.close();
    setDbForTests(null);
  });

  it('returns null without a dataset, then the stored table, then a newly imported one', async () => {
    const project = { ...demoProject, id: 'hook-p' };
    act(() => projectStore.load(project));
    render(<Count />);
    await waitFor(() => expect(activeDataset.get().status).toBe('none'));
    expect(screen.getByTestId('n').textContent).toBe('none');
    await saveDataset('hook-p', generateDemoTable({ rows: 12, seed: 1 }), {
      name: 'a.csv',
      sources: [],
    });
    await act(() => activeDataset.reload('hook-p'));
    await waitFor(() => expect(screen.getByTestId('n').textContent).toBe('12'));
    const meta = await saveDataset('hook-p', generateDemoTable({ rows: 7, seed: 2 }), {
      name: 'b.csv',
      sources: [],
    });
    act(() => activeDataset.setLoaded('hook-p', meta, generateDemoTable({ rows: 7, seed: 2 })));
    expect(screen.getByTestId('n').textContent).toBe('7');
  });
});

describe('useActiveDatasetState', () => {
  it('gives the same object while a project waits for its dataset (ResultsView defers it)', () => {
    const seen: ActiveDatasetState[] = [];
    function Probe() {
      seen.push(useActiveDatasetState());
      return null;
    }
    // (The test above left its view mounted: it would ask for this project's dataset at once.)
    cleanup();
    act(() => projectStore.load({ ...demoProject, id: 'hook-other' }));
    // Before its effect asks for this project's dataset the store holds another project's state,
    // so the hook answers "loading"; StrictMode draws twice, with the hooks' memory kept.
    const r = render(
      <StrictMode>
        <Probe />
      </StrictMode>,
    );
    expect(seen[0].projectId).toBe('hook-other');
    expect(seen[0].status).toBe('loading');
    expect(seen[1]).toBe(seen[0]);
    r.unmount();
  });
});
