import { useSyncExternalStore } from 'react';

/**
 * First start: the demo project's dataset is stored, then scored in the scoring worker and the
 * run stored exactly as the Run button does (store: true), so a new user opens on a dashboard
 * whose every number is a stored run's, with its model, dataset and date on record. There is no
 * earlier run, so no trend is claimed. Results shows "preparing" meanwhile (usePreparingDemo).
 */
const preparing = new Set<string>();
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export async function seedDemoWithRun(projectId: string): Promise<void> {
  preparing.add(projectId);
  emit();
  // What seeds and scores the demo is imported on a first start only: the app's entry (which
  // imports this module) does not evaluate the dataset generator, the store and the scoring
  // client on every reload.
  const [
    { playbookFromProject },
    { seedDemoDataset },
    { localTimeZone },
    { scoreInWorker },
    { resultsStore },
  ] = await Promise.all([
    import('../../model'),
    import('../../store/demoSeed'),
    import('../../util/localDate'),
    import('../../workers/clients'),
    import('./runState'),
  ]).catch((e: unknown) => {
    preparing.delete(projectId);
    emit();
    throw e;
  });
  try {
    const seeded = await seedDemoDataset(projectId);
    if (!seeded) return;
    const { table, dataset, project } = seeded;
    const playbook = playbookFromProject(project);
    const asOf = project.asOf ?? dataset.createdAt.slice(0, 10);
    await scoreInWorker({
      playbook: { ...playbook, asOf },
      asOf,
      timeZone: localTimeZone(),
      table,
      projectId,
      datasetId: dataset.id,
      datasetName: dataset.name,
      store: true,
      compareWith: 'none',
    }).promise;
  } finally {
    // Results lists the stored run and shows it (useRederiveLastRun); listed before Run is
    // enabled again, so running the same date asks to replace it.
    try {
      await resultsStore.refreshRuns();
    } finally {
      preparing.delete(projectId);
      emit();
    }
  }
}

/** The demo's first run is being prepared for this project (Results says so, Run waits). */
export function usePreparingDemo(projectId: string): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => preparing.has(projectId),
  );
}
