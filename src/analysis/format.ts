import en from '../i18n/en/prep';
import ja from '../i18n/ja/prep';
import { fillTemplate } from '../i18n/template';
import type { Finding } from './types';

/**
 * Finding text without i18next, for the CLI, reports and tests: the same strings the UI shows
 * (src/i18n/{en,ja}/prep.ts), interpolated and pluralised the way i18next does ({{name}};
 * `key_zero` for a count of 0, else `key_<plural category>` by Intl.PluralRules, e.g. _one/_other).
 */
type RuleStrings = Record<string, string>;
const TABLES: Record<'en' | 'ja', Record<string, RuleStrings>> = { en: en.rules, ja: ja.rules };

export function ruleName(ruleId: string, lang: 'en' | 'ja'): string {
  return TABLES[lang][ruleId]?.name ?? ruleId;
}

/** The variant of `key` i18next would pick for params.count (or `key` itself without a count). */
export function pluralKey(
  table: Record<string, string>,
  key: string,
  params: Record<string, string | number>,
  lang: 'en' | 'ja',
): string | undefined {
  const count = params.count;
  if (typeof count === 'number') {
    if (count === 0 && table[`${key}_zero`]) return table[`${key}_zero`];
    const cat = new Intl.PluralRules(lang).select(count);
    return table[`${key}_${cat}`] ?? table[`${key}_other`] ?? table[key];
  }
  return table[key];
}

export function findingMessage(f: Finding, lang: 'en' | 'ja'): string {
  const t = TABLES[lang][f.ruleId];
  const tpl = t && pluralKey(t, f.messageKey, f.params, lang);
  return tpl ? fillTemplate(tpl, f.params) : `${f.ruleId}.${f.messageKey}`;
}

export function findingQuestion(f: Finding, lang: 'en' | 'ja'): string {
  const t = TABLES[lang][f.ruleId];
  const tpl = t && pluralKey(t, 'question', f.params, lang);
  return tpl ? fillTemplate(tpl, f.params) : '';
}
