import { dictAt } from './packedDict';

/**
 * Account data held column-wise: the one shape shared by import (src/data), the engine, the
 * worker messages and storage. Typed arrays so the engine evaluates a column at a time.
 *
 * Missing values: NaN in number/date columns, MISSING_BOOL in boolean columns, -1 codes in
 * string columns. Dates are whole days since 1970-01-01 (UTC calendar days).
 */
export const MISSING_BOOL = 255;

export type NumberColumn = { type: 'number'; values: Float64Array };
export type DateColumn = { type: 'date'; values: Float64Array };
export type BooleanColumn = { type: 'boolean'; values: Uint8Array };
/** Strings and categories, dictionary-encoded: codes index into dict, -1 = missing. */
export type StringColumn = { type: 'string'; codes: Int32Array; dict: string[] };

export type Column = NumberColumn | DateColumn | BooleanColumn | StringColumn;

export interface AccountTable {
  rowCount: number;
  /** By field id (the field contract's ids). */
  columns: Record<string, Column>;
}

/**
 * The column of field `id`, if the table has one. Own properties only: a field may be named
 * `constructor`, `toString` or `__proto__`, which a plain `columns[id]` would find on
 * Object.prototype (or miss).
 */
export function columnOf(table: AccountTable, id: string): Column | undefined {
  return Object.hasOwn(table.columns, id) ? table.columns[id] : undefined;
}

/** A column map without a prototype, so any field id (even `__proto__`) is an ordinary key. */
export function newColumns(from?: Record<string, Column>): Record<string, Column> {
  const columns = Object.create(null) as Record<string, Column>;
  if (from) for (const id of Object.keys(from)) columns[id] = from[id];
  return columns;
}

const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' → days since epoch, NaN if not a valid calendar date. */
export function isoToDays(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  const y = +m[1],
    mo = +m[2],
    d = +m[3];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return NaN;
  return t / MS_PER_DAY;
}

/** days since epoch → 'YYYY-MM-DD' ('' for missing). */
export function daysToIso(days: number): string {
  if (Number.isNaN(days)) return '';
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Read one cell as a plain JS value (null = missing); for explanations and tests, not hot loops. */
export function cellValue(col: Column, row: number): number | string | boolean | null {
  switch (col.type) {
    case 'number': {
      const v = col.values[row];
      return Number.isNaN(v) ? null : v;
    }
    case 'date': {
      const v = col.values[row];
      return Number.isNaN(v) ? null : daysToIso(v);
    }
    case 'boolean': {
      const v = col.values[row];
      return v === MISSING_BOOL ? null : v === 1;
    }
    case 'string': {
      const c = col.codes[row];
      return c < 0 ? null : dictAt(col, c);
    }
  }
}

/** Builds a string column with a dictionary, interning repeated values. */
export class StringColumnBuilder {
  private readonly index = new Map<string, number>();
  readonly dict: string[] = [];
  readonly codes: Int32Array;
  /** `unset = false`: the codes start at 0, not missing (a caller that sets every row skips the fill). */
  constructor(rowCount: number, unset = true) {
    this.codes = new Int32Array(rowCount);
    if (unset) this.codes.fill(-1);
  }
  set(row: number, value: string | null): void {
    if (value === null) {
      this.codes[row] = -1;
      return;
    }
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.dict.length;
      this.dict.push(value);
      this.index.set(value, code);
    }
    this.codes[row] = code;
  }
  build(): StringColumn {
    return { type: 'string', codes: this.codes, dict: this.dict };
  }
}

/** Build a table from plain row objects (tests, small JSON inputs). Types come from the given map. */
export function tableFromRows(
  rows: ReadonlyArray<Record<string, unknown>>,
  types: Record<string, 'number' | 'integer' | 'date' | 'boolean' | 'string' | 'category'>,
): AccountTable {
  const n = rows.length;
  const columns = newColumns();
  for (const [id, type] of Object.entries(types)) {
    if (type === 'number' || type === 'integer' || type === 'date') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const v = Object.hasOwn(rows[i], id) ? rows[i][id] : undefined;
        values[i] =
          v === null || v === undefined ? NaN : type === 'date' ? isoToDays(String(v)) : Number(v);
      }
      columns[id] = type === 'date' ? { type: 'date', values } : { type: 'number', values };
    } else if (type === 'boolean') {
      const values = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = Object.hasOwn(rows[i], id) ? rows[i][id] : undefined;
        values[i] = v === null || v === undefined ? MISSING_BOOL : v ? 1 : 0;
      }
      columns[id] = { type: 'boolean', values };
    } else {
      const b = new StringColumnBuilder(n);
      for (let i = 0; i < n; i++) {
        const v = Object.hasOwn(rows[i], id) ? rows[i][id] : undefined;
        b.set(i, v === null || v === undefined ? null : String(v));
      }
      columns[id] = b.build();
    }
  }
  return { rowCount: n, columns };
}
