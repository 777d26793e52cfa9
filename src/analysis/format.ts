import en from '../i18n/en/prep';
import ja from '../i18n/ja/prep';
import { fillTemplate } from '../i18n/template';
import type { Finding } from './types';

/**
 * Finding text without i18next, for the CLI and tests: the same strings the UI shows
 * (src/i18n/{en,ja}/prep.ts), interpolated the way i18next does ({{name}}).
 */
type RuleStrings = Record<string, string>;
const TABLES: Record<'en' | 'ja', Record<string, RuleStrings>> = { en: en.rules, ja: ja.rules };

export function findingMessage(f: Finding, lang: 'en' | 'ja'): string {
  const t = TABLES[lang][f.ruleId];
  return t?.[f.messageKey]
    ? fillTemplate(t[f.messageKey], f.params)
    : `${f.ruleId}.${f.messageKey}`;
}

export function findingQuestion(f: Finding, lang: 'en' | 'ja'): string {
  return TABLES[lang][f.ruleId]?.question ?? '';
}
