import type { ScoreResult } from './types';

/**
 * Who owns CTA `k` for account `row`: the person in the CTA's owner field when that field has a
 * value, else the CTA's role, else the account's routed owner. The one rule the queue, exports,
 * summaries, history and the SQL query (playbookSql.ts) all follow.
 */
export function ctaOwner(r: ScoreResult, k: number, row: number): string {
  const p = r.ctaPerson?.[k];
  if (p) {
    const code = p.codes[row];
    // An empty text counts as blank, as NULLIF(field, '') does in the SQL.
    if (code >= 0 && p.dict[code] !== '') return p.dict[code];
  }
  return r.ctas[k].ownerRole || r.ownerIds[r.owner[row]];
}
