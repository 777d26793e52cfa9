import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n } from '../../i18n';
import { daysSourceText } from './daysSourceText';
import {
  DAYS_AT_LEAST,
  DAYS_ENTERED,
  DAYS_FIELD,
  DAYS_HISTORY,
  DAYS_NOT_IN_LAST_RUN,
  DAYS_NO_EARLIER_RUN,
} from '../../engine';
import { templateProject } from '../testing/testProject';

// The account page's line under the stage: where its days in stage came from, with the run dates
// derived from the run itself (since = as-of − days; the run before = the newest read before it).
initI18n('en');
const project = templateProject('demo');
const run = (source: number, days: number) => ({
  asOf: '2026-03-22',
  daysInStage: Float64Array.of(days),
  daysSource: Uint8Array.of(source),
  stageHistoryRuns: ['2026-03-15', '2026-03-08', '2026-03-01'],
});
const text = (source: number, days: number, lang = 'en') =>
  daysSourceText(run(source, days), 0, project, lang, i18next.getFixedT(lang, 'results'));

describe('daysSourceText', () => {
  it('names the runs the number came from', () => {
    expect(text(DAYS_HISTORY, 14)).toBe(
      'from the run history: since the run of 2026-03-08 (the run of 2026-03-01 had another stage)',
    );
    expect(text(DAYS_AT_LEAST, 21)).toBe(
      'from the run history, at least: in this stage in every stored run since 2026-03-01',
    );
    expect(text(DAYS_ENTERED, 0)).toBe('from the run history: entered since the run of 2026-03-15');
    expect(text(DAYS_NOT_IN_LAST_RUN, NaN)).toBe(
      'days in stage unknown: the run of 2026-03-15 does not hold this account',
    );
    expect(text(DAYS_NO_EARLIER_RUN, NaN)).toContain('no run is stored before 2026-03-22');
    expect(text(DAYS_FIELD, 3)).toMatch(/^from the data field /);
  });

  it('in Japanese too', () => {
    expect(text(DAYS_HISTORY, 14, 'ja')).toBe(
      '実行の履歴から: 2026-03-08 の実行以降(2026-03-01 の実行では別のステージ)',
    );
  });

  it('says so when the run did not record it', () => {
    const r = { ...run(DAYS_HISTORY, 14), daysSource: undefined };
    expect(daysSourceText(r, 0, project, 'en', i18next.getFixedT('en', 'results'))).toBe(
      'days in stage: where it came from was not recorded with this run',
    );
  });
});
