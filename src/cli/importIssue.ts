/**
 * An import issue in the CLI's language. English is the importer's own message (the one the
 * app's English strings mirror); Japanese comes from the app's `data` namespace, so the CLI and
 * the app say the same thing in both languages.
 */
import { OWN_PLACE, type ImportIssue } from '../data';
import ja from '../i18n/ja/data';
import { cliLanguage } from './messages';
import { fillTemplate } from '../i18n/template';

const fill = fillTemplate;

export function formatImportIssue(i: ImportIssue, lang = cliLanguage()): string {
  if (lang === 'en') return i.message;
  const tpl = (ja.issue as Record<string, string>)[i.code];
  if (tpl === undefined) return i.message;
  const body = fill(tpl, {
    ...i.params,
    file: i.file,
    raw: i.raw ?? '',
    field: i.field ?? i.params.field ?? '',
  });
  if (i.row === undefined || OWN_PLACE.has(i.code)) return body;
  const place = [
    i.file,
    `${ja.report.row} ${i.row}`,
    i.column !== undefined
      ? `${ja.report.column} ${i.column}${i.header ? ` (${i.header})` : ''}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${place}${i.field ? ` → ${i.field}` : ''}: ${body}`;
}
