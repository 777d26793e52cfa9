import { Project, PROJECT_SCHEMA_VERSION } from '../project';
import type { Project as ProjectT } from '../project';
import { formatZodIssues, type DocIssue } from '../issues';

/**
 * Migration chain. `steps[n]` turns a version-n document into version n+1. Every load and
 * import runs the chain, then validates against the current schema. Never edit a step that
 * has shipped: add a new one and keep the saved fixture of each version opening in tests.
 */
const steps: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  // 1: (v1 → v2) goes here when v2 exists.
};

export type MigrateResult =
  | { ok: true; project: ProjectT; migratedFrom: number }
  | { ok: false; issues: DocIssue[] };

export function migrateProject(raw: unknown): MigrateResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: '$', message: 'expected a JSON object (a Waymark project)' }] };
  }
  let doc = raw as Record<string, unknown>;
  const from = doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, issues: [{ path: '$.schemaVersion', message: 'missing or not a positive integer: is this a Waymark project file?' }] };
  }
  if (from > PROJECT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [{ path: '$.schemaVersion', message: `version ${from} is newer than this Waymark understands (${PROJECT_SCHEMA_VERSION}): update Waymark to open it` }],
    };
  }
  for (let v = from; v < PROJECT_SCHEMA_VERSION; v++) {
    const step = steps[v];
    if (!step) return { ok: false, issues: [{ path: '$.schemaVersion', message: `no migration from version ${v}` }] };
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  const parsed = Project.safeParse(doc);
  if (!parsed.success) return { ok: false, issues: formatZodIssues(parsed.error) };
  return { ok: true, project: parsed.data, migratedFrom: from };
}
