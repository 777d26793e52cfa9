import { describe, expect, it } from 'vitest';
import { summaryMoves } from './summaryMoves';
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
    expect(m.colors).toEqual([
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
    expect(clean.colors).toEqual([
      { key: 'green', before: 3, after: 0 },
      { key: 'red', before: 0, after: 3 },
    ]);
    expect(clean.segments).toEqual([
      { key: 'smb', before: 3, after: 0 },
      { key: 'new', before: 0, after: 3 },
    ]);
  });
});
