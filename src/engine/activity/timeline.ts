/**
 * One account's activity over time, for the account page: events per week per source (weeks
 * end on the as-of day, so the last bar is the last seven days) and the last event up to the
 * as-of date. Events after the as-of date are not shown, as no aggregate counts them.
 */
import { daysToIso, isoToDays } from '../../table/columns';
import type { ActivityData } from '../../table/activity';

export interface SourceTimeline {
  source: string;
  /** Oldest first; `start` is the first day of the seven. */
  weeks: { start: string; count: number }[];
  /** Events in the whole span shown. */
  total: number;
  /** The last event on or before the as-of day, with how many days before it. */
  last: { time: string; daysBefore: number } | null;
}

export function accountTimeline(
  data: ActivityData,
  row: number,
  asOf: string,
  weeks = 26,
): SourceTimeline[] {
  const asOfDays = isoToDays(asOf);
  const first = asOfDays - 7 * weeks + 1;
  return Object.entries(data).map(([source, t]) => {
    const counts = new Array<number>(weeks).fill(0);
    let last = -1;
    if (row >= 0 && row + 1 < t.offsets.length)
      for (let i = t.offsets[row]; i < t.offsets[row + 1]; i++) {
        const d = t.day[i];
        if (d > asOfDays) continue;
        last = i; // events are sorted by time within an account
        if (d >= first) counts[Math.floor((d - first) / 7)]++;
      }
    return {
      source,
      weeks: counts.map((count, k) => ({ start: daysToIso(first + 7 * k), count })),
      total: counts.reduce((a, b) => a + b, 0),
      last:
        last < 0
          ? null
          : {
              time: new Date(t.time[last]).toISOString().slice(0, 16).replace('T', ' '),
              daysBefore: asOfDays - t.day[last],
            },
    };
  });
}
