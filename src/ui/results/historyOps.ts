import type { RunRow } from '../../store/db';
import { runHeader } from '../../store/runStore';

/**
 * Bytes one account takes in one stored run. Format 2 (runStore.ts): measured when the run was
 * stored — its columns, and its key list (shared by later runs of the same accounts).
 */
export function runStoredBytes(
  run: RunRow,
): { total: number; columns: number; keys: number; keysShared: boolean } | null {
  const b = run.storedBytes;
  if (!b || run.rowCount === 0) return null;
  const columns = b.columns / run.rowCount;
  const keys = b.keys / run.rowCount;
  return { total: columns + (b.keysShared ? 0 : keys), columns, keys, keysShared: b.keysShared };
}

/**
 * Format 1 (runs stored before 2026-12-03): bytes per account from the chunk layout: total 8,
 * colour 1, segment 2, stage 2, owner 2, progress 1, ready 1, days in stage 8, one byte per CTA,
 * 4 per dimension score, measure's points and coverage, plus the account id (UTF-16 in
 * IndexedDB: 2 bytes per character, and a NUL separator).
 */
export function runBytesPerAccount(run: RunRow, idChars = 10): number {
  const h = runHeader(run);
  return (
    25 +
    h.ctas.length +
    4 * ((h.dimensionIds?.length ?? 0) + (h.measures?.length ?? 0) + 1) +
    2 * (idChars + 1)
  );
}

/**
 * The runs "keep monthly" would delete: of runs older than the newest run's last three months,
 * all but the latest run of each calendar month. Nothing is deleted here; the user confirms.
 */
export function thinMonthly(runs: RunRow[]): RunRow[] {
  if (!runs.length) return [];
  const newest = runs.reduce((m, r) => (r.asOf > m ? r.asOf : m), runs[0].asOf);
  const [y, m] = newest.split('-').map(Number);
  const cutoff = new Date(Date.UTC(y, m - 1 - 3, 1)).toISOString().slice(0, 7);
  const keep = new Map<string, RunRow>();
  for (const r of runs) {
    const month = r.asOf.slice(0, 7);
    if (month >= cutoff) continue;
    const k = keep.get(month);
    if (!k || r.asOf > k.asOf || (r.asOf === k.asOf && r.createdAt > k.createdAt))
      keep.set(month, r);
  }
  return runs.filter((r) => r.asOf.slice(0, 7) < cutoff && keep.get(r.asOf.slice(0, 7)) !== r);
}
