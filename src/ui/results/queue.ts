import { ctaOwner, type ScoreResult } from '../../engine';
import { mrrFieldOf, type FieldContract, type Playbook } from '../../model';
import { csvLine } from '../../util/csvCell';
import type { AccountTable, Column } from '../../table/columns';
import { columnOf } from '../../table/columns';

/**
 * The CTA queue as flat typed arrays (one entry per fired CTA × account), so a million
 * accounts with several CTAs each stay cheap to filter and sort. Pure: tested without a DOM.
 */
export interface Queue {
  row: Int32Array;
  cta: Int32Array;
  length: number;
}

export function buildQueue(r: ScoreResult): Queue {
  let n = 0;
  for (const f of r.ctaFired) for (let i = 0; i < f.length; i++) n += f[i];
  const row = new Int32Array(n);
  const cta = new Int32Array(n);
  let k = 0;
  r.ctaFired.forEach((f, c) => {
    for (let i = 0; i < f.length; i++)
      if (f[i]) {
        row[k] = i;
        cta[k++] = c;
      }
  });
  return { row, cta, length: n };
}

/** The numeric field holding MRR, if the contract declares or has one (model/fields.ts). */
export function mrrField(contract: FieldContract): string | null {
  return mrrFieldOf(contract);
}

export function numberAt(col: Column | undefined, row: number): number {
  return col && (col.type === 'number' || col.type === 'date') ? col.values[row] : NaN;
}
export function textAt(col: Column | undefined, row: number): string {
  if (!col || col.type !== 'string') return '';
  const c = col.codes[row];
  return c < 0 ? '' : col.dict[c];
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
  /** Lifecycle of an entry (row, CTA index); null while unknown. */
  life?: (row: number, cta: number) => { isNew: boolean; marked: boolean } | null,
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
      const l = life(i, c);
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

/** How the queue's ids read in the UI language (resultLabels in labels.ts gives these). */
export interface QueueLabels {
  color: (id: string) => string;
  ctaType: (id: string) => string;
  priority: (id: string) => string;
}

/**
 * The queue as CSV, safe to open in a spreadsheet (every cell through src/util/csvCell.ts:
 * formula-like text is neutralised with '). Ids stay in their own columns for scripts (`type`,
 * `priority`, `color_id`); next to each, its label as the screen shows it, in the UI language
 * (`type_label`, `priority_label`, `color`, which kept its name from before ids were added).
 */
export function queueCsv(
  q: Queue,
  idx: Int32Array,
  r: ScoreResult,
  table: AccountTable,
  playbook: Playbook,
  labels: QueueLabels,
  /** Lifecycle columns appended after the original ones. */
  life?: (
    row: number,
    cta: number,
  ) => { status: string; runs: number; since: string; mark: string; until: string; reason: string },
): string {
  const contract = playbook.fields;
  const nameCol = contract.nameField ? columnOf(table, contract.nameField) : undefined;
  const m = mrrField(contract);
  const mrrCol = m ? columnOf(table, m) : undefined;
  const trigger = new Map(playbook.ctas.map((c) => [c.id, c.trigger]));
  const colors = r.colorIds.map(labels.color);
  const lines = [
    'account_id,company_name,cta_id,cta_label,type,type_label,priority,priority_label,owner,due_date,score,color,color_id,mrr,trigger' +
      (life ? ',status,runs,since,mark,mark_until,mark_reason' : ''),
  ];
  for (const k of idx) {
    const c = q.cta[k];
    const i = q.row[k];
    const info = r.ctas[c];
    const score = r.total[i];
    const mrr = numberAt(mrrCol, i);
    const color = r.color[i];
    lines.push(
      csvLine([
        r.accountIds[i],
        textAt(nameCol, i),
        info.id,
        info.label,
        info.type,
        labels.ctaType(info.type),
        info.priority,
        labels.priority(info.priority),
        ownerOf(r, c, i),
        info.dueDate,
        // One decimal, as the queue shows it.
        Number.isNaN(score) ? null : score.toFixed(1),
        color >= 0 ? colors[color] : null,
        color >= 0 ? r.colorIds[color] : null,
        Number.isNaN(mrr) ? null : mrr,
        trigger.get(info.id) ?? '',
        ...(life
          ? (() => {
              const l = life(i, c);
              return [l.status, l.runs, l.since, l.mark, l.until, l.reason];
            })()
          : []),
      ]),
    );
  }
  // BOM so Excel on Japanese Windows opens UTF-8 correctly.
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
