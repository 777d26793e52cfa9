/** "Did you mean …?" — nearest candidate by edit distance, case-insensitive. */

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length,
    n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n];
}

/** One name the user may have meant: `match` is compared, `value` is what to write instead. */
export interface Candidate {
  match: string;
  value: string;
}

/**
 * The closest candidate within a distance that scales with the word's length (a third of it,
 * at least 1 and at most 3), or an exact case-insensitive match; undefined when nothing is close.
 */
export function nearest(word: string, candidates: readonly Candidate[]): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = levenshtein(w, c.match.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && c.value < best)) {
      bestD = d;
      best = c.value;
    }
  }
  return bestD <= limit ? best : undefined;
}
