import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlaybookDocument, readPlaybook, suggest, validatePlaybook } from './validate';
import { ROOT, demoPlaybook } from '../engine/testing/demo';

const fixture = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'playbooks', name), 'utf8'));

describe('playbook validation (fixtures under test/fixtures/playbooks)', () => {
  it('accepts the demo playbook and the demo project file', () => {
    expect(readPlaybook(fixture('demo.playbook.json'))).toMatchObject({
      ok: true,
      source: 'playbook',
    });
    expect(
      readPlaybook(JSON.parse(readFileSync(join(ROOT, 'templates', 'demo.json'), 'utf8'))),
    ).toMatchObject({ ok: true, source: 'project' });
  });

  const cases: [string, string, string, RegExp][] = [
    [
      'bad-unknown-field.json',
      'expression',
      '$.health.measures[1].expr',
      /activ_users.*did you mean `active_users`/,
    ],
    ['bad-type-error.json', 'expression', '$.ctas[2].trigger', /compare a number with text/],
    ['bad-enum.json', 'schema', '$.ctas[0].type', /expansion/],
    [
      'bad-duplicate-id.json',
      'duplicate_id',
      '$.ctas[3].id',
      /duplicate CTA id "champion_left" \(also at \$\.ctas\[1\]\.id\)/,
    ],
    ['bad-newer-version.json', 'newer_version', '$.version', /update Waymark/],
    [
      'bad-proto-key.json',
      'schema',
      '$.health.measures[2].normalise.points.__proto__',
      /"__proto__" cannot be used.*rename it/,
    ],
  ];
  for (const [file, code, path, message] of cases) {
    it(`${file}: ${code} at ${path}`, () => {
      const r = readPlaybook(fixture(file));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.issues).toHaveLength(1);
      expect(r.issues[0]).toMatchObject({ code, path });
      expect(r.issues[0].message).toMatch(message);
    });
  }

  it('bad-unknown-refs.json: unknown segment, stage and override measure, with suggestions', () => {
    const r = readPlaybook(fixture('bad-unknown-refs.json'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['unknown_measure', '$.health.overrides[0].weights.relation'],
      ['unknown_segment', '$.ctas[4].segments[1]'],
      ['unknown_stage', '$.ctas[6].stages[0]'],
    ]);
    expect(r.issues[0].message).toMatch(/did you mean "relationship"/);
    expect(r.issues[2].message).toMatch(/did you mean "onboarding"/);
  });

  it('reports the expression position and suggestion as params', () => {
    const r = readPlaybook(fixture('bad-unknown-field.json'));
    if (r.ok) throw new Error('expected issues');
    expect(r.issues[0].params).toMatchObject({ start: 0, end: 11, suggestion: 'active_users' });
  });

  it('rejects something that is not a playbook', () => {
    expect(parsePlaybookDocument([])).toMatchObject({
      ok: false,
      issues: [{ code: 'not_object' }],
    });
    expect(parsePlaybookDocument({ format: 'other' })).toMatchObject({
      ok: false,
      issues: [{ code: 'not_playbook', path: '$.format' }],
    });
    expect(parsePlaybookDocument({ schemaVersion: 99 })).toMatchObject({
      ok: false,
      issues: [{ code: 'newer_version' }],
    });
  });

  it('checks colours, bands order, normalisation fit, stage source and reserved names', () => {
    const pb = demoPlaybook();
    pb.health.requiredColor = 'gren';
    pb.health.bands[1].min = 90; // lime above green
    pb.health.measures[2].normalise = { kind: 'linear', min: 0, max: 1 }; // relationship is text
    pb.stageSource = { kind: 'field', stageField: 'stag' };
    pb.fields.fields[1].id = 'score';
    const codes = validatePlaybook(pb).map((i) => [i.code, i.path]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['unknown_color', '$.health.requiredColor'],
        ['bad_band_order', '$.health.bands[1].min'],
        ['measure_kind', '$.health.measures[2].normalise.kind'],
        ['unknown_field', '$.stageSource.stageField'],
        ['reserved_name', '$.fields.fields[1].id'],
      ]),
    );
  });

  it('suggests near and cut-short names only', () => {
    expect(suggest('activ_users', ['active_users', 'licenses'])).toBe('active_users');
    expect(suggest('relation', ['relationship', 'nps'])).toBe('relationship');
    expect(suggest('zzz', ['relationship', 'nps'])).toBeUndefined();
  });
});
