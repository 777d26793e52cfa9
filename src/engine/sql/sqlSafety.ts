/**
 * What `waymark sql` refuses before writing anything, each with the JSON path of the value:
 * - text no SQL literal can carry faithfully (a NUL, an unpaired surrogate) in any id, category
 *   value, owner or expression that the query writes;
 * - fields the database would read from one column: ids equal but for ASCII case (DuckDB binds
 *   names case-insensitively, even quoted) or sharing their first 63 bytes (PostgreSQL cuts
 *   identifiers there).
 * Everything else — quotes, backslashes, `$$`, comments, newlines, ids equal to internal names —
 * is written safely by playbookSql.ts and needs no refusal.
 */
import { jsonPath } from '../../model';
import { sqlTextProblem, type SqlDialect, type SqlTextProblem } from '../../expr';
import type { CompiledExpr, CompiledPlaybook } from '../compile';
import { MAX_IDENT_BYTES, utf8Prefix } from './names';

export type SqlIssueCode = 'sql_nul' | 'sql_surrogate' | 'sql_field_case' | 'sql_field_truncated';

export interface SqlIssue {
  /** JSON path in the playbook, e.g. `$.segments.items[2].id`. */
  path: string;
  code: SqlIssueCode;
  params: Record<string, string>;
  /** English text, for logs and errors thrown by the API. */
  message: string;
}

const TEXT_CODE: Record<SqlTextProblem, SqlIssueCode> = {
  nul: 'sql_nul',
  surrogate: 'sql_surrogate',
};

function englishMessage(code: SqlIssueCode, p: Record<string, string>): string {
  switch (code) {
    case 'sql_nul':
      return 'contains a NUL character (U+0000), which SQL cannot carry.';
    case 'sql_surrogate':
      return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode.';
    case 'sql_field_case':
      return `field "${p.id}" differs from "${p.other}" (${p.otherPath}) only in letter case.`;
    case 'sql_field_truncated':
      return `field "${p.id}" shares its first 63 bytes with "${p.other}" (${p.otherPath}).`;
  }
}

function mk(path: string, code: SqlIssueCode, params: Record<string, string> = {}): SqlIssue {
  return { path, code, params, message: englishMessage(code, params) };
}

/** Problems that stop the playbook's query from being written for `dialect` (empty = none). */
export function sqlIssues(c: CompiledPlaybook, dialect: SqlDialect): SqlIssue[] {
  const pb = c.playbook;
  const out: SqlIssue[] = [];
  const text = (s: string | undefined, path: string) => {
    const p = s === undefined ? undefined : sqlTextProblem(s);
    if (p) out.push(mk(path, TEXT_CODE[p]));
  };
  const pointKeys = (points: Record<string, number>, path: (string | number)[]) => {
    for (const k of Object.keys(points)) text(k, jsonPath([...path, 'points', k]));
  };

  pb.fields.fields.forEach((f, i) => text(f.id, `$.fields.fields[${i}].id`));
  pb.segments.items.forEach((s, i) => text(s.id, `$.segments.items[${i}].id`));
  pb.health.bands.forEach((b, i) => text(b.id, `$.health.bands[${i}].id`));
  pb.health.measures.forEach((m, i) => {
    text(m.id, `$.health.measures[${i}].id`);
    if (m.normalise.kind === 'category')
      pointKeys(m.normalise.points, ['health', 'measures', i, 'normalise']);
  });
  pb.health.overrides.forEach((o, i) => {
    o.bands?.forEach((b, j) => text(b.id, `$.health.overrides[${i}].bands[${j}].id`));
    for (const [mid, nm] of Object.entries(o.normalise ?? {}))
      if (nm.kind === 'category')
        pointKeys(nm.points, ['health', 'overrides', i, 'normalise', mid]);
  });
  pb.stages.forEach((s, i) => {
    text(s.id, `$.stages[${i}].id`);
    s.exitCriteria.forEach((cr, j) => text(cr.id, `$.stages[${i}].exitCriteria[${j}].id`));
  });
  pb.ctas.forEach((x, i) => text(x.id, `$.ctas[${i}].id`));
  pb.routing.rules.forEach((r, i) => text(r.owner, `$.routing.rules[${i}].owner`));
  text(pb.routing.defaultOwner, '$.routing.defaultOwner');
  for (const e of compiledExprs(c)) text(e.source, e.path);

  // Fields the query reads, in contract order: two that one database column would answer.
  const used = new Set<string>([c.accountKey]);
  for (const e of compiledExprs(c)) for (const f of e.fields) used.add(f);
  if (c.stageSource.kind === 'field') {
    used.add(c.stageSource.stageField);
    if (c.stageSource.enteredAtField) used.add(c.stageSource.enteredAtField);
  }
  const sameColumn =
    dialect === 'duckdb'
      ? (id: string) => id.replace(/[A-Z]/g, (ch) => ch.toLowerCase())
      : (id: string) => utf8Prefix(id, MAX_IDENT_BYTES);
  const seen = new Map<string, { id: string; path: string }>();
  pb.fields.fields.forEach((f, i) => {
    if (!used.has(f.id)) return;
    const path = `$.fields.fields[${i}].id`;
    const key = sameColumn(f.id);
    const first = seen.get(key);
    if (!first) seen.set(key, { id: f.id, path });
    else
      out.push(
        mk(path, dialect === 'duckdb' ? 'sql_field_case' : 'sql_field_truncated', {
          id: f.id,
          other: first.id,
          otherPath: first.path,
        }),
      );
  });
  return out;
}

export function compiledExprs(c: CompiledPlaybook): CompiledExpr[] {
  return [
    ...c.segmentRules.map((r) => r.expr),
    ...c.measures.map((m) => m.expr),
    ...c.stages.flatMap((s) => s.criteria.map((cr) => cr.expr)),
    ...c.routing.map((r) => r.expr),
    ...c.ctas.map((x) => x.expr),
  ];
}

/** Thrown by playbookToSql when sqlIssues finds something (the CLI checks first and explains). */
export class SqlUnsafeError extends Error {
  constructor(readonly issues: SqlIssue[]) {
    super(
      'The playbook cannot be written safely as SQL: ' +
        issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    );
    this.name = 'SqlUnsafeError';
  }
}
