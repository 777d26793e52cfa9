import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '../i18n/resources';
import { checkExpression } from './check';
import { envFromContract } from './env';
import { lineColumn, localiseExprError } from './localise';
import { TEST_CONTRACT } from './testing/fixtureContract';
import bad from '../../test/fixtures/expr/bad-expressions.json';
import type { Scope } from './types';

async function translator(lng: 'en' | 'ja') {
  const i = i18next.createInstance();
  await i.init({ lng, resources, ns: ['expr'], defaultNS: 'expr' });
  return i.t.bind(i) as (k: string, p?: Record<string, unknown>) => string;
}

describe('localiseExprError', () => {
  it('gives the English message the checker gives, for every fixture', async () => {
    const t = await translator('en');
    for (const c of bad.cases) {
      const r = checkExpression(c.src, envFromContract(TEST_CONTRACT, c.scope as Scope));
      if (r.ok) throw new Error(c.src);
      for (const e of r.errors) expect(localiseExprError(e, t)).toBe(e.message);
    }
  });
  it('translates to Japanese with the suggestion and type names', async () => {
    const t = await translator('ja');
    const r = checkExpression('activ_users > 3', envFromContract(TEST_CONTRACT, 'cta'));
    if (r.ok) throw new Error('unexpected');
    expect(localiseExprError(r.errors[0], t)).toBe(
      '項目 `activ_users` はありません。もしかして `active_users` ですか？項目定義の項目IDを使ってください。',
    );
    const r2 = checkExpression('nps', envFromContract(TEST_CONTRACT, 'criterion'));
    if (r2.ok) throw new Error('unexpected');
    expect(localiseExprError(r2.errors[0], t)).toContain(
      '完了条件の結果は真偽値でなければなりませんが、数値になっています',
    );
  });
  it('finds line and column of an offset', () => {
    expect(lineColumn('a and\n  b', 8)).toEqual({ line: 2, column: 3 });
  });
});

describe('syntax errors in Japanese', () => {
  it('translates the parser detail too', async () => {
    const t = await translator('ja');
    const r = checkExpression('nps >=', envFromContract(TEST_CONTRACT, 'cta'));
    if (r.ok) throw new Error('unexpected');
    expect(r.errors[0].message).toBe('Syntax error: a value is missing after `>=`.');
    expect(localiseExprError(r.errors[0], t)).toBe('構文エラー: `>=` の後に値がありません。');
  });
});
