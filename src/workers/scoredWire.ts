import { accountIdsOf, isIdentity } from '../table/accountIds';
import { columnOf, type AccountTable, type Column } from '../table/columns';
import { dictSize, lazyDictList, packedPartsOf } from '../table/packedDict';
import type { ScoreResult } from '../engine/types';
import type { ScoreResponse } from './protocol';

/**
 * A scoring run's answer as the page uses it, and as it travels from the worker. The page holds
 * the dataset the run scored, so two parts of the answer are rebuilt there rather than sent:
 * - the account ids (a million strings cloned in the worker and again on the page, with the
 *   garbage collection of a million new strings): `accountIdsOf` the page's table, the function
 *   scoring used (for unique keys in file order it is the key column's dictionary itself),
 *   when the worker has checked that it gives the ids scored;
 * - the scored table (the dataset plus one column per activity aggregate): the page used to
 *   compute the aggregates again (`withActivity`, one task of ~0.8 s at a million accounts);
 *   now the worker sends the added columns and the page puts them after its own.
 */
export type ScoredWire = Extract<ScoreResponse, { type: 'scored' }>;
export type ScoreOutcome = Omit<ScoredWire, 'aggregates' | 'idsFromKey'> & {
  /** The scored table: the dataset plus the run's activity aggregate columns. */
  table: AccountTable;
};

/**
 * The worker's half: `dataset` is the table it was given, `outcome.table` the scored one. The ids
 * are left out when the page's `accountIdsOf(dataset, accountKey)` gives them (checked here: a
 * key field the data lacks is scored as a missing column, whose ids are '' — sent as they are).
 */
export function toWire(
  outcome: ScoreOutcome,
  dataset: AccountTable,
  accountKey: string,
): ScoredWire {
  const { table, ...rest } = outcome;
  const aggregates: Record<string, Column> = {};
  for (const [id, col] of Object.entries(table.columns))
    if (dataset.columns[id] !== col) aggregates[id] = col;
  const ids = outcome.result.accountIds;
  const page = accountIdsOf(dataset, accountKey);
  const idsFromKey =
    page === ids || (page.length === ids.length && page.every((x, i) => x === ids[i]));
  return {
    ...rest,
    result: idsFromKey ? { ...outcome.result, accountIds: [] } : outcome.result,
    idsFromKey,
    aggregates,
  };
}

/**
 * The page's half: `dataset` is its copy of the table scored (the same stored dataset), and
 * `accountKey` the playbook's key field. Equal to the outcome the worker had (scoredWire.test).
 */
export function fromWire(
  wire: ScoredWire,
  dataset: AccountTable,
  accountKey: string,
): ScoreOutcome {
  const { aggregates, idsFromKey, ...rest } = wire;
  // The same column order as withActivity: the dataset's, then each aggregate in turn.
  const table = Object.keys(aggregates).length
    ? { rowCount: dataset.rowCount, columns: { ...dataset.columns, ...aggregates } }
    : dataset;
  const result = idsFromKey ? withIds(wire.result, dataset, accountKey) : wire.result;
  return { ...rest, result, table };
}

/**
 * The answer's ids from the page's dataset. When they are the key column's dictionary (unique
 * keys in file order) and that is still packed (a reloaded or stored dataset), the run refers
 * to it (`lazyDictList`): read a value at a time (`runIds.ts`) and handed to workers as the
 * packed slices, the million strings are made only if something reads the list whole.
 */
function withIds(r: ScoreResult, dataset: AccountTable, accountKey: string): ScoreResult {
  const col = columnOf(dataset, accountKey);
  if (
    col?.type === 'string' &&
    packedPartsOf(col) &&
    dictSize(col) === dataset.rowCount &&
    isIdentity(col.codes)
  ) {
    const out = { ...r };
    lazyDictList(out, 'accountIds', col);
    return out;
  }
  return { ...r, accountIds: accountIdsOf(dataset, accountKey) };
}
