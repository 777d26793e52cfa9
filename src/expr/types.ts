/**
 * Types of the Waymark expression language: value types, the typed AST the checker produces
 * (CheckedExpr) and errors with source positions. No React, no DOM.
 */

/** A value's type inside the language. Integer and number fields are both `number`; category fields are `string`. */
export type ValueType = 'number' | 'string' | 'boolean' | 'date';

/** Where an expression is used; decides which built-ins exist and which result type is expected. */
export type Scope = 'segment' | 'measure' | 'criterion' | 'cta' | 'routing';

/** Names the engine provides (besides fields), by scope. */
export type BuiltinName = 'score' | 'color' | 'segment' | 'stage' | 'days_in_stage';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/';
export type FunctionName =
  | 'days_since'
  | 'days_until'
  | 'days_between'
  | 'coalesce'
  | 'min'
  | 'max'
  | 'abs'
  | 'round'
  | 'is_missing'
  | 'if'
  | 'date';

interface Span {
  /** Offset (UTF-16 code units) of the first character in the source. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** The typed AST: every node knows its result type, so evaluators and SQL need no guessing. */
export type CheckedExpr =
  | (Span & { kind: 'number'; type: 'number'; value: number })
  | (Span & { kind: 'string'; type: 'string'; value: string })
  | (Span & { kind: 'boolean'; type: 'boolean'; value: boolean })
  /** A date literal, `date('2024-03-09')`; value in days since 1970-01-01. */
  | (Span & { kind: 'date'; type: 'date'; value: number; iso: string })
  | (Span & { kind: 'field'; type: ValueType; id: string })
  | (Span & { kind: 'builtin'; type: ValueType; name: BuiltinName })
  | (Span & { kind: 'neg'; type: 'number'; arg: CheckedExpr })
  | (Span & { kind: 'not'; type: 'boolean'; arg: CheckedExpr })
  | (Span & { kind: 'arith'; type: 'number'; op: ArithOp; left: CheckedExpr; right: CheckedExpr })
  /** `operand` is the (common) type both sides have. */
  | (Span & {
      kind: 'compare';
      type: 'boolean';
      op: CompareOp;
      operand: ValueType;
      left: CheckedExpr;
      right: CheckedExpr;
    })
  | (Span & {
      kind: 'logic';
      type: 'boolean';
      op: 'and' | 'or';
      left: CheckedExpr;
      right: CheckedExpr;
    })
  /** `x in [..]` / `x not in [..]`; the list holds literals of x's type. */
  | (Span & {
      kind: 'in';
      type: 'boolean';
      negated: boolean;
      arg: CheckedExpr;
      list: Array<number | string | boolean>;
    })
  | (Span & {
      kind: 'call';
      type: ValueType;
      fn: Exclude<FunctionName, 'date'>;
      args: CheckedExpr[];
    });

export type ExprErrorCode =
  | 'empty'
  | 'syntax'
  | 'unsupported_syntax'
  | 'unsupported_operator'
  | 'null_literal'
  | 'unknown_field'
  | 'unknown_function'
  | 'builtin_out_of_scope'
  | 'not_a_function'
  | 'arity'
  | 'operand_type'
  | 'argument_type'
  | 'mixed_types'
  | 'string_order'
  | 'unknown_category_value'
  | 'list_expected'
  | 'list_literal'
  | 'invalid_date'
  | 'digits_literal'
  | 'result_type'
  | 'unknown_source'
  | 'unknown_attribute'
  | 'aggregate_usage'
  | 'attribute_type'
  | 'window'
  | 'duration_out_of_place'
  | 'named_argument'
  | 'change_argument';

/** One problem in an expression. `message` is English; the UI translates `code` with `params`. */
export interface ExprError {
  code: ExprErrorCode;
  message: string;
  params: Record<string, string | number>;
  /** Offsets into the source (UTF-16 code units); start === end for a point. */
  start: number;
  end: number;
  /** A replacement for source[start, end) that would likely fix it (e.g. the nearest field id). */
  suggestion?: string;
}

/** One thing a name can refer to in an expression. */
export interface NameInfo {
  type: ValueType;
  /** Allowed values (category fields; segment/stage/color ids when the engine knows them). */
  values?: readonly string[];
  /** Labels shown in autocomplete and matched by suggestions. */
  label?: { ja: string; en: string };
  description?: string;
}

/** An activity source as expressions see it: its attributes by id. */
export interface SourceInfo {
  label: { ja: string; en: string };
  attributes: ReadonlyMap<
    string,
    NameInfo & { attrType: 'category' | 'number' | 'string' | 'boolean' }
  >;
}

/** Functions over activity events (see aggregate.ts). */
export type AggregateFn =
  'count' | 'sum' | 'avg' | 'min' | 'max' | 'count_distinct' | 'last' | 'days_since';

/**
 * One windowed aggregate an expression uses. The checker turns the call into a `field` node
 * whose id is `id` (canonical text, never a valid field id), so every evaluator and the SQL
 * compiler read it as an ordinary column; the engine fills that column from the activity data.
 */
export interface AggregateSpec {
  id: string;
  fn: AggregateFn;
  source: string;
  attr?: string;
  /** Window length in days; undefined = every event up to the as-of date. */
  days?: number;
  /** The window ends this many days before the as-of date (0 = ends on the as-of day). */
  before: number;
  /** Filter over the source's attributes (checked against them; `field` nodes are attribute ids). */
  where?: CheckedExpr;
  type: ValueType;
  /** change(): (this window − the window before it) / the window before it. */
  change?: boolean;
  /** Allowed values of a category attribute, in declared order (last(): ties go to the later one). */
  values?: readonly string[];
}

/** What an expression may refer to: the field contract plus the built-ins of its scope. */
export interface ExprEnv {
  scope: Scope;
  fields: ReadonlyMap<string, NameInfo>;
  builtins: ReadonlyMap<BuiltinName, NameInfo>;
  /** Activity sources (playbook v2); absent = none. */
  sources?: ReadonlyMap<string, SourceInfo>;
  /** Result types accepted for this scope (boolean for conditions; any for measures). */
  expect: readonly ValueType[];
}

export type CheckResult =
  | {
      ok: true;
      expr: CheckedExpr;
      type: ValueType;
      fields: string[];
      builtins: BuiltinName[];
      /** Activity aggregates read (their ids appear as `field` nodes, not in `fields`). */
      aggregates: AggregateSpec[];
    }
  | { ok: false; errors: ExprError[] };
