import { pick } from './random';

/** Company names that look like a Japanese CRM export (with legal forms placed either side). */
const HEADS = [
  'アルファ',
  'ベータ',
  'ガンマ',
  'デルタ',
  'サクラ',
  'ミドリ',
  'ヒカリ',
  'アオゾラ',
  'ホシノ',
  'ツバサ',
  'カエデ',
  'ミナト',
  'ヤマト',
  'フジ',
  'アサヒ',
  'ミライ',
  'Nova',
  'Blue',
  'Summit',
  'Acme',
];
const MIDS = [
  '',
  'テック',
  'システムズ',
  'ソリューションズ',
  'ネット',
  'ワークス',
  'ラボ',
  'デザイン',
  'ロジ',
  'メディカル',
  'フーズ',
  'リテール',
  'ファイナンス',
];
const TAILS = ['商事', '工業', '物産', '製作所', 'ホールディングス', '', '', 'ジャパン'];
const FORMS = ['株式会社{}', '{}株式会社', '{}(株)', '合同会社{}', '{}', '{}, Inc.'];

export function companyName(r: () => number, i: number): string {
  const base = `${pick(r, HEADS)}${pick(r, MIDS)}${pick(r, TAILS)}`;
  // Make names unique enough to join on: add a short number for most accounts.
  const name = i % 7 === 0 ? base : `${base}${(i % 997) + 1}`;
  return pick(r, FORMS).replace('{}', name);
}
