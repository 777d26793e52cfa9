import { columnOf, type AccountTable } from '../../table/columns';
import type { ScoreResult } from '../../engine/types';
import { dictAt } from '../../table/packedDict';
import { idSlices } from '../../table/runIds';
import { csvLine } from '../../util/csvCell';

/**
 * Where accounts named by id are in the data now loaded, and their company names: what a list of
 * account ids from a stored run or a what-if preview (a migration cell) needs to show names and
 * link each account to its page. Looked up for the ids asked only (the shown slice of a cell, or
 * a whole cell for its CSV), in one pass over the loaded run's ids — no index of a million ids
 * is built for a list of 200.
 */
export interface AccountNames {
  /**
   * The row of each id in the loaded data; -1 where it is not there (an account since gone).
   * The ids are distinct (a cell's accounts are).
   */
  rowsOf(ids: readonly string[]): Int32Array;
  /** rowsOf in steps, awaiting `pause` between them (a whole cell, for its CSV). */
  rowsOfAsync(ids: readonly string[], pause: () => Promise<void>): Promise<Int32Array>;
  /** The company name at a row ('' when the data has no name field or no name there). */
  nameAt(row: number): string;
}

/** Work units (ids put in the map or read from the run) between two pauses of the async forms. */
const STEP = 50_000;

/**
 * The rows of `ids` among `accountIds` as steps: it yields after every STEP ids handled, so the
 * async form can pause between them (a whole cell of a million-account run, for its CSV, took
 * 0.5 s of CPU in one task, 1 s with its lines); the list’s 200 run through at once.
 */
function* rowSteps(
  run: Pick<ScoreResult, 'accountIds'>,
  ids: readonly string[],
): Generator<void, Int32Array> {
  const rows = new Int32Array(ids.length).fill(-1);
  if (!ids.length) return rows;
  const at = new Map<string, number>();
  for (let k = 0; k < ids.length; k++) {
    at.set(ids[k], k);
    if (k % STEP === STEP - 1) yield;
  }
  let left = at.size;
  // A slice at a time: a reloaded run's ids are made per slice and not kept (runIds.ts).
  for (const [first, xs] of idSlices(run)) {
    for (let j = 0; j < xs.length && left > 0; j++) {
      const k = at.get(xs[j]);
      if (k !== undefined) {
        rows[k] = first + j;
        at.delete(xs[j]);
        left--;
      }
      if ((first + j) % STEP === STEP - 1) yield;
    }
    if (left === 0) break;
  }
  return rows;
}

export function accountNames(
  /** The loaded run (its account ids, row by row: the table's key column). */
  run: Pick<ScoreResult, 'accountIds'>,
  table: AccountTable,
  nameField: string | undefined,
): AccountNames {
  const col = nameField ? columnOf(table, nameField) : undefined;
  const names = col?.type === 'string' ? col : null;
  return {
    rowsOf(ids) {
      const steps = rowSteps(run, ids);
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
      }
    },
    async rowsOfAsync(ids, pause) {
      const steps = rowSteps(run, ids);
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
        await pause();
      }
    },
    nameAt(row) {
      if (!names || row < 0 || row >= names.codes.length) return '';
      const c = names.codes[row];
      return c >= 0 ? dictAt(names, c) : '';
    },
  };
}

/**
 * A migration cell's accounts as CSV (the one CSV cell writer, UTF-8 with a BOM, CRLF, as the
 * app's other exports): account id, company name (empty when the account is not in the data now
 * loaded), the colour ids it went from and to.
 */
export function cellCsv(
  ids: readonly string[],
  names: AccountNames | undefined,
  from: string,
  to: string,
): string {
  const rows = names?.rowsOf(ids);
  let s = '\ufeff' + csvLine(['account_id', 'company_name', 'from_color', 'to_color']) + '\r\n';
  for (let k = 0; k < ids.length; k++)
    s += csvLine([ids[k], rows && names ? names.nameAt(rows[k]) : '', from, to]) + '\r\n';
  return s;
}

/** The page's pause between steps: a macrotask, so input and paint get in. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * cellCsv in parts (for a Blob), written in steps with a pause between them, so a cell of
 * hundreds of thousands of accounts does not hold the page (the same text as cellCsv).
 */
export async function cellCsvParts(
  ids: readonly string[],
  names: AccountNames | undefined,
  from: string,
  to: string,
  pause: () => Promise<void> = yieldToPage,
): Promise<string[]> {
  const rows = names ? await names.rowsOfAsync(ids, pause) : undefined;
  const parts = [
    '\ufeff' + csvLine(['account_id', 'company_name', 'from_color', 'to_color']) + '\r\n',
  ];
  const lines = STEP / 4;
  for (let k0 = 0; k0 < ids.length; k0 += lines) {
    if (k0 > 0) await pause();
    let s = '';
    for (let k = k0; k < Math.min(ids.length, k0 + lines); k++)
      s += csvLine([ids[k], rows && names ? names.nameAt(rows[k]) : '', from, to]) + '\r\n';
    parts.push(s);
  }
  return parts;
}
