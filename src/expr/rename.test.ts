import { describe, expect, it } from 'vitest';
import { referencedFields, renameFieldInExpression } from './rename';

describe('renameFieldInExpression', () => {
  it('renames references only, keeping the formatting byte for byte', () => {
    const src = "nps>=7  and\n  coalesce( nps ,0)<10 or industry == 'nps' or nps_score > 1";
    expect(renameFieldInExpression(src, 'nps', 'nps_latest')).toBe(
      "nps_latest>=7  and\n  coalesce( nps_latest ,0)<10 or industry == 'nps' or nps_score > 1",
    );
  });
  it('leaves function names, built-ins and keywords alone', () => {
    expect(renameFieldInExpression('round(round_value) + score', 'round', 'x')).toBe(
      'round(round_value) + score',
    );
    expect(renameFieldInExpression('days_since(d) > 3', 'd', '日付')).toBe('days_since(日付) > 3');
  });
  it('handles Japanese ids and escaped quotes in strings', () => {
    expect(
      renameFieldInExpression("利用率 > 0.5 and 業種 == 'It\\'s 利用率'", '利用率', '利用率_月次'),
    ).toBe("利用率_月次 > 0.5 and 業種 == 'It\\'s 利用率'");
  });
  it('works on half-typed text', () => {
    expect(renameFieldInExpression('nps > (', 'nps', 'n2')).toBe('n2 > (');
  });
  it('refuses an invalid new id', () => {
    expect(() => renameFieldInExpression('nps', 'nps', 'bad id')).toThrow(/not a valid field id/);
  });
});

describe('referencedFields', () => {
  it('lists fields once, in order, without functions, built-ins or keywords', () => {
    expect(
      referencedFields(
        "days_since(last) > 3 and not champion or score > 5 and last in [1] and plan == 'x' and true",
      ),
    ).toEqual(['last', 'champion', 'plan']);
    expect(referencedFields('アクティブ数 / ライセンス数')).toEqual([
      'アクティブ数',
      'ライセンス数',
    ]);
  });
});
