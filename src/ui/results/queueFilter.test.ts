import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable, type ScoreResult } from '../../engine';
import { playbookFromProject, type FieldContract } from '../../model';
import { demoProject } from '../../data/testing/helpers';
import { generateDemoTable } from '../../data/demo/generate';
import type { AccountTable } from '../../table/columns';
import { columnOf } from '../../table/columns';
import { rng } from '../../util/random';
import {
  buildQueue,
  filterQueue,
  mrrField,
  numberAt,
  ownerOf,
  textAt,
  type Queue,
  type QueueFilter,
} from './queue';

/**
 * filterQueue reads the lifecycle as typed arrays (run counts by entry, marks asked only of
 * marked rows) instead of calling back per entry: on random queues, lifecycles, marks and
 * filters it returns exactly what the callback version did, as the CTA tab called it.
 */
const PRIORITY = { high: 0, medium: 1, low: 2 } as const;
type Life = (row: number, cta: number, k: number) => { isNew: boolean; marked: boolean } | null;

/** filterQueue as it was before the typed-array filter (a per-entry lifecycle callback). */
function legacyFilterQueue(
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
  // The priority and due-date sorts' key: a CTA's alone.
  const ctaKey = (c: number): number =>
    f.sort === 'due'
      ? r.ctas[c].dueInDays * 10 + PRIORITY[r.ctas[c].priority]
      : PRIORITY[r.ctas[c].priority] * 1e6 + r.ctas[c].dueInDays;
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
      default:
        return ctaKey(c);
    }
  };
  if (f.sort !== 'mrr' && f.sort !== 'score') return legacyByCtaKey(q, out, ctaKey);
  const keys = new Float64Array(q.length);
  for (const k of out) keys[k] = key(k);
  out.sort((a, b) => keys[a] - keys[b] || q.row[a] - q.row[b]);
  return Int32Array.from(out);
}

/**
 * `out` (queue entries in queue order: by CTA, then row) ordered by a key that depends on the
 * CTA only, then by row, ties in CTA order — what the stable comparator sort gives, without
 * sorting: each CTA's entries are already by row, so CTAs of one key are merged by row (a sort
 * of a million-entry queue on the page took ~50–150 ms).
 */
function legacyByCtaKey(q: Queue, out: number[], keyOf: (c: number) => number): Int32Array {
  const res = new Int32Array(out.length);
  // Each CTA's entries form one run of `out`.
  const runs = new Map<number, [number, number]>();
  for (let t = 0; t < out.length;) {
    const c = q.cta[out[t]];
    let e = t + 1;
    while (e < out.length && q.cta[out[e]] === c) e++;
    runs.set(c, [t, e]);
    t = e;
  }
  const cs = [...runs.keys()].sort((a, b) => keyOf(a) - keyOf(b) || a - b);
  let w = 0;
  for (let g = 0; g < cs.length;) {
    let h = g + 1;
    while (h < cs.length && keyOf(cs[h]) === keyOf(cs[g])) h++;
    const at = cs.slice(g, h).map((c) => [...runs.get(c)!]);
    for (;;) {
      let best = -1;
      for (let m = 0; m < at.length; m++)
        if (at[m][0] < at[m][1] && (best < 0 || q.row[out[at[m][0]]] < q.row[out[at[best][0]]]))
          best = m;
      if (best < 0) break;
      res[w++] = out[at[best][0]++];
    }
    g = h;
  }
  return res;
}

describe('filterQueue with the lifecycle as arrays', () => {
  const pb = playbookFromProject(demoProject);
  const c = compilePlaybook(pb, { asOf: '2026-11-01' });
  if (!c.ok) throw new Error('demo playbook does not compile');

  it('equals the per-entry callback filter on random inputs', () => {
    let cases = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const rand = rng(seed * 7919);
      const table = generateDemoTable({ rows: 300 + Math.floor(rand() * 900), seed });
      const r = scoreTable(c.compiled, table);
      const q = buildQueue(r);
      // 0..4 runs by entry (0: none, as a queue of another run would give), marks on some rows.
      const runs = Uint16Array.from({ length: q.length }, () => Math.floor(rand() * 5));
      const markedRows = new Set<number>();
      for (let i = 0; i < r.rowCount; i++) if (rand() < 0.05) markedRows.add(i);
      const markedEntry = Uint8Array.from({ length: q.length }, (_, k) =>
        markedRows.has(q.row[k]) && rand() < 0.6 ? 1 : 0,
      );
      // The CTA tab's callback: unmarked rows give their run count, marked rows their mark.
      const callback =
        (known: boolean): Life =>
        (row, _c, k) =>
          !known
            ? null
            : !markedRows.has(row)
              ? { isNew: runs[k] === 1, marked: false }
              : { isNew: runs[k] === 1, marked: !!markedEntry[k] };
      const arrays = {
        runs,
        markedRows,
        marked: (_r: number, _c: number, k: number) => !!markedEntry[k],
      };
      const ids = r.accountIds;
      const name = textAt(columnOf(table, pb.fields.nameField!), q.row[Math.floor(q.length / 2)]);
      const owners = [...new Set(Array.from(q.cta, (cta, k) => ownerOf(r, cta, q.row[k])))];
      for (let t = 0; t < 40; t++) {
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
        const info = pick(r.ctas);
        const f: QueueFilter = {
          sort: pick(['priority', 'mrr', 'score', 'due'] as const),
          status: pick(['open', 'new', 'continuing', 'marked', 'all', undefined] as const),
          ...(rand() < 0.3 ? { type: info.type } : {}),
          ...(rand() < 0.3 ? { priority: info.priority } : {}),
          ...(rand() < 0.2 ? { owner: pick(owners) } : {}),
          ...(rand() < 0.3
            ? {
                search: pick([
                  ids[Math.floor(rand() * ids.length)].slice(-2),
                  name.slice(0, 2).toUpperCase(),
                  info.label.slice(1, 4),
                  '  ',
                ]),
              }
            : {}),
        };
        for (const known of [true, false]) {
          const want = legacyFilterQueue(q, r, table, pb.fields, f, callback(known));
          const got = filterQueue(q, r, table, pb.fields, f, known ? arrays : null);
          expect([...got], JSON.stringify({ seed, f, known })).toEqual([...want]);
          cases++;
        }
        // No lifecycle at all: no status filter, as before.
        expect([...filterQueue(q, r, table, pb.fields, f)]).toEqual([
          ...legacyFilterQueue(q, r, table, pb.fields, f),
        ]);
      }
    }
    expect(cases).toBe(6 * 40 * 2);
  });
});
