import { generateDemoTable } from '../data/demo/generate';
import { DEMO_ACTIVITY_SOURCES, generateDemoActivity } from '../data/demo/activity';
import { importActivityFile } from '../data/activity/importActivity';
import { accountKeys, toStoredEvents } from '../data/activity/stored';
import type { FieldContract, Project } from '../model';
import type { DatasetRow } from './db';
import type { AccountTable } from '../table/columns';
import { fileInfoOf, saveActivitySet } from './activityStore';
import { latestDatasetMeta, saveDataset } from './datasets';
import { db } from './db';

/** Rows in the demo project's preloaded dataset: enough for a lively dashboard, quick on first run. */
const DEMO_SEED_ROWS = 2000;
const DEMO_SEED = 42;

const seededListeners = new Set<(projectId: string) => void>();
/** Called after a demo dataset was stored (the data view reloads if it showed "no dataset"). */
export function onDemoSeeded(l: (projectId: string) => void): () => void {
  seededListeners.add(l);
  return () => seededListeners.delete(l);
}

/** Which demo log file fills which demo activity source. */
const DEMO_FILES = {
  logins: 'logins.csv',
  seminars: 'seminars.csv',
  contact_log: 'contacts.csv',
} as const;

/**
 * Stores the demo login, seminar and contact logs of `accounts` as the project's activity,
 * through the same import as a user's file (so the demo shows what an import reports).
 */
export async function seedDemoActivity(
  projectId: string,
  accounts: AccountTable,
  contract: FieldContract,
  seed: number,
  asOf: string,
): Promise<void> {
  const files = generateDemoActivity(accounts, { seed });
  const keys = accountKeys(accounts, contract.accountKey);
  for (const source of DEMO_ACTIVITY_SOURCES) {
    const name = DEMO_FILES[source.id as keyof typeof DEMO_FILES];
    const bytes = new TextEncoder().encode(files[name].join('\n'));
    const { table, report } = importActivityFile(
      bytes,
      name,
      source,
      { table: accounts, contract },
      { asOf },
    );
    await saveActivitySet(projectId, source.id, toStoredEvents(table, keys), [
      fileInfoOf(name, report),
    ]);
  }
}

/**
 * Seeds the demo project's sample dataset on first run (called by the shell's bootstrap), with
 * its activity logs when the project declares the demo's activity sources.
 * Does nothing when the project already has a dataset, so a user's import is never replaced.
 * Returns what it stored (the caller scores it: ui/results/demoRun.ts), or null.
 */
export async function seedDemoDataset(
  projectId: string,
): Promise<{ table: AccountTable; dataset: DatasetRow; project: Project } | null> {
  if (await latestDatasetMeta(projectId)) return null;
  const table = generateDemoTable({ rows: DEMO_SEED_ROWS, seed: DEMO_SEED });
  const dataset = await saveDataset(projectId, table, {
    name: 'demo-accounts.csv',
    sources: [{ kind: 'demo', rows: DEMO_SEED_ROWS, seed: DEMO_SEED }],
  });
  const project = (await db().projects.get(projectId))?.doc;
  if (project?.activity?.some((s) => s.id === 'logins') && project.asOf)
    await seedDemoActivity(projectId, table, project.fields, DEMO_SEED, project.asOf);
  for (const l of seededListeners) l(projectId);
  return project ? { table, dataset, project } : null;
}
