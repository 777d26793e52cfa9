import {
  DAYS_AT_LEAST,
  DAYS_ENTERED,
  DAYS_FIELD,
  DAYS_HISTORY,
  DAYS_NOT_IN_LAST_RUN,
  DAYS_NO_EARLIER_RUN,
  DAYS_NO_STAGE_LAST_RUN,
  type ScoreResult,
} from '../../engine';
import type { Project } from '../../model';
import { daysToIso, isoToDays } from '../../table/columns';

type T = (k: string, o?: Record<string, unknown>) => string;

/**
 * Where an account's days in stage came from, in words (results namespace): the data's field,
 * the run history since a run (with the run before it), or why it is unknown. The dates are the
 * run's own: since = as-of − days; the runs read are the result's stageHistoryRuns.
 */
export function daysSourceText(
  r: Pick<ScoreResult, 'asOf' | 'daysInStage' | 'daysSource' | 'stageHistoryRuns'>,
  row: number,
  project: Project,
  lang: string,
  t: T,
): string {
  const code = r.daysSource?.[row];
  if (code === undefined) return t('account.daysSource.notRecorded');
  const runs = r.stageHistoryRuns ?? [];
  const days = r.daysInStage[row];
  const since = days === days ? daysToIso(isoToDays(r.asOf) - days) : '';
  const before = runs.find((d) => d < since) ?? '';
  const src = project.journey.stageSource;
  const fieldId = src.kind === 'field' ? (src.enteredAtField ?? '') : '';
  const f = project.fields.fields.find((x) => x.id === fieldId);
  const field = f ? (lang.startsWith('ja') ? f.label.ja : f.label.en) || f.id : fieldId;
  const o = { since, before, asOf: r.asOf, field };
  switch (code) {
    case DAYS_FIELD:
      return t('account.daysSource.field', o);
    case DAYS_HISTORY:
      return t('account.daysSource.history', o);
    case DAYS_AT_LEAST:
      return t('account.daysSource.atLeast', o);
    case DAYS_ENTERED:
      return t('account.daysSource.entered', { ...o, before: runs[0] ?? '' });
    case DAYS_NO_EARLIER_RUN:
      return t('account.daysSource.noEarlierRun', o);
    case DAYS_NOT_IN_LAST_RUN:
      return t('account.daysSource.notInLastRun', { ...o, before: runs[0] ?? '' });
    case DAYS_NO_STAGE_LAST_RUN:
      return t('account.daysSource.noStageLastRun', { ...o, before: runs[0] ?? '' });
    default:
      return t('account.daysSource.unknown');
  }
}
