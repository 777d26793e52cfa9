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

  it('sends a big typed array in slices that rebuild it, of its own type', () => {
    const arena = new ArrayBuffer(8 * 1000 + 16);
    const value = {
      f: new Float64Array(arena, 16, 1000).map((_, i) => i * 1.5 - 7),
      i: Int32Array.from({ length: 777 }, (_, k) => (k * 7919) % 1013),
      u: Uint8Array.from({ length: 301 }, (_, k) => k % 256),
      small: new Int16Array([3, -4]),
    };
    // 100-byte slices: 12.5 doubles → 12 per piece, 25 int32s, 100 bytes.
    const { skeleton, pieces } = split(value, 50_000, 100);
    const sliced = (path: string) => pieces.filter((p) => p.path[0] === path).length;
    expect([sliced('f'), sliced('i'), sliced('u'), sliced('small')]).toEqual([84, 32, 4, 1]);
    const rebuilt = structuredClone(skeleton) as typeof value;
    // Slices may arrive in any order after the first: place each at its offset.
    const sent = pieces.map((p) => detach(p));
    for (const k of [...sent.keys()].reverse()) {
      const { piece, transfer } = sent[k];
      if ('array' in piece) expect(piece.array.byteLength).toBeLessThanOrEqual(100);
      place(rebuilt, structuredClone(piece, { transfer }));
    }
    expect(rebuilt.f).toBeInstanceOf(Float64Array);
    expect(rebuilt.i).toBeInstanceOf(Int32Array);
    expect(rebuilt).toEqual(value);
  });
});
