/**
 * Activity import problems: a code from the i18n `data` namespace (`activity.<code>`), its
 * params, and `message` in English for logs and tests; the CLI and app pick the language.
 */
import en from '../../i18n/en/data';
import ja from '../../i18n/ja/data';
import { fillTemplate } from '../../i18n/template';

export type ActivityIssueCode =
  | 'activity_missing_column'
  | 'activity_no_name_field'
  | 'activity_bad_time'
  | 'activity_unknown_account'
  | 'activity_ambiguous_account'
  | 'activity_future'
  | 'activity_bad_value'
  | 'activity_source_absent'
  | 'activity_unknown_source'
  /** Several files of one source: the same content twice, a pattern matching none, overlapping dates. */
  | 'activity_same_file'
  | 'activity_no_files'
  | 'activity_overlap';

export interface ActivityIssue {
  code: ActivityIssueCode;
  severity: 'fatal' | 'error' | 'warning';
  file: string;
  /** 1-based line in the file (header = 1). */
  row?: number;
  /** 1-based column and its header. */
  column?: number;
  header?: string;
  raw?: string;
  params: Record<string, string | number>;
  message: string;
}

type Fill = Record<string, string | number | undefined>;

const fill = (tpl: string, p: Fill): string => fillTemplate(tpl, p);

/** The text of an activity issue (or summary line) in a language. */
export function activityMessage(
  i: Omit<ActivityIssue, 'message' | 'severity'> & { severity?: string },
  lang: 'en' | 'ja',
): string {
  const ns = (lang === 'ja' ? ja : en).activity;
  const p: Fill = {
    ...i.params,
    file: i.file,
    row: i.row,
    column: i.column,
    header: i.header,
    raw: i.raw,
  };
  p.where = fill(ns.where, p);
  return fill(ns[i.code], p);
}

export function activitySummary(r: Record<string, string | number>, lang: 'en' | 'ja'): string {
  return fill((lang === 'ja' ? ja : en).activity.summary, r);
}
