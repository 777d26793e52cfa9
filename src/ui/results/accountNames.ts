import { columnOf, type AccountTable } from '../../table/columns';
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
  /** The company name at a row ('' when the data has no name field or no name there). */
  nameAt(row: number): string;
}

export function accountNames(
  /** The loaded run's account ids, row by row (the table's key column). */
  accountIds: readonly string[],
  table: AccountTable,
  nameField: string | undefined,
): AccountNames {
  const col = nameField ? columnOf(table, nameField) : undefined;
  const names = col?.type === 'string' ? col : null;
  return {
    rowsOf(ids) {
      const rows = new Int32Array(ids.length).fill(-1);
      if (!ids.length) return rows;
      const at = new Map<string, number>();
      ids.forEach((id, k) => at.set(id, k));
      let left = at.size;
      for (let i = 0; i < accountIds.length && left > 0; i++) {
        const k = at.get(accountIds[i]);
        if (k === undefined) continue;
        rows[k] = i;
        at.delete(accountIds[i]);
        left--;
      }
      return rows;
    },
    nameAt(row) {
      if (!names || row < 0 || row >= names.codes.length) return '';
      const c = names.codes[row];
      return c >= 0 ? names.dict[c] : '';
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
