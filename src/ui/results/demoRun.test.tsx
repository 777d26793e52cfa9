// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';

// What seeds and scores the demo is imported by seedDemoWithRun on a first start only; here the
// seed finds the demo already stored (null), so nothing is scored.
const seedDemoDataset = vi.fn(async (): Promise<null> => null);
const refreshRuns = vi.fn(async () => undefined);
vi.mock('../../store/demoSeed', () => ({ seedDemoDataset: () => seedDemoDataset() }));
vi.mock('./runState', () => ({ resultsStore: { refreshRuns: () => refreshRuns() } }));

const { seedDemoWithRun, usePreparingDemo } = await import('./demoRun');

function Preparing({ id }: { id: string }) {
  return <span data-testid="p">{String(usePreparingDemo(id))}</span>;
}

describe('seedDemoWithRun', () => {
  afterEach(() => vi.clearAllMocks());

  it('says "preparing" from the call, before its modules are imported, until the seed is done', async () => {
    render(<Preparing id="demo" />);
    expect(screen.getByTestId('p').textContent).toBe('false');
    let done!: Promise<void>;
    // Results must say "preparing", not "no dataset", while the seeding modules load.
    act(() => {
      done = seedDemoWithRun('demo');
    });
    expect(screen.getByTestId('p').textContent).toBe('true');
    expect(seedDemoDataset).not.toHaveBeenCalled();
    await act(() => done);
    expect(seedDemoDataset).toHaveBeenCalledTimes(1);
    expect(refreshRuns).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('p').textContent).toBe('false');
  });

  it('stops saying "preparing" when the seed fails', async () => {
    seedDemoDataset.mockRejectedValueOnce(new Error('no storage'));
    render(<Preparing id="demo2" />);
    let done!: Promise<void>;
    act(() => {
      done = seedDemoWithRun('demo2');
    });
    expect(screen.getAllByTestId('p').at(-1)!.textContent).toBe('true');
    await act(() => expect(done).rejects.toThrow('no storage'));
    expect(screen.getAllByTestId('p').at(-1)!.textContent).toBe('false');
  });
});
