import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { distinctIdents, fitIdent, MAX_IDENT_BYTES, utf8Length, utf8Prefix } from './names';
import { sqlString, quoteIdent, sqlTextProblem, SqlTextError } from '../../expr';

const name = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.constantFrom('score', 'SCORE', 'cta.x', 'cta.X').map((s) => s),
  fc.integer({ min: 0, max: 40 }).map((n) => '顧客'.repeat(n)),
);

describe('output column names', () => {
  it('keep names that fit, and shorten longer ones to 63 bytes with a hash', () => {
    expect(fitIdent('account_id')).toBe('account_id');
    const long = 'とても長い日本語の指標の識別子で二十一文字を超える';
    const a = fitIdent(long + '_raw');
    const b = fitIdent(long + '_points');
    expect(utf8Length(a)).toBeLessThanOrEqual(MAX_IDENT_BYTES);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^とても長い.*~[0-9a-f]{8}$/);
    expect(fitIdent(long + '_raw')).toBe(a); // deterministic
  });

  it('are at most 63 bytes and distinct ignoring ASCII case, for any list of names', () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 30 }), (names) => {
        const out = distinctIdents(names);
        const folded = out.map((s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase()));
        expect(new Set(folded).size).toBe(out.length);
        for (const s of out) expect(utf8Length(s)).toBeLessThanOrEqual(MAX_IDENT_BYTES);
        // The first occurrence of a name that fits is kept as it is.
        const firstFit = names.findIndex((s) => utf8Length(s) <= MAX_IDENT_BYTES);
        if (firstFit === 0) expect(out[0]).toBe(names[0]);
        expect(distinctIdents(names)).toEqual(out);
      }),
    );
  });

  it('cut UTF-8 prefixes at whole characters', () => {
    expect(utf8Prefix('あいう', 7)).toBe('あい');
    expect(utf8Prefix('a👍b', 4)).toBe('a');
  });
});

describe('SQL literals and identifiers', () => {
  it('never put a backslash in the SQL text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        if (sqlTextProblem(s)) return;
        expect(sqlString(s)).not.toContain('\\');
      }),
    );
    expect(sqlString('a\\')).toBe("('a' || chr(92) || '')");
    expect(sqlString("it's")).toBe("'it''s'");
  });

  it('refuse a NUL and an unpaired surrogate, in literals and in identifiers', () => {
    for (const bad of ['a\u0000b', 'x\ud800', '\udc00y']) {
      expect(() => sqlString(bad)).toThrow(SqlTextError);
      expect(() => quoteIdent(bad)).toThrow(SqlTextError);
    }
    expect(sqlTextProblem('👍')).toBeUndefined();
    expect(quoteIdent('a"b\\')).toBe('"a""b\\"');
  });
});
