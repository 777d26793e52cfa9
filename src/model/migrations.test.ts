import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateProject, PROJECT_SCHEMA_VERSION } from './index';
import { runMigrations } from './migrations';

describe('migrations', () => {
  it('keeps opening the saved v1 fixture', () => {
    const raw = JSON.parse(readFileSync('test/fixtures/project-v1.json', 'utf8'));
    expect(raw.schemaVersion).toBe(1);
    const r = migrateProject(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.migratedFrom).toBe(1);
    expect(r.project.schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
    expect(r.project.id).toBe('fixture_v1');
    expect(r.project.journey.stages.map((s) => s.id)).toEqual([
      'onboarding',
      'adoption',
      'value',
      'advocate',
    ]);
    expect(r.project.asOf).toBe('2026-11-20');
  });

  it('rejects a document newer than this version, saying so', () => {
    const r = migrateProject({ schemaVersion: PROJECT_SCHEMA_VERSION + 1 });
    expect(!r.ok && r.issues[0]).toMatchObject({
      path: '$.schemaVersion',
      message: expect.stringMatching(/newer/),
    });
  });

  it.each([null, 3, 'x', [], {}, { schemaVersion: 0 }, { schemaVersion: 1.5 }])(
    'rejects %j with a located issue',
    (raw) => {
      const r = migrateProject(raw);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.issues[0].path).toMatch(/^\$/);
    },
  );

  it('does not modify the document it is given', () => {
    const raw = JSON.parse(readFileSync('test/fixtures/project-v1.json', 'utf8'));
    const copy = structuredClone(raw);
    migrateProject(raw);
    expect(raw).toEqual(copy);
  });
});

describe('the migration chain (a rehearsed version bump)', () => {
  // A pretend v2 that renamed journey.goal to journey.summit, validated by a pretend v2 schema.
  const v1ToV2 = (doc: Record<string, unknown>) => {
    const journey = doc.journey as Record<string, unknown>;
    const { goal, ...rest } = journey;
    return { ...doc, journey: { ...rest, summit: goal } };
  };
  const acceptAny = (doc: unknown) => ({ success: true as const, data: doc as never });

  it('runs each step in order and stamps the new version', () => {
    const raw = JSON.parse(readFileSync('test/fixtures/project-v1.json', 'utf8'));
    const r = runMigrations(raw, { 1: v1ToV2 }, 2, acceptAny);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const doc = r.project as unknown as {
      schemaVersion: number;
      journey: { summit: string; goal?: string };
    };
    expect(r.migratedFrom).toBe(1);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.journey.summit).toBe(raw.journey.goal);
    expect(doc.journey.goal).toBeUndefined();
    expect(raw.journey.goal).toBeDefined();
  });

  it('says which step is missing, and which one failed', () => {
    const r = runMigrations({ schemaVersion: 1 }, {}, 3, acceptAny);
    expect(!r.ok && r.issues[0].message).toBe('no migration from version 1');
    const boom = runMigrations(
      { schemaVersion: 1 },
      {
        1: () => {
          throw new Error('bad stage');
        },
      },
      2,
      acceptAny,
    );
    expect(!boom.ok && boom.issues[0].message).toMatch(
      /could not upgrade from version 1: bad stage/,
    );
  });
});
