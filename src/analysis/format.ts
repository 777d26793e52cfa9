import en from '../i18n/en/prep';
import ja from '../i18n/ja/prep';
import type { Finding } from './types';

/**
 * Finding text without i18next, for the CLI and tests: the same strings the UI shows
 * (src/i18n/{en,ja}/prep.ts), interpolated the way i18next does ({{name}}).
 */
type RuleStrings = Record<string, string>;
const TABLES: Record<'en' | 'ja', Record<string, RuleStrings>> = { en: en.rules, ja: ja.rules };

export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) =>
    k in params ? String(params[k]) : `{{${k}}}`,
  );
}

export function findingMessage(f: Finding, lang: 'en' | 'ja'): string {
  const t = TABLES[lang][f.ruleId];
  return t?.[f.messageKey] ? interpolate(t[f.messageKey], f.params) : `${f.ruleId}.${f.messageKey}`;
}

export function findingQuestion(f: Finding, lang: 'en' | 'ja'): string {
  return TABLES[lang][f.ruleId]?.question ?? '';
}

export function ruleName(ruleId: string, lang: 'en' | 'ja'): string {
  return TABLES[lang][ruleId]?.name ?? ruleId;
}
