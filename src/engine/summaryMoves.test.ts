import { describe, expect, it } from 'vitest';
import { mrrNotes, summaryMoves } from './summaryMoves';
import type { Summary } from './types';

const summary = (
  rows: [color: string, segment: string, count: number][],
  ctas: [type: 'risk' | 'expansion' | 'lifecycle' | 'other', owner: string, count: number][],
): Summary => {
  const byColor = new Map<string, number>();
  for (const [c, , n] of rows) byColor.set(c, (byColor.get(c) ?? 0) + n);
  return {
    rowCount: rows.reduce((n, r) => n + r[2], 0),
    byColorSegmentStage: rows.map(([color, segment, count]) => ({
      color,
      segment,
      stage: '',
      count,
    })),
    byColor: [...byColor].map(([color, count]) => ({ color, count })),
    ctasByTypeOwner: ctas.map(([type, owner, count]) => ({ type, owner, count })),
    ctasById: [],
  };
};

describe('summaryMoves', () => {
  const before = summary(
    [
      ['green', 'smb', 30],
      ['green', 'ent', 10],
      ['red', 'smb', 5],
      ['', 'ent', 2],
    ],
    [
      ['risk', 'csm', 4],
      ['risk', 'ae', 1],
      ['expansion', 'csm', 7],
    ],
  );
  // A stricter green: 25 of the 40 green accounts become lime; the unscored stay unscored.
  const after = summary(
    [
      ['green', 'smb', 10],
      ['green', 'ent', 5],
      ['lime', 'smb', 20],
      ['lime', 'ent', 5],
      ['red', 'smb', 5],
      ['', 'ent', 2],
    ],
    [
      ['risk', 'csm', 9],
      ['expansion', 'csm', 3],
      ['other', 'csm', 1],
    ],
  );

  it('sums colours, CTA types and segments before and after, in the given orders', () => {
    const m = summaryMoves(before, after, {
      colors: ['green', 'lime', 'yellow', 'red'],
      segments: ['ent', 'smb'],
    });
    expect(m.colors.map(({ key, before, after }) => ({ key, before, after }))).toEqual([
      { key: 'green', before: 40, after: 15 },
      { key: 'lime', before: 0, after: 25 },
      { key: 'yellow', before: 0, after: 0 },
      { key: 'red', before: 5, after: 5 },
      { key: '', before: 2, after: 2 },
    ]);
    expect(m.ctaTypes).toEqual([
      { key: 'risk', before: 5, after: 9 },
      { key: 'expansion', before: 7, after: 3 },
      { key: 'lifecycle', before: 0, after: 0 },
      { key: 'other', before: 0, after: 1 },
    ]);
    expect(m.segments).toEqual([
      { key: 'ent', before: 12, after: 12 },
      { key: 'smb', before: 35, after: 35 },
    ]);
  });

  it('lists a key known to only one run, and leaves out an empty no-score row', () => {
    const m = summaryMoves(before, after, { colors: ['green', 'red'], segments: [] });
    expect(m.colors.map((c) => c.key)).toEqual(['green', 'red', 'lime', '']);
    const clean = summaryMoves(
      summary([['green', 'smb', 3]], []),
      summary([['red', 'new', 3]], []),
      { colors: ['green'], segments: ['smb'] },
    );
    expect(clean.colors.map(({ key, before, after }) => ({ key, before, after }))).toEqual([
      { key: 'green', before: 3, after: 0 },
      { key: 'red', before: 0, after: 3 },
    ]);
    expect(clean.segments).toEqual([
      { key: 'smb', before: 3, after: 0 },
      { key: 'new', before: 0, after: 3 },
    ]);
  });

  it('gives each colour its share of the run and its MRR on both sides', () => {
    // 47 accounts before and after; MRR sums as the score worker records them (no-score last).
    const b = {
      ...before,
      mrr: {
        field: 'mrr',
        total: 1000,
        missing: 3,
        byColor: [
          { color: 'green', mrr: 700 },
          { color: 'lime', mrr: 0 },
          { color: 'red', mrr: 250 },
          { color: '', mrr: 50 },
        ],
      },
    };
    const a = {
      ...after,
      // Only 40 accounts in the preview: shares use each run's own count.
      rowCount: 40,
      mrr: {
        field: 'mrr',
        total: 1000,
        missing: 3,
        byColor: [
          { color: 'green', mrr: 300 },
          { color: 'lime', mrr: 400 },
          { color: 'red', mrr: 300 },
        ],
      },
    };
    const m = summaryMoves(b, a, { colors: ['green', 'lime', 'yellow', 'red'], segments: [] });
    const row = (k: string) => m.colors.find((c) => c.key === k)!;
    expect(row('green').shareBefore).toBeCloseTo((100 * 40) / 47, 10);
    expect(row('green').shareAfter).toBeCloseTo((100 * 15) / 40, 10);
    expect(row('lime').shareBefore).toBe(0);
    expect(row('green')).toMatchObject({ mrrBefore: 700, mrrAfter: 300 });
    expect(row('lime')).toMatchObject({ mrrBefore: 0, mrrAfter: 400 });
    // A colour absent from a run's sums has 0 MRR there (yellow: no accounts; no score after).
    expect(row('yellow')).toMatchObject({ mrrBefore: 0, mrrAfter: 0 });
    expect(row('')).toMatchObject({ mrrBefore: 50, mrrAfter: 0 });
    expect(m.mrr).toEqual({
      before: { field: 'mrr', total: 1000, missing: 3 },
      after: { field: 'mrr', total: 1000, missing: 3 },
      comparable: true,
    });
  });

  it('says when a run has no MRR sums or the two summed different fields', () => {
    const none = summaryMoves(before, after, { colors: ['green'], segments: [] });
    expect(none.colors.every((c) => c.mrrBefore === null && c.mrrAfter === null)).toBe(true);
    expect(none.mrr).toEqual({ before: null, after: null, comparable: false });
    const mrr = (field: string) => ({ field, total: 5, missing: 0, byColor: [] });
    const older = summaryMoves(before, { ...after, mrr: mrr('mrr') }, order);
    expect(older.colors[0]).toMatchObject({ mrrBefore: null, mrrAfter: 0 });
    expect(older.mrr.comparable).toBe(false);
    const other = summaryMoves(
      { ...before, mrr: mrr('arr') },
      { ...after, mrr: mrr('mrr') },
      order,
    );
    expect(other.mrr.comparable).toBe(false);
    expect(summaryMoves({ ...before, rowCount: 0 }, after, order).colors[0].shareBefore).toBeNaN();
  });
});

const order = { colors: ['green'], segments: [] };

describe('mrrNotes', () => {
  const side = (field: string, missing = 0) => ({ field, total: 10, missing });
  it('says why MRR is missing instead of letting it read as 0', () => {
    expect(mrrNotes({ before: null, after: null, comparable: false }, null)).toEqual([
      { kind: 'no-field' },
    ]);
    expect(mrrNotes({ before: null, after: null, comparable: false }, 'arr')).toEqual([
      { kind: 'not-summed', field: 'arr' },
    ]);
    expect(mrrNotes({ before: null, after: side('mrr'), comparable: false }, 'mrr')).toEqual([
      { kind: 'not-stored' },
    ]);
    expect(mrrNotes({ before: side('mrr', 2), after: null, comparable: false }, null)).toEqual([
      { kind: 'not-preview' },
      { kind: 'missing', before: 2, after: null },
    ]);
    expect(
      mrrNotes({ before: side('arr'), after: side('mrr', 1), comparable: false }, 'mrr'),
    ).toEqual([
      { kind: 'other-field', before: 'arr', after: 'mrr' },
      { kind: 'missing', before: 0, after: 1 },
    ]);
    expect(mrrNotes({ before: side('mrr'), after: side('mrr'), comparable: true }, 'mrr')).toEqual(
      [],
    );
  });
});
