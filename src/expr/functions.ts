/**
 * The function catalogue: one entry per function, used by the checker (arity, argument types),
 * autocomplete and the docs. Semantics live in the evaluators and SQL; descriptions in
 * i18n (`expr:functions.<name>`) and docs/expressions.md.
 */
import type { FunctionName, ValueType } from './types';

/** `T` = any one type, the same for every argument marked T (and the result). */
export type ParamType = ValueType | 'T';

export interface FunctionSpec {
  name: FunctionName;
  /** Parameters in order; the last repeats when `variadic`. */
  params: ReadonlyArray<{ name: string; type: ParamType; optional?: boolean }>;
  variadic?: boolean;
  /** Minimum argument count. */
  minArgs: number;
  returns: ParamType;
  /** As shown in autocomplete and the docs. */
  signature: string;
  /** i18n key of the one-line description in the `expr` namespace. */
  docKey: string;
  example: string;
}

const spec = (s: Omit<FunctionSpec, 'docKey'>): FunctionSpec => ({
  ...s,
  docKey: `functions.${s.name}`,
});

/** `name(a, b, …)`: two or more arguments of one type, a result of that type. */
const variadic = (
  name: FunctionName,
  type: 'T' | 'number',
  signature: string,
  example: string,
): FunctionSpec =>
  spec({
    name,
    params: [
      { name: 'a', type },
      { name: 'b', type },
    ],
    variadic: true,
    minArgs: 2,
    returns: type,
    signature,
    example,
  });

export const FUNCTIONS: readonly FunctionSpec[] = [
  spec({
    name: 'days_since',
    params: [{ name: 'd', type: 'date' }],
    minArgs: 1,
    returns: 'number',
    signature: 'days_since(d: date) → number',
    example: 'days_since(last_meeting_date) <= 90',
  }),
  spec({
    name: 'days_until',
    params: [{ name: 'd', type: 'date' }],
    minArgs: 1,
    returns: 'number',
    signature: 'days_until(d: date) → number',
    example: 'days_until(renewal_date) <= 180',
  }),
  spec({
    name: 'days_between',
    params: [
      { name: 'from', type: 'date' },
      { name: 'to', type: 'date' },
    ],
    minArgs: 2,
    returns: 'number',
    signature: 'days_between(from: date, to: date) → number',
    example: 'days_between(contract_start, go_live_date) > 60',
  }),
  variadic('coalesce', 'T', 'coalesce(a, b, …) → first non-missing', 'coalesce(nps, 0)'),
  variadic(
    'min',
    'number',
    'min(a: number, b: number, …) → number',
    'min(active_users / licenses, 1)',
  ),
  variadic('max', 'number', 'max(a: number, b: number, …) → number', 'max(open_tickets - 2, 0)'),
  spec({
    name: 'abs',
    params: [{ name: 'x', type: 'number' }],
    minArgs: 1,
    returns: 'number',
    signature: 'abs(x: number) → number',
    example: 'abs(nps - 7)',
  }),
  spec({
    name: 'round',
    params: [
      { name: 'x', type: 'number' },
      { name: 'digits', type: 'number', optional: true },
    ],
    minArgs: 1,
    returns: 'number',
    signature: 'round(x: number, digits = 0) → number',
    example: 'round(active_users / licenses, 2)',
  }),
  spec({
    name: 'is_missing',
    params: [{ name: 'x', type: 'T' }],
    minArgs: 1,
    returns: 'boolean',
    signature: 'is_missing(x) → boolean',
    example: 'is_missing(nps)',
  }),
  spec({
    name: 'if',
    params: [
      { name: 'cond', type: 'boolean' },
      { name: 'then', type: 'T' },
      { name: 'else', type: 'T' },
    ],
    minArgs: 3,
    returns: 'T',
    signature: 'if(cond: boolean, then, else)',
    example: "if(plan == 'enterprise', licenses, active_users)",
  }),
  spec({
    name: 'date',
    params: [{ name: 'iso', type: 'string' }],
    minArgs: 1,
    returns: 'date',
    signature: "date('YYYY-MM-DD') → date",
    example: "renewal_date < date('2027-04-01')",
  }),
];

export const FUNCTION_BY_NAME: ReadonlyMap<string, FunctionSpec> = new Map(
  FUNCTIONS.map((f) => [f.name, f]),
);

/** Most decimal places `round` accepts (beyond it doubles stop being exact enough to agree with SQL). */
export const MAX_ROUND_DIGITS = 10;
