/**
 * A playbook compiled to one SQL query (CTEs) for DuckDB or PostgreSQL, computing per account
 * what scoreTable computes, with the same double operations in the same order so results are
 * bit-identical: segment, raw values and points per measure, weights rescaled over the
 * available measures, total, colour, coverage, dimension scores, exit-criteria status, stage,
 * days in stage, progress, owner and CTAs fired (after dedupe).
 *
 * Nothing in the playbook can change what the query means (docs/reliability.md, "SQL"):
 * - the accounts table is read once, in `wm_in`, each used field aliased to `wm_f_<index>`; later
 *   CTEs see only those aliases and the query's own `wm_*` columns, so a field called `wm_score`
 *   (in any case) cannot shadow an internal column;
 * - every value is a literal from sqlString (no backslash ever reaches the SQL text) or a quoted
 *   identifier; text SQL cannot carry is refused first (sqlSafety.ts);
 * - output names fit PostgreSQL's 63 bytes and are distinct (names.ts);
 * - rows come out in one order: account id in byte order ("C"), then every column.
 */
import type { Normalisation } from '../../model';
import {
  quoteIdent as q,
  sqlDate,
  sqlNumber,
  sqlString,
  toSql,
  type BuiltinName,
  type SqlDialect,
} from '../../expr';
import { categoryPoints, numericPoints } from '../normalise';
import type { CompiledExpr, CompiledPlaybook } from '../compile';
import { SQL_COLUMNS } from './columns';
import { sqlOutputNames, type SqlOutputNames } from './names';
import { sqlIssues, SqlUnsafeError } from './sqlSafety';
import { activitySql } from './activitySql';

export { SQL_COLUMNS };

export interface SqlCompileOptions {
  dialect: SqlDialect;
  /** The accounts table or view; plain or schema-qualified (quoted per part). */
  table?: string;
  /** Overrides the compiled as-of date. */
  asOf?: string;
  /** Activity table or view per source id (default: the source id); see activitySql.ts. */
  activityTables?: Record<string, string>;
}

const BUILTIN_COL: Record<BuiltinName, string> = {
  segment: 'wm_segment',
  score: 'wm_score',
  color: 'wm_color',
  stage: 'wm_stage',
  days_in_stage: 'wm_days',
};

export function playbookToSql(c: CompiledPlaybook, o: SqlCompileOptions): string {
  const d = o.dialect;
  const asOf = o.asOf ?? c.asOf;
  if (asOf === undefined) throw new Error('playbookToSql: no as-of date');
  const asOfSql = sqlDate(asOf);
  const num = (v: number) => sqlNumber(v, d);
  const D = d === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
  const issues = sqlIssues(c, d);
  if (issues.length) throw new SqlUnsafeError(issues);
  const table = (o.table ?? 'accounts').split('.').map(q).join('.');
  // Activity aggregates are columns of the accounts joined to their grouped subqueries.
  const act = activitySql(c, asOf, {
    dialect: d,
    ...(o.activityTables ? { tables: o.activityTables } : {}),
  });
  // Fields are read once, in wm_in, under aliases no field id can take over (see the header);
  // so are the aggregates (wm_a_<k>).
  const fieldIndex = new Map(c.playbook.fields.fields.map((f, i) => [f.id, i] as const));
  const usedFields = new Set<number>();
  const usedAggs = new Map<string, string>();
  const col = (f: string) => {
    const agg = act?.column.get(f);
    if (agg !== undefined) {
      let alias = usedAggs.get(agg);
      if (alias === undefined) usedAggs.set(agg, (alias = `wm_a_${usedAggs.size}`));
      return alias;
    }
    const i = fieldIndex.get(f);
    if (i === undefined) throw new Error(`playbookToSql: unknown field ${JSON.stringify(f)}`);
    usedFields.add(i);
    return `wm_f_${i}`;
  };
  const ex = (e: CompiledExpr) =>
    toSql(e.checked, {
      dialect: d,
      column: col,
      builtin: (b) => BUILTIN_COL[b],
      asOf: asOfSql,
    });
  const segCase = (parts: string[], fallback: string) => {
    // CASE over segments; one branch per segment whose value differs from the fallback.
    const whens = c.segmentIds
      .map((id, s) =>
        parts[s] === fallback ? '' : ` WHEN wm_segment = ${sqlString(id)} THEN ${parts[s]}`,
      )
      .join('');
    return whens ? `CASE${whens} ELSE ${fallback} END` : fallback;
  };
  const mode = <T>(xs: T[], key: (x: T) => string): string => {
    const counts = new Map<string, number>();
    for (const x of xs) counts.set(key(x), (counts.get(key(x)) ?? 0) + 1);
    let best = key(xs[0]);
    for (const [k, n] of counts) if (n > counts.get(best)!) best = k;
    return best;
  };
  const ctes: string[] = [];

  // 1. segment
  const segWhens = c.segmentRules
    .map((r) => ` WHEN (${ex(r.expr)}) IS TRUE THEN ${sqlString(c.segmentIds[r.index])}`)
    .join('');
  const segSql = segWhens
    ? `CASE${segWhens} ELSE ${sqlString(c.segmentIds[c.defaultSegment])} END`
    : sqlString(c.segmentIds[c.defaultSegment]);
  ctes.push(`wm_seg AS (\n  SELECT s.*, ${segSql} AS wm_segment\n  FROM wm_in s\n)`);

  // 2. raw values, then points (before the missing policy), then final points
  const raws = c.measures.map((m, k) => `(${ex(m.expr)}) AS wm_raw_${k}`);
  ctes.push(
    `wm_raw AS (\n  SELECT s.*${raws.map((r) => ',\n    ' + r).join('')}\n  FROM wm_seg s\n)`,
  );
  const pts0 = c.measures.map((m, k) => {
    const raw = `wm_raw_${k}`;
    const parts = m.normBySegment.map((nm) => pointsSql(nm, raw, m.rawKind, m.invert, num));
    const fallback = mode(parts, (x) => x);
    return `CAST(CASE WHEN ${raw} IS NULL THEN NULL ELSE ${segCase(parts, fallback)} END AS ${D}) AS wm_p0_${k}`;
  });
  ctes.push(
    `wm_pts0 AS (\n  SELECT r.*${pts0.map((p) => ',\n    ' + p).join('')}\n  FROM wm_raw r\n)`,
  );
  const wOf = (k: number) => {
    const parts = Array.from(c.measures[k].weightBySegment, (w) => num(w));
    return segCase(
      parts,
      mode(parts, (x) => x),
    );
  };
  const pts = c.measures.map((_, k) =>
    c.missing === 'zero'
      ? `COALESCE(wm_p0_${k}, ${num(0)}) AS wm_p_${k}`
      : `wm_p0_${k} AS wm_p_${k}`,
  );
  const availTerms = c.measures.map(
    (_, k) => `(CASE WHEN wm_p_${k} IS NULL THEN ${num(0)} ELSE ${wOf(k)} END)`,
  );
  const valueTerms = c.measures.map(
    (_, k) => `(CASE WHEN wm_p0_${k} IS NULL THEN ${num(0)} ELSE ${wOf(k)} END)`,
  );
  const totalW = c.measures.length ? c.measures.map((_, k) => wOf(k)).join(' + ') : num(0);
  ctes.push(
    `wm_pts AS (\n  SELECT p.*${pts.map((p) => ',\n    ' + p).join('')}\n  FROM wm_pts0 p\n)`,
    `wm_w AS (\n  SELECT p.*,\n    ${availTerms.length ? availTerms.join(' + ') : num(0)} AS wm_avail,\n    ${valueTerms.length ? valueTerms.join(' + ') : num(0)} AS wm_valw,\n    ${totalW} AS wm_totw\n  FROM wm_pts p\n)`,
  );
  const contrib = (k: number) =>
    `(CASE WHEN wm_p_${k} IS NULL THEN ${num(0)} ELSE (wm_p_${k} * ${wOf(k)}) / wm_avail END)`;
  const totalSql = c.measures.length
    ? `CASE WHEN wm_avail > 0 THEN ${c.measures.map((_, k) => contrib(k)).join(' + ')} ELSE NULL END`
    : 'NULL';
  const dims = c.dimensionIds.map((dim, di) => {
    const ks = c.measures.flatMap((m, k) => (m.dimIndex === di ? [k] : []));
    if (!ks.length) return `CAST(NULL AS ${D}) AS wm_dim_${di}`;
    const numer = ks
      .map((k) => `(CASE WHEN wm_p_${k} IS NULL THEN ${num(0)} ELSE wm_p_${k} * ${wOf(k)} END)`)
      .join(' + ');
    const denom = ks
      .map((k) => `(CASE WHEN wm_p_${k} IS NULL THEN ${num(0)} ELSE ${wOf(k)} END)`)
      .join(' + ');
    return `CASE WHEN ${denom} > 0 THEN (${numer}) / (${denom}) ELSE NULL END AS wm_dim_${di}`;
  });
  const contribCols = c.measures.map(
    (_, k) => `CASE WHEN wm_avail > 0 THEN ${contrib(k)} ELSE NULL END AS wm_c_${k}`,
  );
  ctes.push(
    `wm_total AS (\n  SELECT w.*,\n    CAST(${totalSql} AS ${D}) AS wm_score,\n    CASE WHEN wm_totw > 0 THEN wm_valw / wm_totw ELSE ${num(0)} END AS wm_coverage${dims.map((x) => ',\n    ' + x).join('')}${contribCols.map((x) => ',\n    ' + x).join('')}\n  FROM wm_w w\n)`,
  );

  // 3. colour
  const bandParts = c.bandsBySegment.map((bands) => {
    const whens = bands
      .map(
        ({ band }) =>
          ` WHEN wm_score ${band.inclusive ? '>=' : '>'} ${num(band.min)} THEN ${sqlString(band.id)}`,
      )
      .join('');
    return `CASE${whens} ELSE NULL END`;
  });
  const colorSql = `CASE WHEN wm_score IS NULL THEN NULL ELSE ${segCase(
    bandParts,
    mode(bandParts, (x) => x),
  )} END`;
  ctes.push(`wm_col AS (\n  SELECT t.*, ${colorSql} AS wm_color\n  FROM wm_total t\n)`);

  // 4. criteria, stage, days in stage, progress, ready
  const crit: { stage: number; k: number; required: boolean; id: string }[] = [];
  const critCols: string[] = [];
  c.stages.forEach((st, si) =>
    st.criteria.forEach((cr) => {
      const k = crit.length;
      crit.push({ stage: si, k, required: cr.required, id: cr.id });
      critCols.push(`(${ex(cr.expr)}) AS wm_cr_${k}`);
    }),
  );
  ctes.push(
    `wm_crit AS (\n  SELECT t.*${critCols.map((x) => ',\n    ' + x).join('')}\n  FROM wm_col t\n)`,
  );
  const allMet = (si: number) => {
    const req = crit.filter((x) => x.stage === si && x.required);
    return req.length ? '(' + req.map((x) => `wm_cr_${x.k} IS TRUE`).join(' AND ') + ')' : 'TRUE';
  };
  let stageSql: string;
  let daysSql = `CAST(NULL AS ${D})`;
  const src = c.stageSource;
  if (src.kind === 'field') {
    const whens = c.stages
      .map((st) => ` WHEN ${sqlString(st.id)} THEN ${sqlString(st.id)}`)
      .join('');
    stageSql = whens
      ? `CASE ${col(src.stageField)}${whens} ELSE NULL END`
      : 'CAST(NULL AS VARCHAR)';
    if (src.enteredAtField) daysSql = `CAST(${asOfSql} - ${col(src.enteredAtField)} AS ${D})`;
  } else if (c.stages.length) {
    const n = c.stages.length;
    const whens = c.stages
      .slice(0, n - 1)
      .map((st, si) => ` WHEN NOT ${allMet(si)} THEN ${sqlString(st.id)}`)
      .join('');
    stageSql = whens
      ? `CASE${whens} ELSE ${sqlString(c.stages[n - 1].id)} END`
      : sqlString(c.stages[0].id);
  } else stageSql = 'CAST(NULL AS VARCHAR)';
  ctes.push(`wm_stage AS (\n  SELECT t.*, ${stageSql} AS wm_stage\n  FROM wm_crit t\n)`);
  const readyWhens = c.stages
    .map((st, si) => ` WHEN ${sqlString(st.id)} THEN ${allMet(si)}`)
    .join('');
  const readySql = readyWhens ? `CASE wm_stage${readyWhens} ELSE FALSE END` : 'FALSE';
  ctes.push(
    `wm_days AS (\n  SELECT t.*, CASE WHEN wm_stage IS NULL THEN NULL ELSE ${daysSql} END AS wm_days, ${readySql} AS wm_ready\n  FROM wm_stage t\n)`,
  );
  const progWhens = c.stages
    .filter((st) => st.expectedDays !== undefined)
    .map((st) => {
      const e = st.expectedDays!;
      return ` WHEN ${sqlString(st.id)} THEN CASE WHEN wm_days IS NULL THEN 'unknown' WHEN wm_days > ${num(2 * e)} THEN 'stuck' WHEN wm_days > ${num(e)} THEN 'behind' ELSE 'on_track' END`;
    })
    .join('');
  const progSql = progWhens ? `CASE wm_stage${progWhens} ELSE 'unknown' END` : `'unknown'`;

  // 5. owner
  const ownerWhens = c.routing
    .map((r) => ` WHEN (${ex(r.expr)}) IS TRUE THEN ${sqlString(c.ownerIds[r.owner])}`)
    .join('');
  const ownerSql = ownerWhens
    ? `CASE${ownerWhens} ELSE ${sqlString(c.ownerIds[c.defaultOwner])} END`
    : sqlString(c.ownerIds[c.defaultOwner]);
  ctes.push(
    `wm_own AS (\n  SELECT t.*, ${progSql} AS wm_progress, ${ownerSql} AS wm_owner\n  FROM wm_days t\n)`,
  );

  // 6. CTAs: trigger true and applicable, then dedupe (best priority, then playbook order)
  const ctaRaw = c.ctas.map((cta, k) => {
    const conds = [`(${ex(cta.expr)}) IS TRUE`];
    if (!cta.segmentMask.every((x) => x === 1)) {
      const ids = c.segmentIds.filter((_, s) => cta.segmentMask[s] === 1);
      conds.push(ids.length ? `wm_segment IN (${ids.map(sqlString).join(', ')})` : 'FALSE');
    }
    if (!cta.stageMask.every((x) => x === 1)) {
      const ids = c.stages.filter((_, t) => cta.stageMask[t + 1] === 1).map((s) => s.id);
      conds.push(
        ids.length
          ? `wm_stage IS NOT NULL AND wm_stage IN (${ids.map(sqlString).join(', ')})`
          : 'FALSE',
      );
    }
    return `(${conds.join(' AND ')}) AS wm_ctaraw_${k}`;
  });
  ctes.push(
    `wm_cta AS (\n  SELECT t.*${ctaRaw.map((x) => ',\n    ' + x).join('')}\n  FROM wm_own t\n)`,
  );
  const ctaFinal = c.ctas.map((cta, k) => {
    const better = c.ctas
      .map((o, j) => ({ o, j }))
      .filter(
        ({ o, j }) =>
          j !== k &&
          o.dedupe === cta.dedupe &&
          (o.priorityRank < cta.priorityRank || (o.priorityRank === cta.priorityRank && j < k)),
      )
      .map(({ j }) => `wm_ctaraw_${j}`);
    return better.length ? `(wm_ctaraw_${k} AND NOT (${better.join(' OR ')}))` : `wm_ctaraw_${k}`;
  });

  const names = playbookSqlNames(c);
  const out: string[] = [
    `wm_key AS ${q(names.accountId)}`,
    `wm_segment AS ${q(names.segment)}`,
    `wm_stage AS ${q(names.stage)}`,
    `wm_days AS ${q(names.daysInStage)}`,
    `wm_progress AS ${q(names.progress)}`,
    `wm_ready AS ${q(names.ready)}`,
    `wm_score AS ${q(names.score)}`,
    `wm_color AS ${q(names.color)}`,
    `wm_coverage AS ${q(names.coverage)}`,
    `wm_owner AS ${q(names.owner)}`,
  ];
  c.dimensionIds.forEach((_, di) => out.push(`wm_dim_${di} AS ${q(names.dimension[di])}`));
  c.measures.forEach((_, k) =>
    out.push(`wm_raw_${k} AS ${q(names.raw[k])}`, `wm_p_${k} AS ${q(names.points[k])}`),
  );
  crit.forEach((x, i) => {
    out.push(
      `CASE WHEN wm_cr_${x.k} IS TRUE THEN 'met' WHEN wm_cr_${x.k} IS FALSE THEN 'not_met' ELSE 'unknown' END AS ${q(names.criterion[i])}`,
    );
  });
  c.ctas.forEach((_, k) => out.push(`${ctaFinal[k]} AS ${q(names.cta[k])}`));
  const list = c.ctas.map(
    (cta, k) => `CASE WHEN ${ctaFinal[k]} THEN ${sqlString(cta.info.id)} END`,
  );
  out.push(`${list.length ? `concat_ws(';', ${list.join(', ')})` : "''"} AS ${q(names.ctas)}`);
  // Owner from a field (ctaOwner.ts): the field's text unless blank, else the role, else routed.
  c.ctas
    .filter((cta) => cta.info.ownerField !== undefined)
    .forEach((cta, j) => {
      const k = c.ctas.indexOf(cta);
      const fallback = cta.info.ownerRole ? sqlString(cta.info.ownerRole) : 'wm_owner';
      const person = `NULLIF(CAST(${col(cta.info.ownerField!)} AS VARCHAR), '')`;
      out.push(
        `CASE WHEN ${ctaFinal[k]} THEN COALESCE(${person}, ${fallback}) END AS ${q(names.ctaOwner[j])}`,
      );
    });

  // The accounts table, read last so that wm_in holds exactly the fields used above.
  const inCols = [`CAST(a.${q(c.accountKey)} AS VARCHAR) AS wm_key`];
  for (const i of [...usedFields].sort((x, y) => x - y))
    inCols.push(`a.${q(c.playbook.fields.fields[i].id)} AS wm_f_${i}`);
  for (const [agg, alias] of usedAggs) inCols.push(`a.${agg} AS ${alias}`);
  const from = act ? act.from(table) : table;
  ctes.unshift(`wm_in AS (\n  SELECT ${inCols.join(',\n    ')}\n  FROM ${from} a\n)`);

  // A total order: the account id bytewise (the same in both dialects and any locale), then every
  // column, so even duplicate ids come out the same way each run.
  const orderBy = ['wm_key COLLATE "C" NULLS LAST', ...out.slice(1).map((_, i) => String(i + 2))];
  return [
    `-- Waymark playbook "${commentText(c.playbook.name)}" as of ${asOf}, ${d === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}.`,
    `-- Generated by \`waymark sql\`; columns of ${commentText(o.table ?? 'accounts')} are the playbook's field ids (dates as DATE).`,
    `WITH\n${ctes.join(',\n')}`,
    `SELECT\n  ${out.join(',\n  ')}\nFROM wm_cta\nORDER BY ${orderBy.join(', ')}`,
  ].join('\n');
}

/** The query's output column names (fitted to 63 bytes, distinct), for readers of its result. */
export function playbookSqlNames(c: CompiledPlaybook): SqlOutputNames {
  return sqlOutputNames({
    dimensionIds: c.dimensionIds,
    measureIds: c.measures.map((m) => m.id),
    criteria: c.stages.flatMap((st) => st.criteria.map((cr) => ({ stage: st.id, id: cr.id }))),
    ctaIds: c.ctas.map((x) => x.info.id),
    ctaOwnerIds: c.ctas.filter((x) => x.info.ownerField !== undefined).map((x) => x.info.id),
  });
}

/** Text inside a `--` comment: nothing that ends the line (or the query, for C clients). */
function commentText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are what it removes
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/[\uD800-\uDFFF]/g, '\uFFFD')
  );
}

/** Points SQL for one normalisation over a non-NULL raw column, mirroring normalise.ts / score.ts. */
function pointsSql(
  nm: Normalisation,
  raw: string,
  kind: 'number' | 'string' | 'boolean',
  invert: boolean,
  num: (v: number) => string,
): string {
  const inv = (p: string) => (invert ? `${num(100)} - ${p}` : p);
  if (kind === 'boolean') {
    const [f, t] =
      nm.kind === 'category'
        ? [categoryPoints(nm, 'false'), categoryPoints(nm, 'true')]
        : [numericPoints(nm, 0), numericPoints(nm, 1)];
    const lit = (v: number) => (Number.isNaN(v) ? 'NULL' : inv(num(v)));
    return `CASE WHEN ${raw} THEN ${lit(t)} ELSE ${lit(f)} END`;
  }
  if (nm.kind === 'category') {
    const whens = Object.keys(nm.points)
      .sort()
      .map((k) => ` WHEN ${sqlString(k)} THEN ${inv(num(nm.points[k]))}`)
      .join('');
    const otherwise = nm.otherwise === undefined ? 'NULL' : inv(num(nm.otherwise));
    return whens ? `CASE ${raw}${whens} ELSE ${otherwise} END` : otherwise;
  }
  if (nm.kind === 'tiers') {
    const whens = nm.tiers
      .map((t) => ` WHEN ${raw} >= ${num(t.min)} THEN ${inv(num(t.points))}`)
      .join('');
    return `CASE${whens} ELSE ${inv(num(nm.below))} END`;
  }
  const p = `((${raw} - ${num(nm.min)}) / ${num(nm.max - nm.min)}) * ${num(100)}`;
  return inv(
    `(CASE WHEN ${p} < ${num(0)} THEN ${num(0)} WHEN ${p} > ${num(100)} THEN ${num(100)} ELSE ${p} END)`,
  );
}
