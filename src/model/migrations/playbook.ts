import type { MigrationStep } from './index';

/**
 * Playbook file migrations. `playbookSteps[n]` turns a version-n playbook into version n+1.
 * Like the project chain: never edit a shipped step; add one and keep each version's fixtures
 * opening (and scoring identically) in tests.
 */
export const playbookSteps: Record<number, MigrationStep> = {
  // v1 → v2: v2 only adds optional `activity` and `timeZone`; a v1 file has neither.
  1: (doc) => ({ ...doc }),
};

export type PlaybookMigration =
  | { ok: true; doc: Record<string, unknown>; migratedFrom: number }
  | { ok: false; path: string; message: string };

/** Bring a playbook document (already known to be an object with the playbook format) up to `current`. */
export function migratePlaybookDoc(
  raw: Record<string, unknown>,
  current: number,
  chain: Record<number, MigrationStep> = playbookSteps,
): PlaybookMigration {
  const from = raw.version;
  // A missing or odd version is left to the schema, which names the field.
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1 || from >= current)
    return { ok: true, doc: raw, migratedFrom: typeof from === 'number' ? from : current };
  let doc = raw;
  for (let v = from; v < current; v++) {
    const step = chain[v];
    if (!step) return { ok: false, path: '$.version', message: `no migration from version ${v}` };
    doc = { ...step(structuredClone(doc)), version: v + 1 };
  }
  return { ok: true, doc, migratedFrom: from };
}
