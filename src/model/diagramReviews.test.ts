import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { migrateProject } from './migrations';

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

/** Diagram.reviews (accepted / dismissed findings) is optional: old documents open unchanged. */
describe('finding reviews stored with a diagram', () => {
  it('a project saved before reviews existed still opens, without the field', () => {
    const m = migrateProject(read('test/fixtures/project-v1.json'));
    expect(m.ok).toBe(true);
    if (m.ok) for (const d of m.project.diagrams) expect(d.reviews).toBeUndefined();
  });

  it('reviews round-trip through a load', () => {
    const raw = read('test/fixtures/prep/sales-proposal.json') as {
      diagrams: Record<string, unknown>[];
    };
    const review = {
      key: 'single-person-dependency@kh',
      status: 'dismissed',
      note: '田中さんも対応可能',
      at: '2026-12-03T10:00:00.000Z',
    };
    raw.diagrams[0].reviews = [review];
    const m = migrateProject(raw);
    expect(m.ok && m.project.diagrams[0].reviews).toEqual([review]);
  });

  it('a bad review status is reported with its JSON path (test/fixtures/bad/prep-review-status.json)', () => {
    const m = migrateProject(read('test/fixtures/bad/prep-review-status.json'));
    expect(m.ok).toBe(false);
    if (!m.ok) {
      expect(m.issues[0].path).toBe('$.diagrams[0].reviews[0].status');
      expect(m.issues[0].message).toMatch(/accepted.*dismissed/);
    }
  });
});
