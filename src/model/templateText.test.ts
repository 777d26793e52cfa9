import { describe, expect, it } from 'vitest';
import { instantiateTemplate, listTemplates } from './templates';
import { localiseTemplate, pickLanguage } from './templateText';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../engine/testing/demo';
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

  it('resolves {ja, en} texts outside fields and activity, leaving field labels as they are', () => {
    const doc = {
      label: { ja: '導入', en: 'Deployment' },
      list: [{ name: { ja: '現状', en: 'As-is' } }],
      fields: { fields: [{ id: 'a', label: { ja: 'ア', en: 'A' } }] },
      notText: { ja: 'x', en: 'y', extra: 1 },
    };
    expect(localiseTemplate(doc, 'ja')).toEqual({
      ...doc,
      label: '導入',
      list: [{ name: '現状' }],
    });
    expect(localiseTemplate(doc, 'en').label).toBe('Deployment');
    expect(localiseTemplate(doc, 'both').label).toBe('導入 / Deployment');
    expect(localiseTemplate({ label: { ja: 'ROI', en: 'ROI' } }, 'both').label).toBe('ROI');
  });

  // Every template writes {ja, en} texts (the demo in templates/i18n/demo.json), English-only
  // ones included: none is one "日本語 / English" string.
  const PICKER = listTemplates().map((t) => t.id);
  const sourceOf = (id: string) => {
    const i18n = join(ROOT, 'templates/i18n', `${id}.json`);
    return readFileSync(existsSync(i18n) ? i18n : join(ROOT, 'templates', `${id}.json`), 'utf8');
  };

  it('covers the demo and the PReP examples', () => {
    expect(PICKER).toEqual(
      expect.arrayContaining(['demo', 'prep-feature', 'prep-health', 'saas-4-stage']),
    );
  });
  const ACRONYM = /^[A-Z0-9 &/.-]+$/;
  const JA = /[\u3040-\u30ff\u3400-\u9fff]/;

  it('every template instantiates every text in the UI language, with a Japanese text for each', () => {
    for (const id of PICKER) {
      const raw = JSON.parse(sourceOf(id));
      expect(JSON.stringify(raw), id).not.toMatch(/[\u3040-\u9fff][^"]* \/ [A-Za-z]/);
      const ja = instantiateTemplate(id, { lang: 'ja' });
      const en = instantiateTemplate(id, { lang: 'en' });
      const texts = (p: typeof ja) =>
        [
          p.meta.description,
          ...p.health.dimensions.map((d) => d.label),
          ...p.health.measures.map((m) => m.label),
          ...p.journey.stages.map((s) => s.label),
          ...p.segments.items.map((s) => s.label),
          ...p.ctas.map((c) => c.label),
          ...p.ctas.flatMap((c) => c.steps),
          ...p.journey.stages.flatMap((s) => [
            s.definition,
            ...s.exitCriteria.map((x) => x.label),
            ...[...s.customerActions, ...s.momentsOfTruth, ...s.resources, ...s.kpis].map(
              (x) => x.text,
            ),
          ]),
          ...p.health.bands.map((b) => b.label),
          ...p.diagrams.flatMap((d) => [
            d.name,
            ...d.nodes.flatMap((n) => [n.label, n.description ?? '', ...n.holders]),
          ]),
        ].filter(Boolean);
      for (const x of texts(ja)) if (!ACRONYM.test(x)) expect(x, `${id} ja`).toMatch(JA);
      for (const x of texts(en)) expect(x, `${id} en`).not.toMatch(JA);
      const dear = ja.health.dimensions.find((d) => d.id === 'deployment');
      if (dear) expect(dear.label).toBe('導入');
      // The picker lists names in the UI language.
      const info = listTemplates().find((t) => t.id === id)!;
      expect(info.nameIn('ja')).toBe(ja.meta.name);
      expect(info.nameIn('en')).toBe(en.meta.name);
      expect(info.nameIn('en')).not.toMatch(JA);
    }
  });
});
