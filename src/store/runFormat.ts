import type { FunnelRow, ScoreResult, Summary, TrendResult } from '../engine';

/** What a stored run keeps besides its per-account columns (RunRow.summary). */
export interface RunHeader {
  summary: Summary;
  trendCounts?: TrendResult['counts'];
  playbookName: string;
  colorIds: string[];
  segmentIds: string[];
  stageIds: string[];
  ownerIds: string[];
  ctas: ScoreResult['ctas'];
  datasetName?: string;
  dimensionIds?: string[];
  measures?: ScoreResult['measures'];
  /** By CTA: the owner field's dictionary (null for a CTA owned by a role). */
  ctaPersonDicts?: (string[] | null)[];
  /** As-of dates of the earlier runs days in stage were counted from (ScoreResult.stageHistoryRuns). */
  stageHistoryRuns?: string[];
  /** The dashboard's stage funnel (absent in runs stored before): a reload draws it at once. */
  funnel?: FunnelRow[];
}
