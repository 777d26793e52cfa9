// Tests only: two activity tables equal, column by column and byte for byte.
import { expect } from 'vitest';
import type { ActivityTable } from '../../table/activity';
import type { Column } from '../../table/columns';

const raw = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const valuesOf = (c: Column): ArrayBufferView => (c.type === 'string' ? c.codes : c.values);

/** `b` holds exactly `a`'s events: every array byte-equal, every dictionary equal (`what` names the case). */
export function expectSameActivity(a: ActivityTable, b: ActivityTable, what: string): void {
  for (const k of ['account', 'time', 'day', 'line', 'offsets'] as const)
    expect(raw(a[k]).equals(raw(b[k])), `${what}: ${k}`).toBe(true);
  expect(Object.keys(b.columns), what).toEqual(Object.keys(a.columns));
  for (const [id, c] of Object.entries(a.columns)) {
    const d = b.columns[id];
    expect(d.type, `${what}: ${id}`).toBe(c.type);
    if (c.type === 'string' && d.type === 'string') {
      expect(d.dict, `${what}: ${id} dict`).toEqual(c.dict);
      expect(raw(d.codes).equals(raw(c.codes)), `${what}: ${id} codes`).toBe(true);
    } else expect(raw(valuesOf(d)).equals(raw(valuesOf(c))), `${what}: ${id}`).toBe(true);
  }
}
