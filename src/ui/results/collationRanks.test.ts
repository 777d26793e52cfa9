import { describe, expect, it } from 'vitest';
import { rng } from '../../util/random';
import {
  approxKeys,
  collationRanks,
  collationRanksPlain,
  SteppedRanking,
  sortKeys,
} from './collationRanks';

/** Names as CRM exports hold them: Japanese and English, kana and kanji, full and half width. */
const PARTS = [
  'アルファ',
  'あるふぁ',
  'ｱﾙﾌｧ',
  'ガンマ',
  'カンマ',
  'かんま',
  'ベータ',
  'ヘータ',
  'サクラ',
  'さくら',
  'ホシノ',
  'ミナト',
  'ー',
  '株式会社',
  '合同会社',
  '(株)',
  '（株）',
  '商事',
  '工業',
  '物産',
  '製作所',
  '東京',
  '大阪',
  '日本',
  '山田',
  'Nova',
  'nova',
  'NOVA',
  'Ｎｏｖａ',
  'Acme',
  'acme',
  'Summit',
  'Blue',
  'ß',
  'ss',
  'é',
  'e',
  'Ä',
  'a',
  ', Inc.',
  ' ',
  '-',
  '_',
  '.',
  '&',
  '😀',
  '𠮷',
  '\u0301',
  '\u200b',
  'Ⅻ',
  '½',
];
const DIGITS = [
  '0',
  '1',
  '2',
  '9',
  '10',
  '007',
  '１',
  '２',
  '１０',
  '99999999999999999999999999999999999',
];

function names(seed: number, n: number, digits = DIGITS): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = r();
    if (u < 0.05) out.push('');
    else if (u < 0.15 && out.length)
      out.push(pick(out)); // duplicates
    else {
      let s = '';
      const parts = 1 + Math.floor(r() * 4);
      for (let k = 0; k < parts; k++) s += r() < 0.3 ? pick(digits) : pick(PARTS);
      out.push(s);
    }
  }
  return out;
}

const ranksAgree = (values: string[], locale: string | undefined) => {
  const coll = new Intl.Collator(locale, { numeric: true });
  expect(Array.from(collationRanks(values, coll))).toEqual(
    Array.from(collationRanksPlain(values, coll)),
  );
};

describe('collation ranks with few collator calls', () => {
  it.each([undefined, 'en', 'ja', 'de', 'cs', 'sv'])(
    'equal the plain collator sort on random names (%s)',
    (locale) => {
      for (const seed of [1, 2, 3]) ranksAgree(names(seed, 3000), locale);
      // Other scripts' digits (ICU is not consistent over them): the plain sort's answer.
      ranksAgree(names(1, 3000, [...DIGITS.slice(0, -1), '٣', ...DIGITS.slice(-1)]), locale);
      ranksAgree(names(5, 3000, [...DIGITS, '३', '𝟏']), locale);
    },
  );

  it('equal it where the key misleads (Czech ch after h, numbers past 30 digits)', () => {
    // The key orders by single characters; the check must catch each of these and sort again.
    const values = ['hrad', 'chata', 'cesta', 'ihned', 'Chrudim', 'h'];
    for (let i = 0; i < 40; i++) values.push(`x${'9'.repeat(31)}${i}`, `x${'9'.repeat(32)}`);
    ranksAgree(values, 'cs');
    ranksAgree(values, 'en');
  });

  it('equal it on lists already in order, or in order but for one pair', () => {
    for (const locale of ['ja', 'en', 'cs']) {
      const coll = new Intl.Collator(locale, { numeric: true });
      for (const seed of [41, 42]) {
        const values = names(seed, 2000);
        const rank = collationRanksPlain(values, coll);
        // Sorted (ties in table order), missing values left where they were.
        const order = values.map((_, i) => i).filter((i) => values[i]);
        order.sort((a, b) => rank[a] - rank[b] || a - b);
        const sorted = values.slice();
        let at = 0;
        for (let i = 0; i < values.length; i++) if (values[i]) sorted[i] = values[order[at++]];
        ranksAgree(sorted, locale);
        ranksAgree(sorted.slice().reverse(), locale);
        const late = sorted.slice();
        const i = late.length - 3;
        [late[i], late[i + 1]] = [late[i + 1], late[i]];
        ranksAgree(late, locale);
      }
    }
    // In order by the collator's neighbours, but with digits of another script: the plain sort.
    ranksAgree(['1a', '1٣', '11', 'b'], 'ja');
    ranksAgree(['AC1', 'AC2', 'AC10', 'ac10', 'AC010'], 'en');
  });

  it('equal it on edge lists: empty, all missing, one value, all equal', () => {
    for (const v of [[], [''], ['', ''], ['a'], ['b', 'B', 'b'], ['あ', 'ア', 'ｱ', '']])
      ranksAgree(v, 'ja');
  });

  it('call the collator about once per name on demo-like names', () => {
    const r = rng(7);
    const heads = ['アルファ', 'ベータ', 'ガンマ', 'サクラ', 'Nova', 'Acme'];
    const forms = ['株式会社{}', '{}株式会社', '{}(株)', '合同会社{}', '{}', '{}, Inc.'];
    const values = Array.from({ length: 20_000 }, (_, i) =>
      forms[Math.floor(r() * forms.length)].replace(
        '{}',
        `${heads[Math.floor(r() * heads.length)]}${i % 7 ? (i % 997) + 1 : ''}`,
      ),
    );
    const coll = new Intl.Collator('ja', { numeric: true });
    let calls = 0;
    const counting = {
      compare: (a: string, b: string) => (calls++, coll.compare(a, b)),
      resolvedOptions: () => coll.resolvedOptions(),
    } as Intl.Collator;
    const rank = collationRanks(values, counting);
    expect(Array.from(rank)).toEqual(Array.from(collationRanksPlain(values, coll)));
    // The plain sort makes ~n log n calls (~280,000 here); the check makes n - 1, ties a few.
    expect(calls).toBeLessThan(values.length * 1.5);
  });

  it('sort keys by code, a key before the longer keys it begins, ties in number order', () => {
    const values = ['b', 'ab', 'a', 'a2', 'a10', 'A', 'a02', 'ba'];
    const keys = approxKeys(
      values,
      values.map((_, i) => i),
      new Intl.Collator('en'),
    )!;
    const order = Array.from(sortKeys(keys), (p) => values[p]);
    expect(order).toEqual(['a', 'A', 'a2', 'a02', 'a10', 'ab', 'b', 'ba']);
  });

  it('leave lists with digits of other scripts to the plain sort', () => {
    // ICU's numeric collation is no consistent order over them: "11" < "1٣" < "1a" < "11".
    const coll = new Intl.Collator('ja', { numeric: true });
    expect([coll.compare('11', '1٣'), coll.compare('1٣', '1a'), coll.compare('1a', '11')]).toEqual([
      -1, -1, -1,
    ]);
    for (const odd of ['1٣', 'x३', '𝟏']) expect(approxKeys(['a1', odd], [0, 1], coll)).toBeNull();
    expect(approxKeys(['a1', '１２', 'b'], [0, 1, 2], coll)).not.toBeNull();
  });

  it('in steps of any size, paused and resumed anywhere, give exactly the same ranks', () => {
    const r = rng(11);
    const lists = [
      names(21, 300),
      names(22, 57),
      ['b', 'B', 'b', '', 'a'],
      [],
      // Identical keys (case, width, kana) and a key that misleads (Czech ch): both fall-backs.
      ['hrad', 'chata', 'cesta', 'Chrudim', 'h', 'ｶﾅ', 'カナ', 'かな', 'A1', 'a01', 'a1'],
      names(23, 200, [...DIGITS, '٣']),
    ];
    for (const locale of ['ja', 'en', 'cs']) {
      const coll = new Intl.Collator(locale, { numeric: true });
      for (const values of lists) {
        const want = Array.from(collationRanks(values, coll));
        for (const every of [1, 2, 3, 7, 16, 64, values.length || 1, values.length + 1]) {
          const tasks: (() => void)[] = [];
          let got: Int32Array | null = null;
          let finished = 0;
          // Each slice is one step (no time passes), so every pause point is reachable. The clock
          // is read once per step: none is taken while paused.
          let clock = 0;
          const ranking = new SteppedRanking(
            values,
            coll,
            (f) => tasks.push(f),
            (rank) => {
              got = rank;
              finished++;
            },
            0,
            every,
            () => (clock++, 0),
          );
          let paused = false;
          for (let guard = 0; guard < 1e6 && !got; guard++) {
            if (r() < 0.2) {
              paused = !paused;
              if (paused) ranking.pause();
              else ranking.resume();
            }
            // Paused: a slice already asked for does nothing; nothing new is asked for.
            const before = clock;
            if (paused) tasks.splice(0).forEach((f) => f());
            else tasks.shift()?.();
            if (paused) expect([tasks.length, clock - before]).toEqual([0, 0]);
          }
          expect(finished).toBe(1);
          expect(Array.from(got!)).toEqual(want);
        }
      }
    }
  });

  it('sort keys in steps exactly as in one go (blocks sorted, then merged)', () => {
    const coll = new Intl.Collator('ja', { numeric: true });
    for (const [seed, n] of [
      [31, 500],
      [32, 77],
      [33, 16],
      [34, 2],
    ]) {
      const values = names(seed, n).filter(Boolean);
      const keys = approxKeys(
        values,
        values.map((_, i) => i),
        coll,
      )!;
      const want = Array.from(sortKeys(keys));
      // Blocks of 16 × every: from one block to dozens of merged ones.
      for (const every of [1, 2, 3, 5, 8, 40, n])
        expect(Array.from(sortKeys(keys, every))).toEqual(want);
    }
  });

  it('a cancelled ranking never finishes', () => {
    const tasks: (() => void)[] = [];
    let finished = false;
    const ranking = new SteppedRanking(
      names(3, 100),
      new Intl.Collator('ja', { numeric: true }),
      (f) => tasks.push(f),
      () => (finished = true),
      0,
      5,
      () => 0,
    );
    tasks.shift()!();
    ranking.cancel();
    ranking.resume();
    while (tasks.length) tasks.shift()!();
    expect(finished).toBe(false);
  });
});
