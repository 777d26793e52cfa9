import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { migrateProject, type Project } from '../model';
import { renameFieldInExpression as renameFieldInSource } from '../expr';
import { checkFieldRename, expressionUsesField, fieldUsage, renameField } from './renameField';

function demo(): Project {
  const r = migrateProject(JSON.parse(readFileSync('templates/demo.json', 'utf8')));
  if (!r.ok) throw new Error('demo template invalid');
  return r.project;
}

describe('field references (via the expression language)', () => {
  it('renames identifiers token-exactly, never inside strings or longer names or function names', () => {
    expect(renameFieldInSource("nps >= 9 and nps_2 > 1 and x == 'nps'", 'nps', 'score_nps')).toBe(
      "score_nps >= 9 and nps_2 > 1 and x == 'nps'",
    );
    expect(renameFieldInSource('min(min, 3)', 'min', 'floor_v')).toBe('min(floor_v, 3)');
    expect(
      renameFieldInSource('days_since(last_meeting_date) <= 90', 'last_meeting_date', '最終面談日'),
    ).toBe('days_since(最終面談日) <= 90');
    expect(expressionUsesField("relationship == 'strong'", 'strong')).toBe(false);
  });
});

describe('renameField across a project', () => {
  it('rewrites the contract, roles and every expression, and reports the paths', () => {
    const p = demo();
    expect(fieldUsage(p, 'active_users').length).toBeGreaterThan(2);
    let changed: string[] = [];
    const q = produce(p, (d) => {
      const r = renameField(d, 'active_users', 'active_seats');
      if (r.ok) changed = r.changed;
    });
    expect(changed).toContain('$.journey.stages[1].exitCriteria[0].expr');
    expect(changed).toContain('$.health.measures[1].expr');
    expect(q.journey.stages[1].exitCriteria[0].expr).toBe('active_seats / licenses >= 0.6');
    expect(q.health.measures[1].expr).toBe('active_seats / licenses');
    expect(q.ctas.find((c) => c.id === 'shared_login')!.trigger).toBe(
      'shared_login_suspected and active_seats >= licenses',
    );
    expect(fieldUsage(q, 'active_users')).toEqual([]);
    expect(q.fields.fields.some((f) => f.id === 'active_users')).toBe(false);
  });

  it('follows the field into roles (stage source, name field)', () => {
    const q = produce(demo(), (d) => {
      renameField(d, 'stage_entered_at', 'entered_on');
      renameField(d, 'company_name', 'company');
    });
    expect(q.journey.stageSource).toEqual({
      kind: 'field',
      stageField: 'stage',
      enteredAtField: 'entered_on',
    });
    expect(q.fields.nameField).toBe('company');
  });

  it('follows the field into the experience field of the journey map', () => {
    const p = produce(demo(), (d) => {
      d.journey.experienceField = 'nps';
    });
    expect(fieldUsage(p, 'nps')).toContain('$.journey.experienceField');
    const q = produce(p, (d) => {
      renameField(d, 'nps', 'nps_score');
    });
    expect(q.journey.experienceField).toBe('nps_score');
  });

  it('refuses invalid, reserved and duplicate ids and changes nothing', () => {
    const p = demo();
    expect(checkFieldRename(p.fields, 'nps', 'has space')).toBe('invalid_id');
    expect(checkFieldRename(p.fields, 'nps', 'score')).toBe('reserved');
    expect(checkFieldRename(p.fields, 'nps', 'csat')).toBe('duplicate');
    expect(checkFieldRename(p.fields, 'nope', 'x')).toBe('unknown_field');
    const q = produce(p, (d) => {
      renameField(d, 'nps', 'csat');
    });
    expect(q).toBe(p);
  });
});
