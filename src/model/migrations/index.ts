import { Project, PROJECT_SCHEMA_VERSION } from '../project';
import type { Project as ProjectT } from '../project';
import type { z } from 'zod';
import { formatZodIssues, protoKeyIssues, type DocIssue } from '../issues';

export type MigrationStep = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migration chain. `steps[n]` turns a version-n document into version n+1. Every load and
 * import runs the chain, then validates against the current schema. Never edit a step that
 * has shipped: add a new one and keep the saved fixture of each version opening in tests.
 */
const steps: Record<number, MigrationStep> = {
  // 1: (v1 → v2) goes here when v2 exists.
};

export type MigrateResult =
  { ok: true; project: ProjectT; migratedFrom: number } | { ok: false; issues: DocIssue[] };

export function migrateProject(raw: unknown): MigrateResult {
  return runMigrations(raw, steps, PROJECT_SCHEMA_VERSION, (doc) => Project.safeParse(doc));
}

/**
 * The chain itself, with its steps and target passed in so tests can rehearse a version bump
 * (a step runs on a copy and never sees the caller's object).
 */
export function runMigrations(
  raw: unknown,
  chain: Record<number, MigrationStep>,
  current: number,
  validate: (
    doc: unknown,
  ) => { success: true; data: ProjectT } | { success: false; error: z.ZodError },
): MigrateResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [{ path: '$', message: 'expected a JSON object (a Waymark project)' }],
    };
  }
  const proto = protoKeyIssues(raw);
  if (proto.length) return { ok: false, issues: proto };
  let doc = raw as Record<string, unknown>;
  const from = doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return {
      ok: false,
      issues: [
        {
          path: '$.schemaVersion',
          message: 'missing or not a positive integer: is this a Waymark project file?',
        },
      ],
    };
  }
  if (from > current) {
    return {
      ok: false,
      issues: [
        {
          path: '$.schemaVersion',
          message: `version ${from} is newer than this Waymark understands (${current}): update Waymark to open it`,
        },
      ],
    };
  }
  for (let v = from; v < current; v++) {
    const step = chain[v];
    if (!step)
      return {
        ok: false,
        issues: [{ path: '$.schemaVersion', message: `no migration from version ${v}` }],
      };
    try {
      doc = { ...step(structuredClone(doc)), schemaVersion: v + 1 };
    } catch (e) {
      return {
        ok: false,
        issues: [
          {
            path: '$',
            message: `could not upgrade from version ${v}: ${e instanceof Error ? e.message : String(e)}`,
          },
        ],
      };
    }
  }
  const parsed = validate(doc);
  if (!parsed.success) return { ok: false, issues: formatZodIssues(parsed.error) };
  return { ok: true, project: parsed.data, migratedFrom: from };
}
