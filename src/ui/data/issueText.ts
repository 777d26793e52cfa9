import type { TFunction } from 'i18next';
import { OWN_PLACE, type ImportIssue } from '../../data';

/** An import issue in the UI language: "crm.csv, row 12, column 3 (MRR) → mrr: "abc" is not a number…". */
export function issueText(t: TFunction, i: ImportIssue, withPlace = true): string {
  const body = t(`data:issue.${i.code}`, {
    ...i.params,
    file: i.file,
    raw: i.raw ?? '',
    field: i.field ?? i.params.field ?? '',
    defaultValue: i.message,
  });
  if (!withPlace || i.row === undefined || OWN_PLACE.has(i.code)) return body;
  const place = [
    i.file,
    `${t('data:report.row')} ${i.row}`,
    i.column !== undefined
      ? `${t('data:report.column')} ${i.column}${i.header ? ` (${i.header})` : ''}`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${place}${i.field ? ` → ${i.field}` : ''}: ${body}`;
}
