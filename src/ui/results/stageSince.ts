import { isoToDays } from '../../table/columns';

/**
 * Days in stage from the run history, for a stage that is inferred (no entered-at date in the
 * data): the account's runs newest first while it was in the current stage give the first run in
 * it. When the earliest stored run already had that stage, the true entry is older: the result
 * is then a lower bound ("at least N days"). Pure; the runs need not be sorted.
 */
export interface StageSince {
  /** As-of of the first run in the current streak. */
  since: string;
  /** As-of of the run before it, with another stage (null when history starts in the stage). */
  before: string | null;
  /** Days from `since` to the newest run. */
  days: number;
  /** True when history starts in this stage: the account may have entered it earlier. */
  atLeast: boolean;
}

export function stageSince(points: readonly { asOf: string; stage: string }[]): StageSince | null {
  const sorted = [...points].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
  const last = sorted[sorted.length - 1];
  if (!last || !last.stage) return null;
  let k = sorted.length - 1;
  while (k > 0 && sorted[k - 1].stage === last.stage) k--;
  return {
    since: sorted[k].asOf,
    before: k > 0 ? sorted[k - 1].asOf : null,
    days: isoToDays(last.asOf) - isoToDays(sorted[k].asOf),
    atLeast: k === 0,
  };
}
