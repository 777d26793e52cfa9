/**
 * The Waymark expression language — public API. Import from 'src/expr' only.
 *
 *   const env = envFromContract(playbook.fields, 'cta', { stages, segments, colors });
 *   const r = checkExpression("stage == 'onboarding' and days_in_stage > 90", env);
 *   if (!r.ok) show(r.errors);            // code, English message, params, start/end, suggestion
 *   else {
 *     evaluateRow(r.expr, row, ctx);       // one account, with the values it read (explanations)
 *     compileVector(r.expr).run(table, ctx); // whole columns at once (engine); .runRows(table, ctx, rows) for a selection
 *     toSql(r.expr, { dialect: 'duckdb', column, builtin, asOf }); // same semantics in SQL
 *   }
 *
 * Semantics (docs/expressions.md): SQL's. Missing in → missing out; and/or/not are Kleene
 * three-valued; x / 0 is missing; round is half away from zero.
 */
export type {
  ValueType,
  Scope,
  BuiltinName,
  CompareOp,
  ArithOp,
  FunctionName,
  CheckedExpr,
  ExprError,
  ExprErrorCode,
  NameInfo,
  ExprEnv,
  CheckResult,
  AggregateFn,
  AggregateSpec,
  SourceInfo,
} from './types';
export {
  AGGREGATES,
  MAX_WINDOW_DAYS,
  isAggregateCall,
  type AggregateCatalogEntry,
} from './aggregate';
export { parseExpression, type ParseResult, type ParseError, type RawNode } from './parse';
export { checkExpression } from './check';
export {
  envFromContract,
  valueTypeOf,
  SCOPE_BUILTINS,
  SCOPE_EXPECT,
  BUILTIN_TYPES,
  sourcesEnv,
  type KnownIds,
} from './env';
export {
  FUNCTIONS,
  FUNCTION_BY_NAME,
  MAX_ROUND_DIGITS,
  type FunctionSpec,
  type ParamType,
} from './functions';
export { formatMessage } from './messages';
export { levenshtein, nearest } from './suggest';
export { tokenize, type Token, type TokenKind } from './lexer';
export { evaluateRow, type ExprValue, type RowContext, type RowResult } from './evalRow';
export { compileVector, type VectorProgram } from './vector/compile';
export type { VecContext, VecBuiltins } from './vector/state';
export {
  toSql,
  quoteIdent,
  sqlString,
  sqlNumber,
  sqlDate,
  sqlTextProblem,
  SqlTextError,
  type SqlTextProblem,
  type SqlDialect,
  type SqlOptions,
} from './sql';
export { localiseExprError, lineColumn, type Translate } from './localise';
export { renameFieldInExpression, referencedFields } from './rename';
export {
  completionsAt,
  type Completions,
  type CompletionItem,
  type CompletionKind,
} from './complete';
