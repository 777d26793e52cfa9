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
/**
 * Which of the set's files (index into ActivitySetRow.files) each event came from. Sets stored
 * before a source could hold several files have no such column: all their events are file 0.
 */
export const STORED_FILE = '@file';

const RESERVED = new Set([STORED_ACCOUNT, STORED_TIME, STORED_LINE, STORED_FILE]);

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

/**
 * An imported ActivityTable (one file's) as a plain column table that names each event's account
 * by key; `file`: its index among the set's files.
 */
export function toStoredEvents(t: ActivityTable, keys: string[], file = 0): AccountTable {
  const columns: Record<string, Column> = {
    [STORED_ACCOUNT]: { type: 'string', codes: t.account.slice(), dict: keys },
    [STORED_TIME]: { type: 'number', values: t.time.slice() },
    [STORED_LINE]: { type: 'number', values: Float64Array.from(t.line) },
    [STORED_FILE]: { type: 'number', values: new Float64Array(t.rowCount).fill(file) },
  };
  for (const [id, c] of Object.entries(t.columns)) columns[id] = c;
  return { rowCount: t.rowCount, columns };
}

/** The file index of every stored event (0 for a set stored before files had an index). */
export function fileIndexOf(events: AccountTable): Float64Array {
  const f = events.columns[STORED_FILE];
  return f && f.type === 'number' ? f.values : new Float64Array(events.rowCount);
}

/**
 * Stored event tables one after another (a set's files, then the files added to it): `shift[k]`
 * is added to table k's file indexes. String dictionaries are merged (codes renumbered).
 */
export function concatStoredEvents(parts: readonly AccountTable[], shift: readonly number[]) {
  const n = parts.reduce((s, p) => s + p.rowCount, 0);
  const ids = Object.keys(parts[0].columns);
  if (!ids.includes(STORED_FILE)) ids.push(STORED_FILE);
  const columns: Record<string, Column> = {};
  for (const id of ids) {
    const first = id === STORED_FILE ? undefined : parts[0].columns[id];
    let at = 0;
    if (first?.type === 'string') {
      const dict: string[] = [];
      const index = new Map<string, number>();
      const codes = new Int32Array(n);
      for (const p of parts) {
        const c = p.columns[id];
        if (!c || c.type !== 'string') throw new Error(`stored activity: column ${id} differs`);
        const map = new Int32Array(c.dict.length);
        for (let j = 0; j < c.dict.length; j++) {
          let code = index.get(c.dict[j]);
          if (code === undefined) {
            code = dict.length;
            dict.push(c.dict[j]);
            index.set(c.dict[j], code);
          }
          map[j] = code;
        }
        for (let i = 0; i < p.rowCount; i++) codes[at + i] = c.codes[i] < 0 ? -1 : map[c.codes[i]];
        at += p.rowCount;
      }
      columns[id] = { type: 'string', codes, dict };
    } else if (first?.type === 'boolean') {
      const values = new Uint8Array(n);
      for (const p of parts) {
        const c = p.columns[id];
        if (!c || c.type !== 'boolean') throw new Error(`stored activity: column ${id} differs`);
        values.set(c.values.subarray(0, p.rowCount), at);
        at += p.rowCount;
      }
      columns[id] = { type: 'boolean', values };
    } else {
      const values = new Float64Array(n);
      parts.forEach((p, k) => {
        if (id === STORED_FILE) {
          const f = fileIndexOf(p);
          for (let i = 0; i < p.rowCount; i++) values[at + i] = f[i] + shift[k];
        } else {
          const c = p.columns[id];
          if (!c || c.type !== first!.type)
            throw new Error(`stored activity: column ${id} differs`);
          values.set((c as { values: Float64Array }).values.subarray(0, p.rowCount), at);
        }
        at += p.rowCount;
      });
      columns[id] = { type: id === STORED_FILE ? 'number' : first!.type, values } as Column;
    }
  }
  return { rowCount: n, columns };
}

/** The stored events without file `k`'s; the later files' indexes move down by one. */
export function withoutStoredFile(events: AccountTable, k: number): AccountTable {
  const f = fileIndexOf(events);
  const keep: number[] = [];
  for (let i = 0; i < events.rowCount; i++) if (f[i] !== k) keep.push(i);
  const n = keep.length;
  const columns: Record<string, Column> = {};
  for (const [id, c] of Object.entries(events.columns)) {
    if (c.type === 'string') {
      const codes = new Int32Array(n);
      for (let j = 0; j < n; j++) codes[j] = c.codes[keep[j]];
      columns[id] = { type: 'string', codes, dict: c.dict };
    } else if (c.type === 'boolean') {
      const values = new Uint8Array(n);
      for (let j = 0; j < n; j++) values[j] = c.values[keep[j]];
      columns[id] = { type: 'boolean', values };
    } else {
      const values = new Float64Array(n);
      for (let j = 0; j < n; j++) values[j] = c.values[keep[j]];
      columns[id] = { type: c.type, values } as Column;
    }
  }
  const file = new Float64Array(n);
  for (let j = 0; j < n; j++) file[j] = f[keep[j]] > k ? f[keep[j]] - 1 : f[keep[j]];
  columns[STORED_FILE] = { type: 'number', values: file };
  return { rowCount: n, columns };
}

export interface LinkedActivity {
  table: ActivityTable;
  /** Stored events whose account key is not in the account table (left out). */
  unlinked: number;
}

/**
 * Stored events → an ActivityTable linked to the rows of `accounts` (by account key). A set of
 * several files gives the table of their concatenation in file order (as unionActivity does):
 * file k's lines are offset past the earlier files' lines, so the sort by (account, time, line)
 * keeps equal times in file order; `fileNames` name them in the table (explanations).
 */
export function linkStoredEvents(
  source: string,
  events: AccountTable,
  accounts: AccountTable,
  accountKey: string,
  fileNames?: readonly string[],
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
  const fv = fileIndexOf(events);
  // Each file's highest line, then the offsets: file k's lines follow file k−1's.
  let files = fileNames?.length ?? 0;
  for (let i = 0; i < n; i++) if (fv[i] + 1 > files) files = fv[i] + 1;
  const top = new Float64Array(files);
  for (let i = 0; i < n; i++) if (lv[i] > top[fv[i]]) top[fv[i]] = lv[i];
  const base = new Float64Array(files);
  for (let k = 1; k < files; k++) base[k] = base[k - 1] + top[k - 1];
  for (let i = 0; i < n; i++) lines[i] = base[fv[i]] + lv[i];
  const columns: Record<string, Column> = {};
  for (const [id, c] of Object.entries(events.columns)) if (!RESERVED.has(id)) columns[id] = c;
  const table = buildActivityTable(source, accounts.rowCount, {
    account,
    time: time.values,
    line: lines,
    columns,
  });
  if (fileNames && fileNames.length > 1)
    table.files = fileNames.map((name, k) => ({ name, lineBase: base[k] }));
  return { table, unlinked };
}
