import { describe, expect, it } from 'vitest';
import { instantiateTemplate, listTemplates } from './templates';
import { pickLanguage } from './templateText';
import { migrateProject } from './migrations';

describe('template texts in the UI language', () => {
  it('picks the part of "日本語 / English" texts, leaving any other text as written', () => {
    expect(pickLanguage('オンボーディング / Onboarding', 'ja')).toBe('オンボーディング');
    expect(pickLanguage('オンボーディング / Onboarding', 'en')).toBe('Onboarding');
    expect(pickLanguage('SMB', 'ja')).toBe('SMB');
    expect(pickLanguage('As-is / To-be', 'ja')).toBe('As-is / To-be');
    expect(pickLanguage('a / b / c', 'en')).toBe('a / b / c');
  });

  it('instantiates every template with no bilingual text left, valid, and the template unchanged', () => {
    const bilingual = /[\u3040-\u30ff\u4e00-\u9fff][^"]* \/ [A-Za-z]/;
    for (const t of listTemplates())
      for (const lang of ['ja', 'en'] as const) {
        const p = instantiateTemplate(t.id, { lang });
        const text = JSON.stringify({ ...p, fields: undefined });
        expect(text, `${t.id} ${lang}`).not.toMatch(bilingual);
        expect(migrateProject(p).ok, `${t.id} ${lang}`).toBe(true);
        // Expressions and ids are code: unchanged.
        expect(p.health.measures.map((m) => m.expr)).toEqual(
          t.project.health.measures.map((m) => m.expr),
        );
        expect(p.journey.stages.map((s) => s.id)).toEqual(
          t.project.journey.stages.map((s) => s.id),
        );
      }
    const demo = listTemplates().find((t) => t.id === 'demo')!;
    expect(demo.project.journey.stages[0].label).toBe('オンボーディング / Onboarding');
    expect(instantiateTemplate('demo', { lang: 'en' }).journey.stages[0].label).toBe('Onboarding');
    expect(instantiateTemplate('demo', { lang: 'ja' }).segments.items[0].label).toBe(
      'エンタープライズ',
    );
  });
});
