import { ctaOwner, type ScoreResult } from '../../engine';
import { numberAt, textAt, type Queue } from '../../engine/ctaQueue';
import { mrrFieldOf, type FieldContract } from '../../model';
import type { AccountTable } from '../../table/columns';
import { columnOf } from '../../table/columns';

// The queue itself and its CSV live in the engine (the export worker writes it).
export {
  buildQueue,
  numberAt,
  queueCsv,
  textAt,
  type Queue,
  type QueueLabels,
} from '../../engine/ctaQueue';

/** The numeric field holding MRR, if the contract declares or has one (model/fields.ts). */
export function mrrField(contract: FieldContract): string | null {
  return mrrFieldOf(contract);
}

/** The CTA's owner: the person from its owner field, else its role, else the routed owner. */
export function ownerOf(r: ScoreResult, cta: number, row: number): string {
  return ctaOwner(r, cta, row);
}

export interface QueueFilter {
  /** Lifecycle: open (default: not done/snoozed/dismissed), new since the last run, continuing, marked, all. */
  status?: 'open' | 'new' | 'continuing' | 'marked' | 'all';
  type?: string;
  owner?: string;
  priority?: string;
  search?: string;
  sort: 'priority' | 'mrr' | 'score' | 'due';
}

const PRIORITY = { high: 0, medium: 1, low: 2 } as const;

/** Indices into the queue that pass the filter, sorted. */
export function filterQueue(
  q: Queue,
  r: ScoreResult,
  table: AccountTable,
  contract: FieldContract,
  f: QueueFilter,
  /** Lifecycle of an entry (row, CTA index, queue entry); null while unknown. */
  life?: (row: number, cta: number, k: number) => { isNew: boolean; marked: boolean } | null,
): Int32Array {
  const ids = r.accountIds;
  const nameCol = contract.nameField ? columnOf(table, contract.nameField) : undefined;
  const mrrCol = (() => {
    const m = mrrField(contract);
    return m ? columnOf(table, m) : undefined;
  })();
  const needle = f.search?.trim().toLowerCase() ?? '';
  const out: number[] = [];
  for (let k = 0; k < q.length; k++) {
    const c = q.cta[k];
    const i = q.row[k];
    const info = r.ctas[c];
    if (f.type && info.type !== f.type) continue;
    const st = f.status ?? 'open';
    if (life && st !== 'all') {
      const l = life(i, c, k);
      if (st === 'marked' ? !l?.marked : l?.marked) continue;
      if (st === 'new' && !l?.isNew) continue;
      if (st === 'continuing' && (!l || l.isNew)) continue;
    }
    if (f.priority && info.priority !== f.priority) continue;
    if (f.owner && ownerOf(r, c, i) !== f.owner) continue;
    if (
      needle &&
      !(
        ids[i].toLowerCase().includes(needle) ||
        textAt(nameCol, i).toLowerCase().includes(needle) ||
        info.label.toLowerCase().includes(needle)
      )
    )
      continue;
    out.push(k);
  }
  const key = (k: number): number => {
    const c = q.cta[k];
    const i = q.row[k];
    switch (f.sort) {
      case 'mrr': {
        const v = numberAt(mrrCol, i);
        return Number.isNaN(v) ? Infinity : -v;
      }
      case 'score': {
        const v = r.total[i];
        return Number.isNaN(v) ? Infinity : v;
      }
      case 'due':
        return r.ctas[c].dueInDays * 10 + PRIORITY[r.ctas[c].priority];
      default:
        return PRIORITY[r.ctas[c].priority] * 1e6 + r.ctas[c].dueInDays;
    }
  };
  const keys = new Float64Array(q.length);
  for (const k of out) keys[k] = key(k);
  out.sort((a, b) => keys[a] - keys[b] || q.row[a] - q.row[b]);
  return Int32Array.from(out);
}
