import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDigests, digestTable, type DatasetDigest } from './datasetChange';
import { importAccountFile } from './importFile';
import type { FieldContract } from '../model';

const contract: FieldContract = {
  accountKey: 'id',
  fields: [
    { id: 'id', label: { ja: '', en: 'id' }, type: 'string', required: true },
    { id: 'mrr', label: { ja: '', en: 'MRR' }, type: 'number', required: false },
    { id: 'nps', label: { ja: '', en: 'NPS' }, type: 'integer', required: false },
    { id: 'ok', label: { ja: '', en: 'OK' }, type: 'boolean', required: false },
  ],
};
const table = (csv: string) =>
  importAccountFile(new TextEncoder().encode(csv), 'x.csv', contract).table;

describe('the dataset replace comparison', () => {
  const old = table(
    'id,mrr,nps,ok\n' +
      Array.from({ length: 100 }, (_, i) => `A${i},${i},${i % 10},yes`).join('\n') +
      '\n',
  );

  it('a half-length file: the drop is highlighted, the lost accounts counted and named, emptied fields listed', () => {
    const next = table(
      'id,mrr,nps\n' + Array.from({ length: 50 }, (_, i) => `A${i},${i},`).join('\n') + '\nB1,1,\n',
    );
    const c = compareDigests(digestTable(old, 'id'), digestTable(next, 'id'), contract, 3);
    expect(c).toMatchObject({ before: 100, after: 51, bigDrop: true, disappeared: 50, added: 1 });
    expect(c.disappearedSample).toEqual(['A50', 'A51', 'A52']);
    // nps: column present but empty; ok: column absent — both had values before.
    expect(c.emptied).toEqual(['nps', 'ok']);
  });

  it('a drop of 3% exactly is not highlighted; 4% is', () => {
    const rows = (n: number) =>
      table(
        'id,mrr,nps,ok\n' + Array.from({ length: n }, (_, i) => `A${i},1,1,no`).join('\n') + '\n',
      );
    const d = digestTable(old, 'id');
    expect(compareDigests(d, digestTable(rows(97), 'id'), contract).bigDrop).toBe(false);
    expect(compareDigests(d, digestTable(rows(96), 'id'), contract).bigDrop).toBe(true);
    expect(compareDigests(d, digestTable(rows(100), 'id'), contract)).toMatchObject({
      disappeared: 0,
      emptied: [],
    });
  });
});

describe('compareDigests', () => {
  /** The comparison as first written: a Set of each side's keys (the new file's a million). */
  function reference(before: DatasetDigest, after: DatasetDigest, sample: number) {
    const now = new Set(after.keys);
    const gone: string[] = [];
    let disappeared = 0;
    for (const k of before.keys)
      if (!now.has(k)) {
        disappeared++;
        if (gone.length < sample) gone.push(k);
      }
    const was = new Set(before.keys);
    let added = 0;
    for (const k of after.keys) if (!was.has(k)) added++;
    return { disappeared, disappearedSample: gone, added };
  }

  it('counts and names what disappears and what is added as a Set of each side would', () => {
    // Keys from a small alphabet so that the sides overlap; repeats too (a digest's keys are
    // distinct, but the comparison must not depend on it).
    const keys = fc.array(fc.constantFrom('A1', 'A2', 'A3', 'B1', 'B2', 'C', '', 'ｱ', '顧客1'), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(keys, keys, fc.integer({ min: 0, max: 5 }), (b, a, sample) => {
        const before: DatasetDigest = { rowCount: b.length, keys: b, filled: {} };
        const after: DatasetDigest = { rowCount: a.length, keys: a, filled: {} };
        expect(compareDigests(before, after, contract, sample)).toMatchObject(
          reference(before, after, sample),
        );
      }),
      { numRuns: 500 },
    );
  });
});
