/**
 * Compile a checked expression to one SQL expression for DuckDB or PostgreSQL with the same
 * semantics as the JS evaluators: every number is a double (fields and literals are cast, so
 * integer division never happens), x / 0 is NULL (NULLIF), min/max are NULL when any argument
 * is (LEAST/GREATEST skip NULLs, so it is spelt out), round is half away from zero with the
 * same double operations as round.ts, and SQL's own NULL logic is Kleene logic.
 */
import { pow10 } from './round';
import type { BuiltinName, CheckedExpr } from './types';

export type SqlDialect = 'duckdb' | 'postgres';

export interface SqlOptions {
  dialect: SqlDialect;
  /** SQL text reading a field, e.g. `a."active_users"`; use quoteIdent for the name. */
  column: (fieldId: string) => string;
  /** SQL text reading a built-in the query computed earlier (score, color, segment, stage, days_in_stage). */
  builtin?: (name: BuiltinName) => string;
  /** SQL text of the as-of date, e.g. `DATE '2026-11-23'`. */
  asOf: string;
}

/** Why a text cannot be written as SQL: a NUL (PostgreSQL text cannot hold one; C clients end the
 * query there) or an unpaired UTF-16 surrogate (not Unicode: UTF-8 SQL would carry U+FFFD). */
export type SqlTextProblem = 'nul' | 'surrogate';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function sqlTextProblem(s: string): SqlTextProblem | undefined {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(s)) return 'surrogate';
  return undefined;
}

/** Thrown by sqlString / quoteIdent for text that no SQL literal can carry faithfully. */
export class SqlTextError extends Error {
  constructor(
    readonly problem: SqlTextProblem,
    readonly text: string,
  ) {
    super(
      problem === 'nul'
        ? 'Text containing a NUL character cannot be written as SQL.'
        : 'Text containing an unpaired UTF-16 surrogate cannot be written as SQL.',
    );
    this.name = 'SqlTextError';
  }
}

function assertSqlText(s: string): void {
  const p = sqlTextProblem(s);
  if (p) throw new SqlTextError(p, s);
}

/**
 * A double-quoted identifier (Japanese ids included); embedded quotes doubled. Both dialects read
 * backslashes in quoted identifiers literally. Length is the caller's business (see
 * engine/sql/names.ts): PostgreSQL cuts names at 63 bytes.
 */
export function quoteIdent(name: string): string {
  assertSqlText(name);
  if (name === '') throw new Error('An empty name cannot be written as an SQL identifier.');
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * A string literal that means the same text in DuckDB and in PostgreSQL under any
 * `standard_conforming_strings` setting: quotes doubled, and no backslash ever reaches the SQL
 * text — each one is spelt `chr(92)` and concatenated. (With standard_conforming_strings=off a
 * backslash in '…' is an escape, so a value ending in one would swallow the closing quote and
 * turn what follows into SQL; a client encoding such as SJIS, whose second bytes may be 0x5C,
 * could do the same to an E'\\' escape. Writing no backslash at all rules out both.)
 */
export function sqlString(s: string): string {
  assertSqlText(s);
  const parts = s.split('\\').map((p) => "'" + p.replace(/'/g, "''") + "'");
  return parts.length === 1 ? parts[0] : '(' + parts.join(' || chr(92) || ') + ')';
}

function doubleType(d: SqlDialect): string {
  return d === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
}

/** A number literal as an exact double: parsed from its shortest round-trip text by both engines. */
export function sqlNumber(v: number, d: SqlDialect): string {
  if (!Number.isFinite(v)) throw new Error(`The number ${v} cannot be written as SQL.`);
  return `CAST('${String(v)}' AS ${doubleType(d)})`;
}

export function sqlDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`"${iso}" is not a date YYYY-MM-DD.`);
  return `DATE '${iso}'`;
}

export function toSql(expr: CheckedExpr, o: SqlOptions): string {
  const D = doubleType(o.dialect);
  const dbl = (x: string) => `CAST(${x} AS ${D})`;
  const rec = (e: CheckedExpr): string => {
    switch (e.kind) {
      case 'number':
        return sqlNumber(e.value, o.dialect);
      case 'string':
        return sqlString(e.value);
      case 'boolean':
        return e.value ? 'TRUE' : 'FALSE';
      case 'date':
        return sqlDate(e.iso);
      case 'field': {
        // Cast every field to its language type: integer columns must divide as doubles, and a
        // warehouse may hold dates, flags or codes as text or numbers (no-op casts cost nothing).
        const c = o.column(e.id);
        switch (e.type) {
          case 'number':
            return dbl(c);
          case 'date':
            return `CAST(${c} AS DATE)`;
          case 'boolean':
            return `CAST(${c} AS BOOLEAN)`;
          case 'string':
            return `CAST(${c} AS VARCHAR)`;
        }
        break;
      }
      case 'builtin': {
        if (!o.builtin)
          throw new Error(
            `The SQL for this expression needs the built-in \`${e.name}\`; pass a builtin() mapping.`,
          );
        const b = o.builtin(e.name);
        return e.type === 'number' ? dbl(b) : b;
      }
      case 'neg':
        return `(- ${rec(e.arg)})`;
      case 'not':
        return `(NOT ${rec(e.arg)})`;
      case 'arith': {
        const l = rec(e.left),
          r = rec(e.right);
        return e.op === '/' ? `(${l} / NULLIF(${r}, 0))` : `(${l} ${e.op} ${r})`;
      }
      case 'compare': {
        const op = e.op === '==' ? '=' : e.op === '!=' ? '<>' : e.op;
        return `(${rec(e.left)} ${op} ${rec(e.right)})`;
      }
      case 'logic':
        return `(${rec(e.left)} ${e.op === 'and' ? 'AND' : 'OR'} ${rec(e.right)})`;
      case 'in': {
        const items = e.list.map((v) =>
          typeof v === 'number'
            ? sqlNumber(v, o.dialect)
            : typeof v === 'string'
              ? sqlString(v)
              : v
                ? 'TRUE'
                : 'FALSE',
        );
        return `(${rec(e.arg)} ${e.negated ? 'NOT IN' : 'IN'} (${items.join(', ')}))`;
      }
      case 'call':
        return call(e);
    }
  };
  const call = (e: Extract<CheckedExpr, { kind: 'call' }>): string => {
    const a = e.args.map(rec);
    switch (e.fn) {
      case 'days_since':
        return dbl(`(${o.asOf} - ${a[0]})`);
      case 'days_until':
        return dbl(`(${a[0]} - ${o.asOf})`);
      case 'days_between':
        return dbl(`(${a[1]} - ${a[0]})`);
      case 'coalesce':
        return `COALESCE(${a.join(', ')})`;
      case 'min':
      case 'max':
        return `(CASE WHEN ${a.map((x) => `${x} IS NULL`).join(' OR ')} THEN NULL ELSE ${e.fn === 'min' ? 'LEAST' : 'GREATEST'}(${a.join(', ')}) END)`;
      case 'abs':
        return `ABS(${a[0]})`;
      case 'round': {
        const f = sqlNumber(
          pow10(e.args.length > 1 ? (e.args[1] as { value: number }).value : 0),
          o.dialect,
        );
        const x = a[0];
        const half = sqlNumber(0.5, o.dialect);
        return `(CASE WHEN ${x} < 0 THEN (- FLOOR(((- ${x}) * ${f}) + ${half})) / ${f} ELSE FLOOR((${x} * ${f}) + ${half}) / ${f} END)`;
      }
      case 'is_missing':
        return `(${a[0]} IS NULL)`;
      case 'if':
        return `(CASE WHEN ${a[0]} THEN ${a[1]} ELSE ${a[2]} END)`;
    }
  };
  return rec(expr);
}
