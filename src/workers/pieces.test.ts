import { describe, expect, it } from 'vitest';
import { detach, place, split } from './pieces';

describe('a value sent in pieces', () => {
  it('comes back equal: views of a shared buffer, long string lists, nested objects', () => {
    const buf = new ArrayBuffer(64);
    const ids = Array.from({ length: 120_001 }, (_, i) => `A${i}`);
    const value = {
      a: new Float64Array(buf, 8, 3).fill(1.5),
      b: new Int8Array(buf, 40, 4).fill(-1),
      ids,
      short: ['x', 'y'],
      nested: [{ codes: new Int32Array([1, 2, 3]), dict: ['p', 'q'] }],
      n: 7,
      s: 'asOf',
      none: null,
      ['__proto__' as string]: 'field named __proto__',
    };
    Object.defineProperty(value, '__proto__', { value: 'own', enumerable: true });
    const { skeleton, pieces } = split(value);
    // The string list goes in slices; the views go alone, each in a buffer of its own.
    expect(pieces.filter((p) => 'strings' in p).length).toBe(3);
    const rebuilt = structuredClone(skeleton);
    for (const p of pieces) {
      const { piece, transfer } = detach(p);
      if ('array' in piece)
        expect((piece.array.buffer as ArrayBuffer).byteLength).toBe(piece.array.byteLength);
      place(rebuilt, structuredClone(piece, { transfer }));
    }
    expect(rebuilt).toEqual(value);
    expect(Object.getOwnPropertyDescriptor(rebuilt, '__proto__')?.value).toBe('own');
  });
});
