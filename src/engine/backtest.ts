import type { AccountTable } from '../table/columns';
import type { BacktestResult, ScoreResult } from './types';
import { columnOf } from '../table/columns';

/** One band holding more than this share of accounts means the score stopped ranking (DOMAIN §4). */
export const CONCENTRATION_WARNING = 0.6;

const CHURN = /^(churn|churned|lost|cancel(l)?ed|解約)$/i;
const EXPAND = /^(expand|expanded|expansion|upsell|拡大|アップセル)$/i;

export function isChurn(v: string): boolean {
  return CHURN.test(v.trim());
}
export function isExpansion(v: string): boolean {
  return EXPAND.test(v.trim());
}

/**
 * Check the score against what happened: churn and expansion rate per colour, the AUC of the
 * score against churn (a retained account should score higher than a churned one; ties count
 * half), and a warning when one band holds more than 60% of the accounts.
 * Accounts without a score or without an outcome are left out. Reads only the totals and colours
 * of a result (the CLI keeps just those while it scores in chunks).
 */
export function backtest(
  r: Pick<ScoreResult, 'rowCount' | 'total' | 'color' | 'colorIds'>,
  table: AccountTable,
  outcomeField: string,
): BacktestResult {
  const col = columnOf(table, outcomeField);
  if (!col || col.type !== 'string')
    throw new Error(
      `backtest: outcome field "${outcomeField}" must be a string or category column`,
    );
  const dictChurn = col.dict.map(isChurn);
  const dictExpand = col.dict.map(isExpansion);
  const nColor = r.colorIds.length;
  const accounts = new Float64Array(nColor);
  const churned = new Float64Array(nColor);
  const expanded = new Float64Array(nColor);
  const churnScores: number[] = [];
  const keptScores: number[] = [];
  let n = 0;
  for (let i = 0; i < r.rowCount; i++) {
    const code = col.codes[i];
    const t = r.total[i];
    const c = r.color[i];
    if (code < 0 || Number.isNaN(t) || c < 0) continue;
    n++;
    accounts[c]++;
    if (dictChurn[code]) {
      churned[c]++;
      churnScores.push(t);
    } else {
      keptScores.push(t);
      if (dictExpand[code]) expanded[c]++;
    }
  }
  const perColor = r.colorIds.map((color, c) => ({
    color,
    accounts: accounts[c],
    churned: churned[c],
    expanded: expanded[c],
    churnRate: accounts[c] ? churned[c] / accounts[c] : null,
    expansionRate: accounts[c] ? expanded[c] / accounts[c] : null,
  }));
  const warnings: BacktestResult['warnings'] = [];
  for (const p of perColor) {
    const share = n ? p.accounts / n : 0;
    if (share > CONCENTRATION_WARNING) {
      warnings.push({
        code: 'band_concentration',
        color: p.color,
        share,
        message: `${(share * 100).toFixed(1)}% of accounts are ${p.color}: the score no longer ranks them; tighten the bands or the measures`,
      });
    }
  }
  return { outcomeField, n, perColor, aucChurn: auc(keptScores, churnScores), warnings };
}

/**
 * Mann–Whitney AUC: P(positive score > negative score) + ½ P(equal), by ranking with
 * midranks for ties. O(n log n); null when either class is empty.
 */
export function auc(positive: number[], negative: number[]): number | null {
  const np = positive.length;
  const nn = negative.length;
  if (np === 0 || nn === 0) return null;
  const all = new Float64Array(np + nn);
  all.set(positive, 0);
  all.set(negative, np);
  const idx = Array.from({ length: np + nn }, (_, i) => i).sort((a, b) => all[a] - all[b] || a - b);
  let rankSumPos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && all[idx[j + 1]] === all[idx[i]]) j++;
    const midrank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (idx[k] < np) rankSumPos += midrank;
    i = j + 1;
  }
  return (rankSumPos - (np * (np + 1)) / 2) / (np * nn);
}
