import {
  TREND_DOWN,
  TREND_NEW,
  TREND_SAME,
  TREND_UP,
  type ScoreResult,
  type TrendResult,
} from './types';

/** Scores closer than this are "same": totals are sums of floats, so exact equality is too strict. */
const SAME_EPS = 1e-9;

/** Per account of `current`: up / down / same against `previous` (matched by account id), and the delta. */
export function trend(
  current: ScoreResult,
  previous: Pick<ScoreResult, 'rowCount' | 'accountIds' | 'total'>,
): TrendResult {
  const prevRow = new Map<string, number>();
  for (let i = 0; i < previous.rowCount; i++) prevRow.set(previous.accountIds[i], i);
  const direction = new Int8Array(current.rowCount);
  const delta = new Float64Array(current.rowCount);
  const counts = { up: 0, down: 0, same: 0, new: 0 };
  for (let i = 0; i < current.rowCount; i++) {
    const j = prevRow.get(current.accountIds[i]);
    const d = j === undefined ? NaN : current.total[i] - previous.total[j];
    delta[i] = d;
    if (Number.isNaN(d)) {
      direction[i] = TREND_NEW;
      counts.new++;
    } else if (d > SAME_EPS) {
      direction[i] = TREND_UP;
      counts.up++;
    } else if (d < -SAME_EPS) {
      direction[i] = TREND_DOWN;
      counts.down++;
    } else {
      direction[i] = TREND_SAME;
      counts.same++;
    }
  }
  return { direction, delta, counts };
}
