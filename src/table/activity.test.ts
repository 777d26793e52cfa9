/**
 * buildActivityTable's sorts (the scatter to buckets of accounts then to each event's slot,
 * ordered within the bucket by a radix sort or insertion on the time, or by file order with a
 * sort of each slice — insertion or comparator —; the already-in-order pass; the comparator
 * fallback) against a plain Array sort by (account, time, line) on random events:
 * dropped rows, ties, whole seconds and milliseconds, wide spans, negative times, lines out of
 * order, files already grouped by account.
 */
import { describe, expect, it } from 'vitest';
import { buildActivityTable, groupedSort, MS_PER_DAY } from './activity';
import { rng } from '../util/random';

const same = (a: ArrayBufferView, b: ArrayBufferView) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );

function reference(
  account: Int32Array,
  time: Float64Array,
  line: Int32Array,
  attr: Float64Array,
  accountCount: number,
  extra?: { cat: Int32Array; flag: Uint8Array; y: Float64Array },
) {
  const idx = [...account.keys()].filter((i) => account[i] >= 0);
  idx.sort((x, y) => account[x] - account[y] || time[x] - time[y] || line[x] - line[y]);
  const offsets = new Int32Array(accountCount + 1);
  for (const i of idx) offsets[account[i] + 1]++;
  for (let a = 0; a < accountCount; a++) offsets[a + 1] += offsets[a];
  return {
    account: Int32Array.from(idx, (i) => account[i]),
    time: Float64Array.from(idx, (i) => time[i]),
    day: Float64Array.from(idx, (i) => Math.floor(time[i] / MS_PER_DAY)),
    line: Int32Array.from(idx, (i) => line[i]),
    attr: Float64Array.from(idx, (i) => attr[i]),
    cat: extra && Int32Array.from(idx, (i) => extra.cat[i]),
    flag: extra && Uint8Array.from(idx, (i) => extra.flag[i]),
    y: extra && Float64Array.from(idx, (i) => extra.y[i]),
    offsets,
  };
}

function randomEvents(seed: number) {
  const r = rng(seed);
  const n = Math.floor(r() * (r() < 0.3 ? 20 : 3000));
  const accountCount = 1 + Math.floor(r() * (r() < 0.5 ? 5 : 9000));
  const kind = Math.floor(r() * 6);
  const base = r() < 0.2 ? -5e11 : 1.7e12;
  // seconds, milliseconds, days, a span over 2^32 s (comparator), few distinct times (ties), sorted
  const t0 = Math.floor(base / 1000) * 1000;
  const timeOf = (): number => {
    switch (kind) {
      case 0:
        return t0 + Math.floor(r() * 1e7) * 1000;
      case 1:
        return t0 + Math.floor(r() * 1e10);
      case 2:
        return t0 - (t0 % MS_PER_DAY) + Math.floor(r() * 400) * MS_PER_DAY;
      case 3:
        return t0 + Math.floor(r() * 2 ** 34) * 1000;
      default:
        return t0 + Math.floor(r() * 3) * 1000;
    }
  };
  const account = new Int32Array(n);
  const time = new Float64Array(n);
  const line = new Int32Array(n);
  const attr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    account[i] = r() < 0.1 ? -1 : Math.floor(r() * r() * accountCount);
    time[i] = timeOf();
    line[i] = i + 1;
    attr[i] = r();
  }
  if (r() < 0.1) for (let i = 0; i < n; i += 3) time[i] += 0.25; // not whole milliseconds
  if (kind === 5 || r() < 0.15) {
    // already grouped by account and time (a sorted export), the dropped rows at the end
    const ref = reference(account, time, line, attr, accountCount);
    account.fill(-1);
    for (let k = 0, i = 0; k < ref.account.length; k++, i++) {
      account[i] = ref.account[k];
      time[i] = ref.time[k];
      attr[i] = ref.attr[k];
    }
  }
  if (r() < 0.2) line.reverse(); // lines out of file order (stored data): the comparator's ties
  // More columns of each type: with consume the sort writes outputs over scattered inputs.
  const cat = Int32Array.from({ length: n }, () => Math.floor(r() * 5) - 1);
  const flag = Uint8Array.from({ length: n }, () => Math.floor(r() * 3));
  const y = Float64Array.from({ length: n }, () => r() * 100);
  return { account, time, line, attr, accountCount, extra: { cat, flag, y } };
}

describe('buildActivityTable', () => {
  it('sorts by account, time and line like a comparator sort, on random events', () => {
    let grouped = 0,
      inOrder = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { account, time, line, attr, accountCount, extra } = randomEvents(seed);
      const want = reference(account, time, line, attr, accountCount, extra);
      const ev = {
        account,
        time,
        line,
        columns: {
          x: { type: 'number' as const, values: attr },
          c: { type: 'string' as const, codes: extra.cat, dict: ['a', 'b', 'c', 'd'] },
          f: { type: 'boolean' as const, values: extra.flag },
          y: { type: 'number' as const, values: extra.y },
        },
      };
      function check(t: ReturnType<typeof buildActivityTable>, what: string) {
        expect(t.rowCount, what).toBe(want.account.length);
        const x = t.columns.x;
        expect(x.type, what).toBe('number');
        for (const k of ['account', 'time', 'day', 'line', 'offsets'] as const)
          expect(same(t[k], want[k]), `${what}: ${k}`).toBe(true);
        expect(same((x as { values: Float64Array }).values, want.attr), `${what}: x`).toBe(true);
        const { c, f, y } = t.columns;
        expect(c.type === 'string' && same(c.codes, want.cat!), `${what}: c`).toBe(true);
        expect(f.type === 'boolean' && same(f.values, want.flag!), `${what}: f`).toBe(true);
        expect(y.type === 'number' && same(y.values, want.y!), `${what}: y`).toBe(true);
      }
      // At most 1 to 16 buckets for the first scatter (the default, 1024, has buckets of up to 16
      // accounts here).
      const small = groupedSort('s', accountCount, ev, false, seed % 5);
      if (small) {
        grouped++;
        check(small, `seed ${seed}, bucket bits ${seed % 5}`);
      }
      // Every other seed gives the account column up (consume): the same table.
      const t = buildActivityTable('s', accountCount, ev, seed % 2 === 0);
      if (t.columns.x === ev.columns.x) inOrder++; // nothing moved
      check(t, `seed ${seed}`);
    }
    expect(grouped).toBeGreaterThan(150);
    expect(inOrder).toBeGreaterThan(10);
    expect(grouped).toBeLessThan(290);
  });
});
