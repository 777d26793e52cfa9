import { describe, expect, it } from 'vitest';
import { completionsAt } from './complete';
import { envFromContract } from './env';
import { TEST_CONTRACT } from './testing/fixtureContract';

const env = envFromContract(TEST_CONTRACT, 'cta', { stages: ['onboarding', 'adoption'] });
const at = (src: string) => completionsAt(src.replace('|', ''), src.indexOf('|'), env);

describe('completionsAt', () => {
  it('completes a field, built-in or function by prefix, replacing the whole word', () => {
    const c = at('nps > 1 and act|ive');
    expect(c.from).toBe(12);
    expect(c.to).toBe(18);
    expect(c.items[0]).toMatchObject({
      label: 'active_users',
      insert: 'active_users',
      kind: 'field',
      type: 'number',
    });
    expect(at('days|').items.map((i) => i.label)).toEqual(
      expect.arrayContaining(['days_in_stage', 'days_since', 'days_until', 'days_between']),
    );
    expect(at('days_s|').items[0]).toMatchObject({
      insert: 'days_since(',
      kind: 'function',
      docKey: 'functions.days_since',
    });
  });
  it('finds fields by their Japanese or English label', () => {
    expect(at('ライセンス|').items[0]).toMatchObject({ label: 'licenses', insert: 'licenses' });
    expect(at('renewal|').items[0].label).toBe('renewal_date');
    expect(at('Usage|').items[0].label).toBe('利用率');
  });
  it('offers operators after a value and names after an operator', () => {
    expect(at('nps |').items.map((i) => i.label)).toEqual(
      expect.arrayContaining(['and', 'or', '>=', 'in']),
    );
    const after = at('nps > 1 and |');
    expect(after.from).toBe(12);
    expect(after.items.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['field', 'builtin', 'function']),
    );
    expect(after.items.map((i) => i.label)).not.toContain('and');
  });
  it('offers allowed values inside quotes after a category comparison or in a list', () => {
    const c = at("plan == 'p|");
    expect(c.items.map((i) => i.insert)).toEqual(["'pro'"]);
    expect(c.from).toBe(8);
    expect(at("plan in ['free', '|").items.map((i) => i.label)).toEqual([
      'free',
      'pro',
      'エンタープライズ',
    ]);
    expect(at("stage == '|'").items.map((i) => i.label)).toEqual(['onboarding', 'adoption']);
  });
  it('offers only the built-ins of the scope', () => {
    const seg = completionsAt('sc', 2, envFromContract(TEST_CONTRACT, 'segment'));
    expect(seg.items.map((i) => i.label)).not.toContain('score');
    expect(at('sc|').items.map((i) => i.label)).toContain('score');
  });
});
