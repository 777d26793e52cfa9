import { generateDemoTable } from '../data/demo/generate';
import { latestDatasetMeta, saveDataset } from './datasets';

/** Rows in the demo project's preloaded dataset: enough for a lively dashboard, quick on first run. */
const DEMO_SEED_ROWS = 2000;
const DEMO_SEED = 42;

const seededListeners = new Set<(projectId: string) => void>();
/** Called after a demo dataset was stored (the data view reloads if it showed "no dataset"). */
export function onDemoSeeded(l: (projectId: string) => void): () => void {
  seededListeners.add(l);
  return () => seededListeners.delete(l);
}

/**
 * Seeds the demo project's sample dataset on first run (called by the shell's bootstrap).
 * Does nothing when the project already has a dataset, so a user's import is never replaced.
 */
export async function seedDemoDataset(projectId: string): Promise<void> {
  if (await latestDatasetMeta(projectId)) return;
  const table = generateDemoTable({ rows: DEMO_SEED_ROWS, seed: DEMO_SEED });
  await saveDataset(projectId, table, {
    name: 'demo-accounts.csv',
    sources: [{ kind: 'demo', rows: DEMO_SEED_ROWS, seed: DEMO_SEED }],
  });
  for (const l of seededListeners) l(projectId);
}
