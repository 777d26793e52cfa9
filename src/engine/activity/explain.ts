/**
 * Which events an aggregate counted for one account: the account page and `waymark explain`
 * list them, so a number such as "3 logins in 30 days" can be traced to three file lines.
 */
import type { AggregateSpec } from '../../expr';
import { cellValue, isoToDays } from '../../table/columns';
import type { ActivityData } from '../../table/activity';
import type { CompiledPlaybook } from '../compile';
import { evalConditionMask } from '../exprBridge';
import { windowDays } from './aggregate';
import { eventsAsTable, fileOfLine } from '../../table/activity';

export interface ActivityExplanation {
  /** The aggregate as written canonically, e.g. `count(logins, 30d)`. */
  aggregate: string;
  source: string;
  /** First and last day of each window it read (two for change()). */
  windows: { from: string; to: string }[];
  /**
   * Events that counted, oldest first: line in the file (and the file, when the source was
   * read from several), local time, attributes. Max 200.
   */
  events: {
    line: number;
    file?: string;
    time: string;
    window: number;
    values: Record<string, unknown>;
  }[];
  eventCount: number;
  /** Events that counted in each window (the current one first, as in `windows`). */
  windowCounts: number[];
}

const MAX_EVENTS = 200;

export function explainActivity(
  c: CompiledPlaybook,
  data: ActivityData | undefined,
  row: number,
  asOf: string,
): ActivityExplanation[] {
  const asOfDays = isoToDays(asOf);
  return c.aggregates.map((spec) => explainOne(spec, data?.[spec.source], row, asOfDays));
}

function explainOne(
  spec: AggregateSpec,
  t: ActivityData[string] | undefined,
  row: number,
  asOfDays: number,
): ActivityExplanation {
  const wins = [windowDays(asOfDays, spec.days, spec.before)];
  if (spec.change) wins.push(windowDays(asOfDays, spec.days, spec.before + (spec.days ?? 0)));
  const out: ActivityExplanation = {
    aggregate: spec.id,
    source: spec.source,
    windows: wins.map(([lo, hi]) => ({ from: Number.isFinite(lo) ? iso(lo) : '', to: iso(hi) })),
    events: [],
    eventCount: 0,
    windowCounts: wins.map(() => 0),
  };
  if (!t || row < 0 || row + 1 >= t.offsets.length) return out;
  const mask = spec.where ? evalConditionMask(spec.where, eventsAsTable(t), asOfDays) : null;
  for (let i = t.offsets[row]; i < t.offsets[row + 1]; i++) {
    if (mask && mask[i] !== 1) continue;
    const w = wins.findIndex(([lo, hi]) => t.day[i] >= lo && t.day[i] <= hi);
    if (w < 0) continue;
    out.eventCount++;
    out.windowCounts[w]++;
    if (out.events.length >= MAX_EVENTS) continue;
    const values: Record<string, unknown> = {};
    for (const [id, col] of Object.entries(t.columns)) values[id] = cellValue(col, i);
    const at = t.files && t.files.length > 1 ? fileOfLine(t, t.line[i]) : null;
    out.events.push({
      line: at ? at.line : t.line[i],
      ...(at?.file != null ? { file: at.file } : {}),
      time: new Date(t.time[i]).toISOString().slice(0, 19).replace('T', ' '),
      window: w,
      values,
    });
  }
  return out;
}

function iso(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}
