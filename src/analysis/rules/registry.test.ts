import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RULES } from './index';
import { PRESETS } from '../presets';
import en from '../../i18n/en/prep';
import ja from '../../i18n/ja/prep';

/** Every rule is complete: a doc page, a severity in every preset, name and question in both languages. */
describe('rule registry', () => {
  const root = resolve(__dirname, '../../..');
  for (const rule of RULES) {
    const id = rule.meta.id;
    it(`${id} has its doc page, presets and strings`, () => {
      expect(existsSync(resolve(root, rule.meta.docs))).toBe(true);
      expect(existsSync(resolve(__dirname, `${id}.test.ts`))).toBe(true);
      for (const preset of Object.values(PRESETS)) expect(Object.keys(preset)).toContain(id);
      for (const t of [en.rules, ja.rules] as Record<string, Record<string, string>>[]) {
        expect(t[id]?.name).toBeTruthy();
        expect(t[id]?.question).toBeTruthy();
      }
    });
  }
  it('presets name no unknown rule', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const preset of Object.values(PRESETS))
      for (const k of Object.keys(preset)) expect(ids.has(k)).toBe(true);
  });
});
