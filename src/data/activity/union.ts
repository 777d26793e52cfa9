/**
 * Several files of one activity source (a login export per month, a seminar sheet per event…)
 * as one ActivityTable: exactly the table their rows would give if the files were one file, the
 * files' data rows concatenated in the given order. Each file is imported on its own (its own
 * report: file, row, column), then the sorted tables are merged per account by time; events
 * with equal account and time stay in file order, then in line order within a file — the order
 * a stable sort of the concatenated rows gives.
 *
 * The merged table's `line` numbers the concatenation: file k's line l becomes
 * `files[k].lineBase + l`, so lines stay unique and ascending in file order; `fileOfLine` maps
 * one back to the file and its own line (explanations, messages).
 */
import type { ActivityFileSpan, ActivityTable } from '../../table/activity';
import type { Column } from '../../table/columns';

/** Highest line of a table's events (0 when it has none). */
export function maxLine(t: ActivityTable): number {
  let m = 0;
  for (let i = 0; i < t.rowCount; i++) if (t.line[i] > m) m = t.line[i];
  return m;
}

/**
 * Merge the tables of one source's files (all linked to the same account table, `accountCount`
 * rows), in file order. One table: returned as it is (with its file named, when given).
 */
export function unionActivity(
  tables: readonly ActivityTable[],
  accountCount: number,
  names?: readonly string[],
): ActivityTable {
  if (tables.length === 0) throw new Error('unionActivity: no tables');
  const source = tables[0].source;
  const files: ActivityFileSpan[] = [];
  let base = 0;
  for (let k = 0; k < tables.length; k++) {
    files.push({ name: names?.[k] ?? String(k + 1), lineBase: base });
    base += maxLine(tables[k]);
    if (base > 0x7fffffff) throw new RangeError('unionActivity: more than 2^31 lines');
  }
  if (tables.length === 1) return names ? { ...tables[0], files } : tables[0];
  const k = tables.length;
  let n = 0;
  for (const t of tables) n += t.rowCount;
  const account = new Int32Array(n);
  const time = new Float64Array(n);
  const day = new Float64Array(n);
  const line = new Int32Array(n);
  const offsets = new Int32Array(accountCount + 1);
  /** For each output event: its table (from) and its row there (row). */
  const from = new Int32Array(n);
  const row = new Int32Array(n);
  const head = new Int32Array(k);
  const end = new Int32Array(k);
  let out = 0;
  for (let a = 0; a < accountCount; a++) {
    offsets[a] = out;
    let live = 0;
    for (let f = 0; f < k; f++) {
      const o = tables[f].offsets;
      head[f] = a + 1 < o.length ? o[a] : 0;
      end[f] = a + 1 < o.length ? o[a + 1] : 0;
      if (head[f] < end[f]) live++;
    }
    while (live > 0) {
      // The earliest head; on equal times the first file (the stable order).
      let best = -1;
      let bt = Infinity;
      for (let f = 0; f < k; f++) {
        if (head[f] >= end[f]) continue;
        const tf = tables[f].time[head[f]];
        if (best < 0 || tf < bt) {
          best = f;
          bt = tf;
        }
      }
      const t = tables[best];
      // Take the run of this file's events not later than every other head (strictly earlier
      // than a head of an earlier file, not later than one of a later file).
      let lim = Infinity;
      let limEq = Infinity;
      for (let f = 0; f < k; f++) {
        if (f === best || head[f] >= end[f]) continue;
        const tf = tables[f].time[head[f]];
        if (f < best) {
          if (tf < lim) lim = tf;
        } else if (tf < limEq) limEq = tf;
      }
      let i = head[best];
      const e = end[best];
      const lb = files[best].lineBase;
      while (i < e) {
        const ti = t.time[i];
        if (ti >= lim || ti > limEq) break;
        account[out] = a;
        time[out] = ti;
        day[out] = t.day[i];
        line[out] = lb + t.line[i];
        from[out] = best;
        row[out] = i;
        out++;
        i++;
      }
      head[best] = i;
      if (i >= e) live--;
    }
  }
  offsets[accountCount] = out;
  const columns: Record<string, Column> = {};
  for (const id of Object.keys(tables[0].columns))
    columns[id] = gatherMerged(
      tables.map((t) => t.columns[id]),
      from,
      row,
      out,
    );
  return {
    source,
    rowCount: out,
    account: out === n ? account : account.slice(0, out),
    time: out === n ? time : time.slice(0, out),
    day: out === n ? day : day.slice(0, out),
    line: out === n ? line : line.slice(0, out),
    columns,
    offsets,
    files,
  };
}

/** One attribute column of the merged table, from the files' columns (string dictionaries merged). */
function gatherMerged(
  cols: readonly (Column | undefined)[],
  from: Int32Array,
  row: Int32Array,
  n: number,
): Column {
  const first = cols[0]!;
  for (const c of cols)
    if (!c || c.type !== first.type)
      throw new Error('unionActivity: the files do not have the same attribute columns');
  if (first.type === 'string') {
    // Codes in the order values first appear across the files (file order, then code order):
    // what one concatenated file's dictionary holds when its values first appear file by file.
    const dict: string[] = [];
    const index = new Map<string, number>();
    const remap = cols.map((c) => {
      const d = (c as Extract<Column, { type: 'string' }>).dict;
      const m = new Int32Array(d.length);
      for (let j = 0; j < d.length; j++) {
        let code = index.get(d[j]);
        if (code === undefined) {
          code = dict.length;
          dict.push(d[j]);
          index.set(d[j], code);
        }
        m[j] = code;
      }
      return m;
    });
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = (cols[from[i]] as Extract<Column, { type: 'string' }>).codes[row[i]];
      codes[i] = c < 0 ? -1 : remap[from[i]][c];
    }
    return { type: 'string', codes, dict };
  }
  if (first.type === 'boolean') {
    const values = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      values[i] = (cols[from[i]] as Extract<Column, { type: 'boolean' }>).values[row[i]];
    return { type: 'boolean', values };
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++)
    values[i] = (cols[from[i]] as Extract<Column, { type: 'number' | 'date' }>).values[row[i]];
  return { type: first.type, values };
}

/** First and last local day of a table's events, ISO; null when it has none. */
export function dateSpan(t: ActivityTable): { from: string; to: string } | null {
  if (t.rowCount === 0) return null;
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < t.rowCount; i++) {
    if (t.day[i] < lo) lo = t.day[i];
    if (t.day[i] > hi) hi = t.day[i];
  }
  const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);
  return { from: iso(lo), to: iso(hi) };
}

/** Whether two date spans (ISO days, inclusive) share a day. */
export function spansOverlap(
  a: { from?: string; to?: string } | null,
  b: { from?: string; to?: string } | null,
): boolean {
  if (!a?.from || !a.to || !b?.from || !b.to) return false;
  return !(a.to < b.from || b.to < a.from);
}

export { fileOfLine } from '../../table/activity';
