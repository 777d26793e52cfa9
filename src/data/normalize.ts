/** Header and company-name normalisation (NFKC, case, spacing, legal-entity words). */

/** For matching column headers to field ids and labels: "ＭＲＲ（円）" → "mrr", "Account_ID" → "accountid". */
export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・.:：/]+/g, '');
}

/** Same without a unit in brackets: "MRR(円)" → "mrr". */
export function headerKeyNoUnit(s: string): string {
  return headerKey(s.normalize('NFKC').replace(/[([{【［].*?[)\]}】］]/g, ''));
}

const LEGAL_FORMS = [
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '(株)',
  '(有)',
  '(同)',
  '㈱',
  '㈲',
];
const LEGAL_WORDS_EN =
  /\b(incorporated|inc|corporation|corp|company|co|ltd|limited|llc|plc|gmbh|kk|k\.k)\b\.?/g;

/**
 * For joining sources by company name (名寄せ): NFKC, lower case, legal forms
 * (株式会社, (株), Inc., Co., Ltd.) and all spacing/punctuation removed.
 * "株式会社 アルファ" = "アルファ(株)" = "ｱﾙﾌｧ 株式会社" → "アルファ".
 */
export function normalizeCompanyName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  for (const f of LEGAL_FORMS) s = s.split(f.normalize('NFKC')).join(' ');
  s = s.replace(LEGAL_WORDS_EN, ' ');
  return s.replace(/[\s.,、。・'"’&＆()（）\-_/]+/g, '');
}

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
