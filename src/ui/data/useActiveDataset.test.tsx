// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { WaymarkDB, setDbForTests } from '../../store/db';
import { projectStore } from '../../store/projectStore';
import { saveDataset } from '../../store/datasets';
import { generateDemoTable } from '../../data/demo/generate';
import { useActiveDataset } from './useActiveDataset';
import { activeDataset } from './activeDataset';
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
