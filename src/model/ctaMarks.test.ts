import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { migrateProject } from './migrations';
import { Project } from './project';

describe('CTA marks in the project', () => {
  const v1 = JSON.parse(readFileSync('test/fixtures/project-v1.json', 'utf8'));
  it('a version-1 document without marks still opens', () => {
    expect(Project.safeParse(v1).success).toBe(true);
  });
  it('keeps marks, and rejects a bad one with its path', () => {
    const mark = {
      accountId: 'A001',
      dedupeKey: 'risk',
      state: 'snoozed',
      since: '2026-11-01',
      until: '2026-12-01',
      markedAt: '2026-11-02T09:00:00.000Z',
    };
    const ok = Project.parse({ ...v1, ctaMarks: [mark] });
    expect(ok.ctaMarks).toEqual([mark]);
    const bad = Project.safeParse({ ...v1, ctaMarks: [{ ...mark, state: 'finished' }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0].path).toEqual(['ctaMarks', 0, 'state']);
  });
  it('survives the migration chain', () => {
    const r = migrateProject({ ...v1, ctaMarks: [] });
    expect(r.ok).toBe(true);
  });
});
