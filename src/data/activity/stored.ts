/**
 * Activity events as the app stores them: linked to an account by its key, not by its row, so
 * importing a new account table relinks the stored events instead of pointing them at whatever
 * account now sits in that row. Events whose account is no longer in the dataset are counted
 * (the run says so) and left out.
 */
import { cellValue, columnOf, type AccountTable, type Column } from '../../table/columns';
import { buildActivityTable, type ActivityTable } from '../../table/activity';

/** Reserved column names of the stored form (`@` is not allowed in an attribute id). */
export const STORED_ACCOUNT = '@account';
export const STORED_TIME = '@time';
export const STORED_LINE = '@line';

/** The account key of every account row, as text (the dictionary stored events point into). */
export function accountKeys(accounts: AccountTable, accountKey: string): string[] {
  const col = columnOf(accounts, accountKey);
  const out: string[] = new Array(accounts.rowCount);
  for (let r = 0; r < accounts.rowCount; r++) {
    const v = col ? cellValue(col, r) : null;
    out[r] = v === null ? '' : String(v);
  }
  return out;
}

/** An imported ActivityTable as a plain column table that names each event's account by key. */
export function toStoredEvents(t: ActivityTable, keys: string[]): AccountTable {
  const columns: Record<string, Column> = {
    [STORED_ACCOUNT]: { type: 'string', codes: t.account.slice(), dict: keys },
    [STORED_TIME]: { type: 'number', values: t.time.slice() },
    [STORED_LINE]: { type: 'number', values: Float64Array.from(t.line) },
  };
  for (const [id, c] of Object.entries(t.columns)) columns[id] = c;
  return { rowCount: t.rowCount, columns };
}

export interface LinkedActivity {
  table: ActivityTable;
  /** Stored events whose account key is not in the account table (left out). */
  unlinked: number;
}

/** Stored events → an ActivityTable linked to the rows of `accounts` (by account key). */
export function linkStoredEvents(
  source: string,
  events: AccountTable,
  accounts: AccountTable,
  accountKey: string,
): LinkedActivity {
  const acc = events.columns[STORED_ACCOUNT];
  const time = events.columns[STORED_TIME];
  const line = events.columns[STORED_LINE];
  if (!acc || acc.type !== 'string' || !time || time.type !== 'number' || !line)
    throw new Error(`stored activity "${source}" lacks its account, time or line column`);
  const rowOfKey = new Map<string, number>();
  const keys = accountKeys(accounts, accountKey);
  for (let r = 0; r < keys.length; r++) if (keys[r] !== '') rowOfKey.set(keys[r], r);
  // One lookup per distinct stored key, not per event.
  const rowOfCode = new Int32Array(acc.dict.length);
  for (let k = 0; k < acc.dict.length; k++) rowOfCode[k] = rowOfKey.get(acc.dict[k]) ?? -1;
  const n = events.rowCount;
  const account = new Int32Array(n);
  let unlinked = 0;
  for (let i = 0; i < n; i++) {
    const c = acc.codes[i];
    const r = c >= 0 ? rowOfCode[c] : -1;
    account[i] = r;
    if (r < 0) unlinked++;
  }
  const lines = new Int32Array(n);
  const lv = (line as { values: Float64Array }).values;
  for (let i = 0; i < n; i++) lines[i] = lv[i];
  const columns: Record<string, Column> = {};
  for (const [id, c] of Object.entries(events.columns))
    if (id !== STORED_ACCOUNT && id !== STORED_TIME && id !== STORED_LINE) columns[id] = c;
  const table = buildActivityTable(source, accounts.rowCount, {
    account,
    time: time.values,
    line: lines,
    columns,
  });
  return { table, unlinked };
}
