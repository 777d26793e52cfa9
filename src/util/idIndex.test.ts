import { describe, expect, it } from 'vitest';
import { IdIndex, hashId } from './idIndex';
import { rng } from './random';

/** IdIndex against a Map on random id lists: the same rows, the same absent ids, repeats found. */
describe('IdIndex', () => {
  it('finds every row and nothing else, as a Map does', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = rng(seed);
      const n = Math.floor(rand() * 3000);
      const alphabet = seed % 2 ? '0123456789' : 'aé日本0Z\u0000';
      const set = new Set<string>();
      while (set.size < n) {
        let s = seed % 3 ? 'A' : '';
        const len = Math.floor(rand() * 8);
        for (let k = 0; k < len; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
        set.add(s);
      }
      const ids = [...set];
      const index = IdIndex.of(ids)!;
      expect(index).not.toBeNull();
      const map = new Map(ids.map((s, i) => [s, i]));
      for (const s of ids) expect(index.get(s)).toBe(map.get(s));
      for (let k = 0; k < 500; k++) {
        const probe = ids.length ? ids[Math.floor(rand() * ids.length)] + 'x' : 'x';
        expect(index.get(probe)).toBe(map.get(probe) ?? -1);
      }
      // A repeated id anywhere in the list is found.
      if (ids.length > 1) {
        const dup = ids.slice();
        dup.splice(Math.floor(rand() * dup.length), 0, ids[Math.floor(rand() * ids.length)]);
        expect(IdIndex.of(dup)).toBeNull();
      }
    }
  });

  it('tells ids apart whose hashes meet in the table (every slot collides)', () => {
    // 5,000 ids in a table of 16,384 slots: most share a slot with another; some share a hash
    // prefix. Strings decide.
    const ids = Array.from({ length: 5000 }, (_, i) => `C${i.toString(36)}`);
    const index = IdIndex.of(ids)!;
    ids.forEach((s, i) => expect(index.get(s)).toBe(i));
    expect(index.get('')).toBe(-1);
    expect(hashId('A1')).not.toBe(hashId('A2'));
  });
});
