import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { migrateProject, type Project } from '../model';
import { validatePlaybook } from './validate';
import { playbookFromProject } from '../model';
import { checkSegmentId, renameSegmentId, renameSegmentInExpression } from './renameSegment';

function demo(): Project {
  const r = migrateProject(JSON.parse(readFileSync('templates/demo.json', 'utf8')));
  if (!r.ok) throw new Error('demo template invalid');
  return r.project;
}

describe('segment literals in expressions', () => {
  it('rewrites only literals compared with segment', () => {
    expect(renameSegmentInExpression("segment == 'mid' and industry == 'mid'", 'mid', 'mm')).toBe(
      "segment == 'mm' and industry == 'mid'",
    );
    expect(renameSegmentInExpression('segment in ["smb", "mid"]', 'mid', 'mm')).toBe(
      'segment in ["smb", "mm"]',
    );
    expect(renameSegmentInExpression("'mid' != segment", 'mid', 'mm')).toBe("'mm' != segment");
    expect(renameSegmentInExpression("segment == 'middle'", 'mid', 'mm')).toBe(
      "segment == 'middle'",
    );
  });
});

describe('renameSegmentId', () => {
  it('renames the segment, the default, overrides, CTA lists and expressions in one edit', () => {
    const p = demo();
    const withRule = produce(p, (d) => {
      d.routing.rules.push({ id: 'r_smb', when: "segment == 'smb'", owner: 'CS Ops' });
    });
    let changed: string[] = [];
    const next = produce(withRule, (d) => {
      const r = renameSegmentId(d, 'smb', 'small_business');
      if (!r.ok) throw new Error(r.problem);
      changed = r.changed;
    });
    expect(next.segments.items.map((s) => s.id)).toContain('small_business');
    expect(next.segments.defaultId).toBe('small_business');
    expect(next.health.overrides.map((o) => o.segment)).toContain('small_business');
    expect(next.routing.rules.at(-1)!.when).toBe("segment == 'small_business'");
    expect(changed.length).toBeGreaterThan(0);
    expect(JSON.stringify(next)).not.toMatch(/"smb"|'smb'/);
    // Still a valid playbook: nothing refers to the old id.
    expect(validatePlaybook(playbookFromProject(next))).toEqual([]);
  });

  it('refuses an invalid or taken id and changes nothing', () => {
    const p = demo();
    expect(checkSegmentId(p.segments.items, 'smb', 'mid')).toBe('duplicate');
    expect(checkSegmentId(p.segments.items, 'smb', '1x')).toBe('invalid_id');
    expect(checkSegmentId(p.segments.items, 'nope', 'x')).toBe('unknown');
    const next = produce(p, (d) => {
      expect(renameSegmentId(d, 'smb', 'mid')).toEqual({ ok: false, problem: 'duplicate' });
    });
    expect(next).toBe(p);
  });
});
