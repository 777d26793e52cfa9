/**
 * Activity aggregates in SQL (DuckDB, PostgreSQL): the accounts table joined to one grouped
 * subquery per source, window and filter, each column named `"wm-agg-<k>"` (canonical aggregate
 * texts are too long for PostgreSQL's 63-byte identifiers). The same rules as the engine
 * (src/engine/activity/aggregate.ts): the day of an event is CAST(time AS DATE) — the
 * timestamp column holds the local time in the playbook's zone (or the session's TimeZone is
 * that zone for a TIMESTAMPTZ) — windows are inclusive day ranges ending `before` days before
 * the as-of date, counts and sums of nothing are 0, the rest NULL, averages are SUM / COUNT in
 * doubles, last() orders by time then value.
 */
import type { ActivitySource } from '../../model';
import {
  quoteIdent as q,
  sqlDate,
  sqlString,
  toSql,
  type AggregateSpec,
  type SqlDialect,
} from '../../expr';
import { isoToDays } from '../../table/columns';
import { windowDays } from '../activity/aggregate';
import type { CompiledPlaybook } from '../compile';

export interface ActivitySqlOptions {
  dialect: SqlDialect;
  /** Table or view per source id; default the source id. Plain or schema-qualified. */
  tables?: Record<string, string>;
}

export interface ActivitySql {
  /** SQL column (alias) for each aggregate id, for the expression compiler. */
  column: Map<string, string>;
  /** `FROM` source: the accounts with the aggregate columns added, as a parenthesised query. */
  from: (accountsTable: string) => string;
}

const iso = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);

/** Null when the playbook reads no activity (the query stays as it was). */
export function activitySql(
  c: CompiledPlaybook,
  asOf: string,
  o: ActivitySqlOptions,
): ActivitySql | null {
  if (!c.aggregates.length) return null;
  const d = o.dialect;
  const D = d === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
  const asOfDays = isoToDays(asOf);
  const sources = new Map((c.playbook.activity ?? []).map((s) => [s.id, s] as const));
  const accountKey = q(c.playbook.fields.accountKey);
  const nameField = c.playbook.fields.nameField;
  const column = new Map<string, string>();
  // Subqueries keyed by source, window and filter; each computes several aggregates.
  const groups = new Map<
    string,
    { sql: (cols: string) => string; cols: string[]; alias: string }
  >();
  const selects: string[] = [];
  const lastJoins: string[] = [];

  const tableOf = (s: ActivitySource) => (o.tables?.[s.id] ?? s.id).split('.').map(q).join('.');
  const attrCol = (s: ActivitySource, id: string) => {
    const a = s.attributes.find((x) => x.id === id);
    return `e.${q(a?.column ?? id)}`;
  };
  const linkCol = (s: ActivitySource) => `e.${q(s.account.column)}`;
  const baseLink = (s: ActivitySource) =>
    s.account.match === 'key' ? `base.${accountKey}` : `base.${q(nameField ?? '')}`;
  const day = (s: ActivitySource) => `CAST(e.${q(s.time.column)} AS DATE)`;
  const windowCond = (s: ActivitySource, days: number | undefined, before: number) => {
    const [lo, hi] = windowDays(asOfDays, days, before);
    const upper = `${day(s)} <= ${sqlDate(iso(hi))}`;
    return Number.isFinite(lo) ? `${day(s)} >= ${sqlDate(iso(lo))} AND ${upper}` : upper;
  };
  const whereCond = (s: ActivitySource, spec: AggregateSpec) =>
    spec.where
      ? ` AND (${toSql(spec.where, { dialect: d, column: (id) => attrCol(s, id), asOf: sqlDate(asOf) })}) IS TRUE`
      : '';

  /** The SQL column of one aggregate over one window (registered in a group). */
  const aggColumn = (spec: AggregateSpec, before: number): string => {
    const s = sources.get(spec.source);
    if (!s) throw new Error(`activity source "${spec.source}" is not declared`);
    const key = `${spec.source}\u0000${spec.days}\u0000${before}\u0000${spec.where ? JSON.stringify(spec.where, (k, v) => (k === 'start' || k === 'end' ? undefined : v)) : ''}`;
    let g = groups.get(key);
    if (!g) {
      const alias = `wm_g${groups.size}`;
      const cond = windowCond(s, spec.days, before) + whereCond(s, spec);
      g = {
        alias,
        cols: [],
        sql: (cols) =>
          `LEFT JOIN (\n    SELECT ${linkCol(s)} AS wm_k, ${cols}\n    FROM ${tableOf(s)} e\n    WHERE ${cond}\n    GROUP BY ${linkCol(s)}\n  ) ${alias} ON ${alias}.wm_k = ${baseLink(s)}`,
      };
      groups.set(key, g);
    }
    const x = spec.attr !== undefined ? attrCol(s, spec.attr) : '';
    const dx = `CAST(${x} AS ${D})`;
    let expr: string;
    let coalesce0 = false;
    switch (spec.fn) {
      case 'count':
        expr = `COUNT(*)`;
        coalesce0 = true;
        break;
      case 'sum':
        expr = `SUM(${dx})`;
        coalesce0 = true;
        break;
      case 'avg':
        expr = `CASE WHEN COUNT(${x}) = 0 THEN NULL ELSE SUM(${dx}) / CAST(COUNT(${x}) AS ${D}) END`;
        break;
      case 'min':
        expr = `MIN(${dx})`;
        break;
      case 'max':
        expr = `MAX(${dx})`;
        break;
      case 'count_distinct':
        expr = `COUNT(DISTINCT ${x})`;
        coalesce0 = true;
        break;
      case 'days_since':
        expr = `${sqlDate(asOf)} - MAX(${day(s)})`;
        break;
      default:
        throw new Error(`aggregate ${spec.fn} has no grouped form`);
    }
    let k = g.cols.indexOf(expr);
    if (k < 0) k = g.cols.push(expr) - 1;
    const ref = `${g.alias}.wm_v${k}`;
    return coalesce0 ? `CAST(COALESCE(${ref}, 0) AS ${D})` : `CAST(${ref} AS ${D})`;
  };

  c.aggregates.forEach((spec, k) => {
    // Quoted with a hyphen, which no field id can hold: base.* can never shadow it.
    const alias = q(`wm-agg-${k}`);
    column.set(spec.id, alias);
    let sql: string;
    if (spec.fn === 'last') sql = lastSql(spec, k);
    else if (spec.change) {
      const cur = aggColumn(spec, spec.before);
      const prev = aggColumn(spec, spec.before + (spec.days as number));
      sql = `CASE WHEN ${prev} IS NULL OR ${prev} = 0 THEN NULL ELSE (${cur} - ${prev}) / ${prev} END`;
    } else sql = aggColumn(spec, spec.before);
    selects.push(`${sql} AS ${alias}`);
  });

  /** last(): the latest event's value (ties: the greater value), by a ranked subquery. */
  function lastSql(spec: AggregateSpec, k: number): string {
    const s = sources.get(spec.source)!;
    const a = s.attributes.find((x) => x.id === spec.attr)!;
    const x = attrCol(s, a.id);
    const rank =
      a.type === 'number'
        ? `CAST(${x} AS ${D})`
        : a.type === 'boolean'
          ? `CASE WHEN ${x} THEN 1 WHEN NOT ${x} THEN 0 END`
          : `CASE ${x}${(a.values ?? []).map((v, i) => ` WHEN ${sqlString(v)} THEN ${i}`).join('')} END`;
    const alias = `wm_l${k}`;
    const cond = windowCond(s, spec.days, spec.before) + whereCond(s, spec);
    lastJoins.push(
      `LEFT JOIN (\n    SELECT wm_k, wm_v FROM (\n      SELECT ${linkCol(s)} AS wm_k, ${x} AS wm_v, ROW_NUMBER() OVER (PARTITION BY ${linkCol(s)} ORDER BY e.${q(s.time.column)} DESC, ${rank} DESC) AS wm_n\n      FROM ${tableOf(s)} e\n      WHERE ${cond} AND ${rank} IS NOT NULL\n    ) wm_r WHERE wm_n = 1\n  ) ${alias} ON ${alias}.wm_k = ${baseLink(s)}`,
    );
    return a.type === 'number' ? `CAST(${alias}.wm_v AS ${D})` : `${alias}.wm_v`;
  }

  return {
    column,
    from: (accounts) => {
      const joins = [...groups.values()].map((g) =>
        g.sql(g.cols.map((c, i) => `${c} AS wm_v${i}`).join(', ')),
      );
      return `(\n  SELECT base.*,\n    ${selects.join(',\n    ')}\n  FROM ${accounts} base\n  ${[...joins, ...lastJoins].join('\n  ')}\n)`;
    },
  };
}
