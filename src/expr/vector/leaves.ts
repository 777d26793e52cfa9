/** Leaves: columns of the table, built-in columns of the context, and literals. */
import type { Column } from '../../table/columns';
import type { BuiltinName, ValueType } from '../types';
import { CHUNK, type BoolNode, type NumNode, type RunState, type StrNode } from './state';
import { columnOf } from '../../table/columns';

export function lookupColumn(s: RunState, id: string, want: ValueType): Column {
  const col = columnOf(s.table, id);
  if (!col)
    throw new Error(
      `The data has no column \`${id}\`, which the expression reads; map a column to this field.`,
    );
  const ok =
    (want === 'number' && col.type === 'number') ||
    (want === 'date' && col.type === 'date') ||
    (want === 'boolean' && col.type === 'boolean') ||
    (want === 'string' && col.type === 'string');
  if (!ok)
    throw new Error(
      `Column \`${id}\` holds ${col.type} values but the field contract says ${want}.`,
    );
  if ((col.type === 'string' ? col.codes.length : col.values.length) !== s.table.rowCount) {
    throw new Error(
      `Column \`${id}\` has a different length than the table's ${s.table.rowCount} rows.`,
    );
  }
  return col;
}

/**
 * With a row selection, leaves gather the selected rows of each chunk into a small buffer and
 * every operator above them runs unchanged on compact chunks.
 */
function gatherF64(
  src: Float64Array,
  rows: Int32Array,
  lo: number,
  n: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) out[i] = src[rows[lo + i]];
  return out;
}
function gatherU8(
  src: Uint8Array,
  rows: Int32Array,
  lo: number,
  n: number,
  out: Uint8Array,
): Uint8Array {
  for (let i = 0; i < n; i++) out[i] = src[rows[lo + i]];
  return out;
}
function gatherI32(
  src: Int32Array,
  rows: Int32Array,
  lo: number,
  n: number,
  out: Int32Array,
): Int32Array {
  for (let i = 0; i < n; i++) out[i] = src[rows[lo + i]];
  return out;
}

export class NumColumn implements NumNode {
  readonly t = 'num';
  values: Float64Array = new Float64Array(0);
  private rows: Int32Array | null = null;
  private readonly buf = new Float64Array(CHUNK);
  constructor(
    readonly id: string,
    private readonly type: 'number' | 'date',
  ) {}
  prepare(s: RunState): void {
    this.values = (lookupColumn(s, this.id, this.type) as { values: Float64Array }).values;
    this.rows = s.rows;
  }
  eval(lo: number, len: number): Float64Array {
    return this.rows
      ? gatherF64(this.values, this.rows, lo, len, this.buf)
      : this.values.subarray(lo, lo + len);
  }
}
export class BoolColumn implements BoolNode {
  readonly t = 'bool';
  values: Uint8Array = new Uint8Array(0);
  private rows: Int32Array | null = null;
  private readonly buf = new Uint8Array(CHUNK);
  constructor(readonly id: string) {}
  prepare(s: RunState): void {
    this.values = (lookupColumn(s, this.id, 'boolean') as { values: Uint8Array }).values;
    this.rows = s.rows;
  }
  eval(lo: number, len: number): Uint8Array {
    return this.rows
      ? gatherU8(this.values, this.rows, lo, len, this.buf)
      : this.values.subarray(lo, lo + len);
  }
}
export class StrColumn implements StrNode {
  readonly t = 'str';
  private codes: Int32Array = new Int32Array(0);
  private d: readonly string[] = [];
  private rows: Int32Array | null = null;
  private readonly buf = new Int32Array(CHUNK);
  constructor(readonly id: string) {}
  prepare(s: RunState): void {
    const c = lookupColumn(s, this.id, 'string') as { codes: Int32Array; dict: string[] };
    this.codes = c.codes;
    this.d = c.dict;
    this.rows = s.rows;
  }
  dict(): readonly string[] {
    return this.d;
  }
  eval(lo: number, len: number): Int32Array {
    return this.rows
      ? gatherI32(this.codes, this.rows, lo, len, this.buf)
      : this.codes.subarray(lo, lo + len);
  }
}

function missingBuiltin(name: string): Error {
  return new Error(
    `The built-in \`${name}\` was not provided to this run; the engine computes it before CTAs and routing.`,
  );
}

export class NumBuiltin implements NumNode {
  readonly t = 'num';
  private values: Float64Array = new Float64Array(0);
  private rows: Int32Array | null = null;
  private readonly buf = new Float64Array(CHUNK);
  constructor(private readonly name: 'score' | 'days_in_stage') {}
  prepare(s: RunState): void {
    const v = s.ctx.builtins?.[this.name];
    if (!v || v.length !== s.table.rowCount) throw missingBuiltin(this.name);
    this.values = v;
    this.rows = s.rows;
  }
  eval(lo: number, len: number): Float64Array {
    return this.rows
      ? gatherF64(this.values, this.rows, lo, len, this.buf)
      : this.values.subarray(lo, lo + len);
  }
}
export class StrBuiltin implements StrNode {
  readonly t = 'str';
  private codes: Int32Array = new Int32Array(0);
  private d: readonly string[] = [];
  private rows: Int32Array | null = null;
  private readonly buf = new Int32Array(CHUNK);
  constructor(private readonly name: Exclude<BuiltinName, 'score' | 'days_in_stage'>) {}
  prepare(s: RunState): void {
    const v = s.ctx.builtins?.[this.name];
    if (!v || v.codes.length !== s.table.rowCount) throw missingBuiltin(this.name);
    this.codes = v.codes;
    this.d = v.dict;
    this.rows = s.rows;
  }
  dict(): readonly string[] {
    return this.d;
  }
  eval(lo: number, len: number): Int32Array {
    return this.rows
      ? gatherI32(this.codes, this.rows, lo, len, this.buf)
      : this.codes.subarray(lo, lo + len);
  }
}

/** Literals: a chunk filled once; parents with a scalar path never call eval. */
export class NumConst implements NumNode {
  readonly t = 'num';
  private readonly buf: Float64Array;
  constructor(readonly constant: number) {
    this.buf = new Float64Array(CHUNK).fill(constant);
  }
  prepare(): void {}
  eval(): Float64Array {
    return this.buf;
  }
}
export class BoolConst implements BoolNode {
  readonly t = 'bool';
  private readonly buf: Uint8Array;
  constructor(readonly constant: number) {
    this.buf = new Uint8Array(CHUNK).fill(constant);
  }
  prepare(): void {}
  eval(): Uint8Array {
    return this.buf;
  }
}
export class StrConst implements StrNode {
  readonly t = 'str';
  private readonly buf = new Int32Array(CHUNK);
  private readonly d: readonly string[];
  constructor(readonly constant: string) {
    this.d = [constant];
  }
  prepare(): void {}
  dict(): readonly string[] {
    return this.d;
  }
  eval(): Int32Array {
    return this.buf;
  }
}
