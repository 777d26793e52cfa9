import { describe, expect, it } from 'vitest';
import { rng } from '../../util/random';
import { approxKeys, collationRanks, collationRanksPlain, sortKeys } from './collationRanks';

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
});
