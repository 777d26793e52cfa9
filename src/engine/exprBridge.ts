/**
 * The engine's only door to src/expr: type-check in a scope, evaluate a column, evaluate one
 * row (explanations), emit SQL. Keeps the engine independent of expr's internal shapes.
 */
import type { FieldContract } from '../model';
import { cellValue, type AccountTable, type Column } from '../table/columns';
import {
  checkExpression,
  compileVector,
  envFromContract,
  evaluateRow,
  type BuiltinName,
  type CheckedExpr,
  type CheckResult,
  type KnownIds,
  type Scope,
  type VecBuiltins,
  type VectorProgram,
} from '../expr';
import type { CompiledExpr } from './types';
import { columnOf } from '../table/columns';

export type BuiltinColumns = Partial<Record<BuiltinName, Column>>;

export function checkIn(
  contract: FieldContract,
  scope: Scope,
  source: string,
  known: KnownIds,
): CheckResult {
  return checkExpression(source, envFromContract(contract, scope, known));
}

const programs = new WeakMap<CompiledExpr, VectorProgram>();

/**
 * Whole-column evaluation. The returned column may be a reused buffer or the table's own
 * column: use it before the next evaluation of the same expression and never write to it.
 */
export function evalColumn(
  e: CompiledExpr,
  table: AccountTable,
  builtins: BuiltinColumns,
  asOfDays: number,
): Column {
  return programOf(e).run(table, { asOfDays, builtins: vecBuiltins(builtins) });
}

/** A number or date expression evaluated straight into `out` (one slot per table row). */
export function evalNumberInto(
  e: CompiledExpr,
  table: AccountTable,
  builtins: BuiltinColumns,
  asOfDays: number,
  out: Float64Array,
): void {
  programOf(e).runInto(table, { asOfDays, builtins: vecBuiltins(builtins) }, out);
}

function programOf(e: CompiledExpr): VectorProgram {
  let p = programs.get(e);
  if (!p) programs.set(e, (p = compileVector(e.checked)));
  return p;
}

// Every key present from the start: one object shape for every call, so optimised code that
// reads it is not thrown away when a run's objects are collected (see score.ts, newBuiltins).
function vecBuiltins(builtins: BuiltinColumns): VecBuiltins {
  const b: VecBuiltins = {
    score: undefined,
    days_in_stage: undefined,
    color: undefined,
    segment: undefined,
    stage: undefined,
  };
  if (builtins.score?.type === 'number') b.score = builtins.score.values;
  if (builtins.days_in_stage?.type === 'number') b.days_in_stage = builtins.days_in_stage.values;
  if (builtins.color?.type === 'string') b.color = builtins.color;
  if (builtins.segment?.type === 'string') b.segment = builtins.segment;
  if (builtins.stage?.type === 'string') b.stage = builtins.stage;
  return b;
}

export type ExprValue = number | string | boolean | null;

/** One account's value of an expression and every field / built-in it read. */
export function evalRow(
  e: CompiledExpr,
  table: AccountTable,
  row: number,
  builtins: Partial<Record<BuiltinName, ExprValue>>,
  asOfDays: number,
): { value: ExprValue; reads: Record<string, ExprValue> } {
  const values: Record<string, ExprValue> = Object.create(null);
  for (const f of e.fields) {
    const col = columnOf(table, f);
    values[f] = col ? cellValue(col, row) : null;
  }
  // Activity aggregates are columns withActivity added to the table.
  for (const a of e.aggregates) {
    const col = table.columns[a.id];
    values[a.id] = col ? cellValue(col, row) : null;
  }
  return evaluateRow(e.checked, values, { asOfDays, builtins });
}

/** A condition over activity attributes for every event: 1 = true (0 false, else unknown). */
export function evalConditionMask(
  checked: CheckedExpr,
  events: AccountTable,
  asOfDays: number,
): Uint8Array {
  const col = compileVector(checked).run(events, { asOfDays, builtins: vecBuiltins({}) });
  if (col.type !== 'boolean') throw new Error('a where: condition must be true/false');
  return col.values.slice();
}
