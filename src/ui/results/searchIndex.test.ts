import { describe, expect, it } from 'vitest';
import { addSearchSlice, hasSearchIndex, searchHits } from './searchIndex';

/** What a search finds, by definition: each value lowercased, then `includes`. */
const byValue = (values: readonly string[], needle: string) =>
  Uint8Array.from(values, (v) => (v.toLowerCase().includes(needle) ? 1 : 0));

/** The first value where the index and the definition disagree, with both answers (or null). */
function firstDiff(values: readonly string[], needle: string) {
  const got = searchHits(values, needle);
  const want = byValue(values, needle);
  if (got.length !== want.length) return { length: got.length, want: want.length };
  for (let k = 0; k < want.length; k++)
    if (got[k] !== want[k]) return { k, value: values[k], needle, got: got[k], want: want[k] };
  return null;
}

/** Seeded random (mulberry32). */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters whose lowercase is context-dependent (Σ), longer (İ), or cased outside ASCII.
const ALPHABET = [
  'a',
  'B',
  'c',
  '0',
  '1',
  ' ',
  '-',
  'Σ',
  'σ',
  'ς',
  'İ',
  'i',
  'I',
  'Ä',
  'ä',
  'カ',
  'ｶ',
  '𐐀',
  'ẞ',
  'ß',
];

const alphabetOf = (round: number) => (round % 2 ? ALPHABET.filter((c) => c !== 'İ') : ALPHABET);

function randomValues(next: () => number, n: number, alphabet = ALPHABET): string[] {
  return Array.from({ length: n }, () => {
    const len = Math.floor(next() * 7);
    let s = '';
    for (let k = 0; k < len; k++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  });
}

function needles(next: () => number, values: string[]): string[] {
  const out = ['a', 'σ', 'ς', 'i̇', 'i', '0', 'zz', 'b\u0000a', '\u0000'];
  for (let k = 0; k < 30; k++) {
    // Across two neighbouring values too (must never match across the boundary).
    const i = Math.floor(next() * (values.length - 1));
    const s = (values[i] + values[i + 1]).toLowerCase();
    const a = Math.floor(next() * s.length);
    out.push(s.slice(a, a + 1 + Math.floor(next() * 3)));
  }
  return out.filter(Boolean);
}

describe('searchHits', () => {
  it('finds what includes on each lowercased value finds (random lists, built at once)', () => {
    const next = rng(7);
    for (let round = 0; round < 14; round++) {
      // Odd rounds without İ: every chunk then takes the joined-lowercase path.
      const values = randomValues(next, 1 + Math.floor(next() * 40_000), alphabetOf(round));
      for (const n of needles(next, values))
        expect(firstDiff(values, n), `round ${round}, needle ${JSON.stringify(n)}`).toBeNull();
    }
  });

  it('gives the same answers when built from slices as they arrive', () => {
    const next = rng(11);
    for (let round = 0; round < 14; round++) {
      const values = randomValues(next, 1 + Math.floor(next() * 30_000), alphabetOf(round));
      const slice = 1 + Math.floor(next() * 5_000);
      for (let from = 0; from < values.length; from += slice)
        addSearchSlice(values, from, values.slice(from, from + slice));
      expect(hasSearchIndex(values)).toBe(true);
      for (const n of needles(next, values)) expect(firstDiff(values, n)).toBeNull();
    }
  });

  it('searches value by value when a value holds U+0000, from slices or not', () => {
    const next = rng(3);
    for (const sliced of [false, true]) {
      const values = randomValues(next, 20_000, [...ALPHABET, '\u0000']);
      if (sliced)
        for (let from = 0; from < values.length; from += 1_000)
          addSearchSlice(values, from, values.slice(from, from + 1_000));
      for (const n of [...needles(next, values), 'a\u0000', '\u0000b'])
        expect(firstDiff(values, n)).toBeNull();
    }
  });

  it('ignores slices out of order (indexed when searched instead)', () => {
    const values = ['Ab', 'cD', 'ab', 'İx', 'dc'];
    addSearchSlice(values, 0, values.slice(0, 2));
    addSearchSlice(values, 3, values.slice(3));
    expect(hasSearchIndex(values)).toBe(false);
    for (const n of ['ab', 'd', 'i̇', 'x', 'bc']) expect(firstDiff(values, n)).toBeNull();
  });

  it('matches the account ids of a large run (ids with a long shared prefix)', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `AC${String(i + 1).padStart(7, '0')}`);
    for (let from = 0; from < ids.length; from += 10_000)
      addSearchSlice(ids, from, ids.slice(from, from + 10_000));
    for (const n of ['0', '00', '000', '00004', 'ac0000010', 'c0', '9\u00000']) {
      expect(firstDiff(ids, n)).toBeNull();
    }
  });
});
