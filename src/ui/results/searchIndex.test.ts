import { describe, expect, it } from 'vitest';
import { addSearchSlice, hasSearchIndex, searchHits, searchPaths } from './searchIndex';

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

  it('answers typing sessions (extend, shrink, replace) as includes does, Japanese and ids', () => {
    const next = rng(26);
    const paths0 = { ...searchPaths };
    for (let round = 0; round < 12; round++) {
      const values = typingValues(next, 2_000 + Math.floor(next() * 30_000), round);
      if (round % 2)
        for (
          let from = 0, slice = 1 + Math.floor(next() * 4_000);
          from < values.length;
          from += slice
        )
          addSearchSlice(values, from, values.slice(from, from + slice));
      for (const needle of typingSession(next, values))
        expect(firstDiff(values, needle), `round ${round}`).toBeNull();
    }
    // Each way of answering was taken: candidates tested, scans, bits alone.
    expect(searchPaths.narrow - paths0.narrow).toBeGreaterThan(40);
    expect(searchPaths.scan - paths0.scan).toBeGreaterThan(20);
    expect(searchPaths.bits - paths0.bits).toBeGreaterThan(10);
  });

  it('searches ASCII needles over Japanese text exactly (digits among kana, U+0001, é)', () => {
    // '0' is 0x30, the high byte of every kana: what the ASCII texts are for.
    const next = rng(5);
    const parts = [
      'カ',
      'ガ',
      'ジャパン',
      '株式会社',
      '０',
      '１',
      '0',
      '1',
      '00',
      'é',
      'É',
      '\u0001',
      'a',
      'B',
      ' ',
      '-',
    ];
    const values = Array.from({ length: 40_000 }, () => {
      let s = '';
      for (let k = Math.floor(next() * 6); k > 0; k--)
        s += parts[Math.floor(next() * parts.length)];
      return s;
    });
    const a0 = searchPaths.asciiChunks;
    for (const n of [
      '0',
      '00',
      '000',
      '1',
      '01',
      'a',
      'é',
      'e',
      '\u0001',
      'a\u0001',
      '0\u00011',
      ' -',
      'b',
      'カ0',
      '０',
    ])
      expect(firstDiff(values, n), JSON.stringify(n)).toBeNull();
    expect(searchPaths.asciiChunks).toBeGreaterThan(a0);
  });
});

/** Values like the run's: ids (AC0000123), Japanese company names with digits, or a mix. */
function typingValues(next: () => number, n: number, round: number): string[] {
  const kana = [
    'ア',
    'ベ',
    'ー',
    'タ',
    'メ',
    'ディ',
    'カル',
    'ジャパン',
    '株式会社',
    '合同会社',
    'ロジ',
    '工業',
  ];
  const latin = ['Blue', 'Acme', 'ＡＢＣ', 'ｶﾞ', '　', ' ', '-', 'Σ', 'ß'];
  return Array.from({ length: n }, (_, i) => {
    if (round % 3 === 0) return `AC${String(i + 1).padStart(7, '0')}`;
    let s = '';
    for (let k = 1 + Math.floor(next() * 5); k > 0; k--) {
      const r = next();
      s +=
        r < 0.6
          ? kana[Math.floor(next() * kana.length)]
          : r < 0.8
            ? String(Math.floor(next() * 200))
            : latin[Math.floor(next() * latin.length)];
    }
    return round % 3 === 1 ? s : `${s}${i % 7 ? '' : String(i)}`;
  });
}

/** A user typing: keys added one at a time, backspaces, the text replaced by another. */
function typingSession(next: () => number, values: string[]): string[] {
  const out: string[] = [];
  for (let word = 0; word < 6; word++) {
    const v = values[Math.floor(next() * values.length)].toLowerCase();
    const a = Math.floor(next() * v.length);
    const target = v.slice(a, a + 2 + Math.floor(next() * 6)) + (next() < 0.2 ? 'q' : '');
    let typed = '';
    for (const ch of target) {
      typed += ch;
      out.push(typed);
      if (next() < 0.15 && typed.length > 1) out.push((typed = typed.slice(0, -1)));
    }
    if (next() < 0.5) out.push(typed.slice(1));
  }
  return out;
}
