import { db } from './db';
import { currentSession } from './openProject';
import { TAB_ID } from './session';

/** The seeded demo project's id (stable, so docs and tests can open it). */
export const DEMO_PROJECT_ID = 'demo';
const SEEDED_KEY = 'waymark.seeded';

/**
 * Another tab (a newer Waymark) wants to upgrade or delete the database: journal unsaved edits,
 * let Dexie close our connection so the upgrade proceeds, and tell the user to reload.
 */
export function watchVersionChange(onUpgrade: () => void): () => void {
  const d = db();
  const handler = () => {
    currentSession()?.journalNow();
    d.close();
    onUpgrade();
    return false;
  };
  d.on('versionchange', handler);
  return () => d.on('versionchange').unsubscribe(handler);
}

export interface BootstrapResult {
  seeded: boolean;
  persisted: boolean | null;
}

/**
 * First start: ask the browser to keep our storage (no eviction), and when no project is stored
 * and the demo was never seeded here, store the demo project (texts in `lang`). The demo dataset is seeded in the
 * background by `seedData`, never blocking the UI, and its failure is only logged.
 */
export async function bootstrap(
  seedData?: (projectId: string) => Promise<void>,
  lang?: 'ja' | 'en',
): Promise<BootstrapResult> {
  let persisted: boolean | null = null;
  try {
    persisted = (await globalThis.navigator?.storage?.persist?.()) ?? null;
  } catch {
    persisted = null;
  }
  let seeded = false;
  let alreadySeeded = false;
  try {
    alreadySeeded = globalThis.localStorage?.getItem(SEEDED_KEY) === '1';
  } catch {
    /* storage blocked: fall back to the count */
  }
  // The templates (~66 kB of documents) and the demo's activity playbook are read only on a
  // first start: imported here, they are not evaluated with the page's entry on every reload.
  const seed = alreadySeeded
    ? null
    : await Promise.all([import('../model/templates'), import('../data/demo/activityPlaybook')]);
  if (seed && seed[0].getTemplate('demo')) {
    const [{ instantiateTemplate }, { demoActivityProject }] = seed;
    const d = db();
    seeded = await d.transaction('rw', d.projects, async () => {
      if ((await d.projects.count()) > 0) return false;
      // The first-start demo also shows activity data at work (issue 15); its texts are in the
      // UI language of that first start (a project keeps its texts when the language changes).
      const doc = demoActivityProject(
        instantiateTemplate('demo', { id: DEMO_PROJECT_ID, lang }),
        lang,
      );
      await d.projects.add({
        id: doc.id,
        name: doc.meta.name,
        updatedAt: doc.meta.updatedAt,
        rev: 1,
        writer: TAB_ID,
        doc,
      });
      return true;
    });
    try {
      globalThis.localStorage?.setItem(SEEDED_KEY, '1');
    } catch {
      /* ignore */
    }
    if (seeded && seedData) {
      seedData(DEMO_PROJECT_ID).catch((e) =>
        console.warn('Waymark: could not seed the demo dataset', e),
      );
    }
  }
  return { seeded, persisted };
}
