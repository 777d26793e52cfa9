// runInto (the engine writes measure values straight into its result) must give exactly what run
// gives, and buffers reused across tables of different sizes must never leak rows.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tableFromRows } from '../../table/columns';
import { checkExpression } from '../check';
import { envFromContract } from '../env';
import { compileVector } from './compile';
import { exprArb, rowsArb } from '../testing/arbitrary';
import { TEST_CONTRACT, TEST_TYPES } from '../testing/fixtureContract';

const env = envFromContract(TEST_CONTRACT, 'measure');
const bits = (a: Float64Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2));

describe('VectorProgram.runInto', () => {
  it('writes the same bits as run, into the caller array', () => {
    fc.assert(
      fc.property(
        exprArb.number,
        rowsArb,
        fc.integer({ min: 19000, max: 21000 }),
        (src, rows, asOfDays) => {
          const r = checkExpression(src, { ...env, expect: ['number'] });
          if (!r.ok) throw new Error(`${src}: ${r.errors.map((e) => e.message).join('; ')}`);
          const table = tableFromRows(rows, TEST_TYPES);
          const p = compileVector(r.expr);
          const col = p.run(table, { asOfDays });
          if (col.type !== 'number' && col.type !== 'date') throw new Error('expected numbers');
          const want = bits(col.values);
          const out = new Float64Array(rows.length).fill(-1);
          p.runInto(table, { asOfDays }, out);
          expect(bits(out), src).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a condition or an array of the wrong length', () => {
    const table = tableFromRows([{ nps: 1 }, { nps: 2 }], TEST_TYPES);
    const num = checkExpression('nps + 1', { ...env, expect: ['number'] });
    const cond = checkExpression('nps > 1', env);
    if (!num.ok || !cond.ok) throw new Error('unexpected');
    expect(() =>
      compileVector(num.expr).runInto(table, { asOfDays: 0 }, new Float64Array(3)),
    ).toThrow(/3 slots for 2 rows/);
    expect(() =>
      compileVector(cond.expr).runInto(table, { asOfDays: 0 }, new Float64Array(2)),
    ).toThrow(/not a number/);
  });

  it('gives a column of the table length after a larger table (reused buffers)', () => {
    const r = checkExpression('nps > 1', env);
    const s = checkExpression('nps * 2', { ...env, expect: ['number'] });
    if (!r.ok || !s.ok) throw new Error('unexpected');
    const big = tableFromRows([{ nps: 1 }, { nps: 2 }, { nps: 3 }], TEST_TYPES);
    const small = tableFromRows([{ nps: 5 }], TEST_TYPES);
    const pb = compileVector(r.expr);
    const pn = compileVector(s.expr);
    pb.run(big, { asOfDays: 0 });
    pn.run(big, { asOfDays: 0 });
    const b = pb.run(small, { asOfDays: 0 });
    const n = pn.run(small, { asOfDays: 0 });
    expect(b.type === 'boolean' && Array.from(b.values)).toEqual([1]);
    expect(n.type === 'number' && Array.from(n.values)).toEqual([10]);
  });
});
