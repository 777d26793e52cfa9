import { describe, expect, it } from 'vitest';
import demo from '../../templates/demo.json';
import bad from '../../test/fixtures/expr/bad-expressions.json';
import { FieldContract } from '../model/fields';
import { checkExpression } from './check';
import { envFromContract } from './env';
import { TEST_CONTRACT } from './testing/fixtureContract';
import type { Scope } from './types';

describe('checkExpression: bad input (test/fixtures/expr/bad-expressions.json)', () => {
  for (const c of bad.cases) {
    it(`${c.scope}: ${JSON.stringify(c.src)} → ${c.code}`, () => {
      const r = checkExpression(c.src, envFromContract(TEST_CONTRACT, c.scope as Scope));
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const e = r.errors[0];
      expect({ code: e.code, start: e.start, end: e.end, suggestion: e.suggestion }).toEqual({
        code: c.code,
        start: c.start,
        end: c.end,
        suggestion: 'suggestion' in c ? c.suggestion : undefined,
      });
      expect(e.message.length).toBeGreaterThan(10);
      expect(e.message).not.toMatch(/\{\w+\}/);
    });
  }

  it('phrases the unknown-field error as the issue asks', () => {
    const r = checkExpression('activ_users > 3', envFromContract(TEST_CONTRACT, 'cta'));
    expect(!r.ok && r.errors[0].message).toContain(
      '`activ_users` — did you mean `active_users`?'.slice(1),
    );
  });

  it('reports every independent error, not only the first', () => {
    const r = checkExpression(
      "activ_users > 3 and plan == 'gold' and days_sinse(x)",
      envFromContract(TEST_CONTRACT, 'cta'),
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors.map((e) => e.code)).toEqual([
        'unknown_field',
        'unknown_category_value',
        'unknown_field',
        'unknown_function',
      ]);
  });

  it('checks built-in values the engine knows', () => {
    const env = envFromContract(TEST_CONTRACT, 'cta', {
      stages: ['onboarding', 'adoption'],
      colors: ['green', 'red'],
    });
    const r = checkExpression("stage == 'onbaording' or color == 'red'", env);
    expect(!r.ok && r.errors[0]).toMatchObject({
      code: 'unknown_category_value',
      suggestion: "'onboarding'",
      start: 9,
      end: 21,
    });
  });
});

describe('checkExpression: good input', () => {
  const env = envFromContract(TEST_CONTRACT, 'cta');
  it('types and lists fields in order of appearance', () => {
    const r = checkExpression(
      "利用率 >= 0.5 and plan in ['pro', 'エンタープライズ'] and days_in_stage > 30 and 利用率 < 2",
      env,
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.type).toBe('boolean');
      expect(r.fields).toEqual(['利用率', 'plan']);
      expect(r.builtins).toEqual(['days_in_stage']);
    }
  });

  it('gives `not` lower precedence than comparisons, as SQL does', () => {
    const r = checkExpression('not nps > 7 and champion_left', env);
    expect(
      r.ok && r.expr.kind === 'logic' && r.expr.left.kind === 'not' && r.expr.left.arg.kind,
    ).toBe('compare');
  });

  it('accepts double-quoted strings, escapes and unicode spaces', () => {
    expect(checkExpression('industry == "O\'Brien & co"', env).ok).toBe(true);
    expect(checkExpression("industry == 'O\\'Brien & co'", env).ok).toBe(true);
    expect(checkExpression('nps\u3000>=\u30007', env).ok).toBe(true);
  });

  it('folds a negative literal and keeps spans exact', () => {
    const r = checkExpression('nps > -1.5', env);
    expect(r.ok && r.expr.kind === 'compare' && r.expr.right).toMatchObject({
      kind: 'number',
      value: -1.5,
      start: 6,
      end: 10,
    });
  });

  it('accepts every expression of the demo project in its scope', () => {
    const contract = FieldContract.parse(demo.fields);
    const known = {
      stages: demo.journey.stages.map((s) => s.id),
      segments: demo.segments.items.map((s) => s.id),
      colors: demo.health.bands.map((b) => b.id),
    };
    const cases: Array<[string, Scope]> = [
      ...demo.segments.items
        .filter((s) => s.when.trim() !== '')
        .map((s): [string, Scope] => [s.when, 'segment']),
      ...demo.health.measures.map((m): [string, Scope] => [m.expr, 'measure']),
      ...demo.journey.stages.flatMap((s) =>
        s.exitCriteria.map((c): [string, Scope] => [c.expr, 'criterion']),
      ),
      ...demo.ctas.map((c): [string, Scope] => [c.trigger, 'cta']),
      ...demo.routing.rules.map((r): [string, Scope] => [r.when, 'routing']),
    ];
    expect(cases.length).toBeGreaterThan(20);
    for (const [src, scope] of cases) {
      const r = checkExpression(src, envFromContract(contract, scope, known));
      expect(r.ok ? 'ok' : `${src}: ${r.errors[0].message}`).toBe('ok');
    }
  });
});
