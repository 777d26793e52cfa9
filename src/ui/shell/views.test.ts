import { beforeEach, describe, expect, it, vi } from 'vitest';

// Which views' modules were evaluated (each mocked module says so when first imported).
const loaded = vi.hoisted(() => [] as string[]);
vi.mock('../results/ResultsView', () => {
  loaded.push('results');
  return { default: () => null };
});
vi.mock('../data/DataView', () => {
  loaded.push('data');
  return { default: () => null };
});
vi.mock('../health/HealthView', () => {
  loaded.push('health');
  return { default: () => null };
});

const { preloadRouteView, VIEW_COMPONENTS } = await import('./views');

describe('preloadRouteView', () => {
  beforeEach(() => {
    loaded.length = 0;
  });
  it('fetches the view the address names, and only that one', async () => {
    expect(preloadRouteView('#/p/demo/results?tab=accounts&q=ab')).toBe('results');
    await vi.waitFor(() => expect(loaded).toEqual(['results']));
    expect(preloadRouteView('#/p/a%20b/data')).toBe('data');
    await vi.waitFor(() => expect(loaded).toEqual(['results', 'data']));
  });
  it('fetches nothing for the project list or a broken address', async () => {
    expect(preloadRouteView('')).toBeNull();
    expect(preloadRouteView('#/')).toBeNull();
    expect(preloadRouteView('#/p/%E0%A4%A/health')).toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    expect(loaded).toEqual([]);
  });
  it('keeps one lazy component per view', () => {
    expect(Object.keys(VIEW_COMPONENTS).sort()).toEqual(
      ['ctas', 'data', 'diagrams', 'fields', 'health', 'journey', 'overview', 'results'].sort(),
    );
  });
});
