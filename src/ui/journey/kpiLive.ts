import type { KpiValue, Summary } from '../../engine';
import type { KpiItem } from '../../model';
import type { RunRow } from '../../store/db';

export type KpiLive =
  | { state: 'note' }
  | { state: 'no-run' }
  | { state: 'not-in-run'; asOf: string }
  | { state: 'value'; value: KpiValue; asOf: string; date: string };

/**
 * What the map may show for a KPI: a value only when the newest run computed this KPI with the
 * same binding it has now (else "not run"), so every number traces to a stored run.
 */
export function kpiLive(item: KpiItem, stageId: string, run: RunRow | null): KpiLive {
  if (item.measure === undefined && item.expr === undefined) return { state: 'note' };
  if (!run) return { state: 'no-run' };
  const ran = run.playbook?.stages
    .find((s) => s.id === stageId)
    ?.kpis?.find((k) => k.id === item.id);
  const summary = (run.summary as { summary?: Summary }).summary;
  const value = summary?.kpis?.find((k) => k.stage === stageId && k.id === item.id);
  const same = ran !== undefined && ran.measure === item.measure && ran.expr === item.expr;
  if (!same || !value) return { state: 'not-in-run', asOf: run.asOf };
  return { state: 'value', value, asOf: run.asOf, date: run.createdAt.slice(0, 10) };
}
