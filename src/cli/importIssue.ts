/**
 * An import issue in the CLI's language. English is the importer's own message (the one the
 * app's English strings mirror); Japanese comes from the app's `data` namespace, so the CLI and
 * the app say the same thing in both languages.
 */
import { placedIssueText, type ImportIssue } from '../data/issues';
import ja from '../i18n/ja/data';
import { cliLanguage } from './messages';
import { fillTemplate } from '../i18n/template';

export function formatImportIssue(i: ImportIssue, lang = cliLanguage()): string {
  if (lang === 'en') return i.message;
  const tpl = (ja.issue as Record<string, string>)[i.code];
  if (tpl === undefined) return i.message;
  return placedIssueText(i, (params) => fillTemplate(tpl, params), ja.report);
}
