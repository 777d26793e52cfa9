import type { FieldContract } from '../model';
import { parseAll } from './csv';
import { parseDate, parseNumber } from './coerce';
import { autoMap } from './mapping';

export type FileFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'xlsx';

/** From the extension, else from the first character (`[`/`{` = JSON/NDJSON). */
export function detectFormat(fileName: string, text: string): FileFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'json') return 'json';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'tsv' || ext === 'tab') return 'tsv';
  const head = text.slice(0, 4096).trimStart();
  if (head.startsWith('[')) return 'json';
  if (head.startsWith('{')) {
    const firstLine = head.split('\n')[0].trim();
    return firstLine.endsWith('}') && head.includes('\n{') ? 'ndjson' : 'json';
  }
  return 'csv';
}

const CANDIDATES = [',', '\t', ';', '|'];

/** The candidate that splits the first lines into the same number (>1) of fields most consistently. */
export function detectDelimiter(sample: string): string {
  let best = ',';
  let bestScore = -1;
  for (const d of CANDIDATES) {
    const { rows } = parseAll(sample, d, 30);
    if (rows.length === 0) continue;
    const body = rows.length > 1 && sample.length >= 4096 ? rows.slice(0, -1) : rows; // last may be cut
    const counts = body.map((r) => r.length);
    const first = counts[0];
    if (first < 2) continue;
    const same = counts.filter((c) => c === first).length / counts.length;
    const score = same * 100 + Math.min(first, 50);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function looksTyped(s: string): boolean {
  const t = s.trim();
  return t !== '' && (parseNumber(t) != null || parseDate(t) != null);
}

/**
 * Is the first row a header? Yes when it names a field of the contract, or when it has no
 * number/date cells while the next rows do.
 */
export function detectHeader(rows: string[][], contract: FieldContract): boolean {
  if (rows.length === 0) return false;
  const first = rows[0];
  const mapped = Object.values(autoMap(first, contract)).filter((v) => v != null).length;
  if (mapped > 0) return true;
  if (first.some(looksTyped)) return false;
  const rest = rows.slice(1, 20);
  return rest.some((r) => r.some(looksTyped)) || rest.length === 0;
}
