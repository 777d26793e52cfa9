import type { TFunction } from 'i18next';
import { placedIssueText, type ImportIssue } from '../../data';

/** An import issue in the UI language: "crm.csv, row 12, column 3 (MRR) → mrr: "abc" is not a number…". */
export function issueText(t: TFunction, i: ImportIssue, withPlace = true): string {
  return placedIssueText(
    i,
    (params) => t(`data:issue.${i.code}`, { ...params, defaultValue: i.message }),
    { row: t('data:report.row'), column: t('data:report.column') },
    withPlace,
  );
}
