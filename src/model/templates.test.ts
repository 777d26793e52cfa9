import { describe, expect, it } from 'vitest';
import { brokenTemplates, getTemplate, instantiateTemplate, listTemplates } from './templates';
import { Project } from './project';

describe('templates', () => {
  it('every templates/*.json is a valid project after migration', () => {
    expect(brokenTemplates()).toEqual([]);
    expect(listTemplates().length).toBeGreaterThanOrEqual(1);
  });

  it('lists the demo first, by its name', () => {
    const first = listTemplates()[0];
    expect(first.id).toBe('demo');
    expect(first.name).toMatch(/Demo/);
  });

  it('a project from a template is a copy with a new id and fresh timestamps', () => {
    const now = '2026-12-01T00:00:00.000Z';
    const p = instantiateTemplate('demo', { name: 'Mine', now });
    const t = getTemplate('demo')!.project;
    expect(p.id).not.toBe(t.id);
    expect(p.meta).toMatchObject({
      name: 'Mine',
      createdAt: now,
      updatedAt: now,
      template: 'demo',
    });
    expect(p.journey).toEqual(t.journey);
    expect(Project.safeParse(p).success).toBe(true);
    p.journey.stages.pop();
    expect(getTemplate('demo')!.project.journey.stages.length).toBe(t.journey.stages.length);
  });

  it('keeps the template name when none is given, and fails clearly for an unknown id', () => {
    expect(instantiateTemplate('demo').meta.name).toBe(getTemplate('demo')!.name);
    expect(() => instantiateTemplate('nope')).toThrow(/no template "nope"/);
  });
});
