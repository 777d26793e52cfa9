import { describe, expect, it } from 'vitest';
import { emptyProject, formatZodIssues, Project } from './index';

describe('project schema', () => {
  it('accepts a new empty project', () => {
    expect(Project.safeParse(emptyProject('New')).success).toBe(true);
  });

  it('locates problems by JSON path', () => {
    const p = emptyProject('x') as unknown as Record<string, unknown>;
    const bad = {
      ...p,
      meta: { ...(p.meta as object), name: '' },
      fields: { accountKey: '1bad', fields: [] },
    };
    const r = Project.safeParse(bad);
    expect(r.success).toBe(false);
    const paths = formatZodIssues(r.error!).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.meta.name', '$.fields.accountKey']));
  });

  it('accepts Japanese identifiers (field ids users write in expressions)', () => {
    const p = emptyProject('x');
    p.fields.fields.push({
      id: '契約金額',
      label: { ja: '契約金額', en: 'Contract value' },
      type: 'number',
      required: false,
    });
    expect(Project.safeParse(p).success).toBe(true);
  });

  it('requires two to six colour bands', () => {
    const p = emptyProject('x');
    p.health.bands = p.health.bands.slice(0, 1);
    expect(Project.safeParse(p).success).toBe(false);
  });
});
