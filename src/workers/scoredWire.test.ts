import { describe, expect, it } from 'vitest';
import { compilePlaybook, scoreTable, stageFunnel, withActivity } from '../engine';
import { demoPlaybook } from '../engine/testing/demo';
import { generateDemoTable } from '../data/demo/generate';
import { generateDemoActivity } from '../data/demo/activity';
import { demoActivityPlaybook } from '../data/demo/activityPlaybook';
import { importActivityFile } from '../data/activity/importActivity';
import type { ActivityData } from '../table/activity';
import type { AccountTable, StringColumn } from '../table/columns';
import { lazyListColumn, packedDecodeCount, packedPartsColumn } from '../table/packedDict';
import { idAt } from '../table/runIds';
import { packStrings } from '../store/datasets';
import { slicePacked } from './datasetLoad';
import type { Playbook } from '../model';
import { rng } from '../util/random';
import { detach, place, split } from './pieces';
import { fromWire, toWire, type ScoreOutcome } from './scoredWire';

const AS_OF = '2026-11-01';
const FILE_OF = {
  logins: 'logins.csv',
  seminars: 'seminars.csv',
  contact_log: 'contacts.csv',
} as const;

function activityFor(pb: Playbook, accounts: AccountTable, seed: number): ActivityData {
  const files = generateDemoActivity(accounts, { seed });
  const data: ActivityData = {};
  for (const s of pb.activity ?? []) {
    const text = files[FILE_OF[s.id as keyof typeof FILE_OF]].join('\n');
    data[s.id] = importActivityFile(
      new TextEncoder().encode(text),
      s.id,
      s,
      { table: accounts, contract: pb.fields },
      { asOf: AS_OF },
    ).table;
  }
  return data;
}

/** The key column made to need a real lookup: duplicates, a shuffled dictionary, missing cells. */
function scrambledKeys(t: AccountTable, r: () => number): AccountTable {
  const col = t.columns.account_id;
  if (col.type !== 'string') throw new Error('account_id is text');
  const dict = [...col.dict].sort(() => r() - 0.5);
  const codes = new Int32Array(t.rowCount);
  for (let i = 0; i < t.rowCount; i++) {
    const x = r();
    codes[i] = x < 0.05 ? -1 : x < 0.2 ? codes[Math.max(0, i - 1)] : Math.floor(r() * dict.length);
  }
  return { ...t, columns: { ...t.columns, account_id: { type: 'string', codes, dict } } };
}

/** What the worker posts, as the page gets it: in pieces, structured-cloned, buffers transferred. */
function overTheWire(outcome: ScoreOutcome, dataset: AccountTable, key: string) {
  const { skeleton, pieces } = split(toWire(outcome, dataset, key), 20_000, Infinity);
  const got = structuredClone(skeleton) as ReturnType<typeof toWire>;
  for (const p of pieces) {
    const { piece, transfer } = detach(p);
    place(got, structuredClone(piece, { transfer }));
  }
  return { got, pieces };
}

describe('a scoring answer without the ids and the aggregates (scoredWire)', () => {
  it('rebuilds on the page what the old answer and withActivity on the page gave', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed);
      const base = demoPlaybook();
      const withAct = seed % 3 !== 0;
      let pb = withAct ? demoActivityPlaybook(base) : base;
      let accounts = generateDemoTable({ rows: 30 + Math.floor(r() * 400), seed });
      const variant = seed % 4;
      // 0: unique ids in file order (the dictionary is the ids); 1: a lookup per row;
      // 2: a number key; 3: no key column (ids are row numbers).
      if (variant === 1) accounts = scrambledKeys(accounts, r);
      if (variant === 2)
        pb = { ...pb, fields: { ...pb.fields, accountKey: 'employees' } } as Playbook;
      if (variant === 3) {
        const { account_id: _gone, ...rest } = accounts.columns;
        accounts = { ...accounts, columns: rest };
      }
      const c = compilePlaybook(pb, { asOf: AS_OF });
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      const data = withAct ? activityFor(pb, accounts, seed) : {};
      // The worker's table (its own copy of the dataset) and the page's, equal but not shared.
      const workerTable = structuredClone(accounts);
      const scored = withActivity(c.compiled, workerTable, data, AS_OF);
      const result = scoreTable(c.compiled, scored, { asOf: AS_OF });
      const outcome: ScoreOutcome = {
        type: 'scored',
        id: 1,
        result,
        table: scored,
        funnel: stageFunnel(result),
        summary: { rowCount: result.rowCount } as never,
        trend: null,
        previous: null,
        run: null,
        activity: data,
        activityUsed: [],
      };
      // The old page: the whole result received, the aggregates computed again on the page.
      const old = structuredClone({ result, activity: data });
      const oldTable = withActivity(c.compiled, accounts, old.activity, AS_OF);

      const { got, pieces } = overTheWire(outcome, workerTable, pb.fields.accountKey);
      // Left out but where the page's table lacks the key field (scored as missing: '').
      expect(got.idsFromKey, `seed ${seed}`).toBe(variant !== 3);
      if (variant !== 3) expect(got.result.accountIds).toEqual([]);
      // Every typed array whole: one piece each, nothing for the page to copy together.
      expect(pieces.every((p) => 'array' in p && p.total === undefined)).toBe(true);
      const back = fromWire(got, accounts, pb.fields.accountKey);
      expect(back.result.accountIds.length, `seed ${seed}`).toBe(result.rowCount);
      expect(back.result, `seed ${seed}`).toEqual(old.result);
      expect(Object.keys(back.table.columns), `seed ${seed}`).toEqual(
        Object.keys(oldTable.columns),
      );
      expect(back.table, `seed ${seed}`).toEqual(oldTable);
      // The funnel counted in the worker is the one the page counted from the old answer.
      expect(back.funnel, `seed ${seed}`).toEqual(stageFunnel(old.result));
      expect(Object.keys(got.aggregates).length).toBe(withAct ? c.compiled.aggregates.length : 0);
      // No aggregates: the page's own table, as withActivity returned it.
      if (!withAct) expect(back.table).toBe(accounts);
      // Unique ids in file order: the key column's dictionary itself, no new strings.
      if (variant === 0)
        expect(back.result.accountIds).toBe(
          (accounts.columns.account_id as { dict: string[] }).dict,
        );
    }
  });

  it("a packed dataset (reloaded or stored): the run's ids refer to its key column, none made", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const pb = demoPlaybook();
      const accounts = generateDemoTable({ rows: 200 + seed * 97, seed });
      const c = compilePlaybook(pb, { asOf: AS_OF });
      if (!c.ok) throw new Error(JSON.stringify(c.issues));
      const result = scoreTable(c.compiled, accounts, { asOf: AS_OF });
      const outcome: ScoreOutcome = {
        type: 'scored',
        id: 1,
        result,
        table: accounts,
        funnel: stageFunnel(result),
        summary: { rowCount: result.rowCount } as never,
        trend: null,
        previous: null,
        run: null,
        activity: {},
        activityUsed: [],
      };
      const key = accounts.columns.account_id as StringColumn;
      // The page's copy as a reload gives it: the string columns' slices, not decoded.
      const packed = (col: StringColumn, by: number) =>
        packedPartsColumn(col.codes, slicePacked(packStrings(col.dict), by));
      const page: AccountTable = {
        ...accounts,
        columns: { ...accounts.columns, account_id: packed(key, 13 + seed * 5) },
      };
      const { got } = overTheWire(outcome, accounts, pb.fields.accountKey);
      const before = packedDecodeCount();
      const back = fromWire(got, page, pb.fields.accountKey);
      expect(lazyListColumn(back.result, 'accountIds')).toBe(page.columns.account_id);
      for (let i = 0; i < result.rowCount; i += 7)
        expect(idAt(back.result, i)).toBe(result.accountIds[i]);
      expect(packedDecodeCount(), 'no id made').toBe(before);
      // Read whole, the same answer as before.
      expect(back.result).toEqual(structuredClone(result));
      // Keys not in file order: the ids made as before (a lookup per row).
      const shuffled: AccountTable = {
        ...page,
        columns: {
          ...page.columns,
          account_id: packed({ ...key, codes: key.codes.slice().reverse(), dict: key.dict }, 50),
        },
      };
      const back2 = fromWire(got, shuffled, pb.fields.accountKey);
      expect(lazyListColumn(back2.result, 'accountIds')).toBeNull();
      expect(back2.result.accountIds).toEqual([...result.accountIds].reverse());
    }
  });
});
