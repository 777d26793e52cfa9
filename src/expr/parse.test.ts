import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseExpression, type RawNode } from './parse';
import { checkExpression } from './check';
import { envFromContract } from './env';
import { tokenize } from './lexer';
import { TEST_CONTRACT } from './testing/fixtureContract';

/** The tree as a compact string, to assert on grouping. */
function show(n: RawNode): string {
  switch (n.type) {
    case 'BinaryExpression':
      return `(${show(n.left as RawNode)} ${String(n.operator)} ${show(n.right as RawNode)})`;
    case 'UnaryExpression':
      return `(${String(n.operator)} ${show(n.argument as RawNode)})`;
    case 'Identifier':
      return String(n.name);
    case 'Literal':
      return String(n.raw);
    case 'CallExpression':
      return `${show(n.callee as RawNode)}(${(n.arguments as RawNode[]).map(show).join(', ')})`;
    case 'ArrayExpression':
      return `[${(n.elements as RawNode[]).map(show).join(', ')}]`;
    default:
      return n.type;
  }
}

function tree(src: string): string {
  const r = parseExpression(src);
  if (!r.ok) throw new Error(r.error.message);
  return show(r.ast);
}

describe('parseExpression', () => {
  it('binds or < and < not < comparisons < + - < * /', () => {
    expect(tree('a or b and c')).toBe('(a or (b and c))');
    expect(tree('not a == 1 and b')).toBe('((not (a == 1)) and b)');
    expect(tree('not a or b')).toBe('((not a) or b)');
    expect(tree('not not a')).toBe('(not (not a))');
    expect(tree('a + b * c >= d - 1')).toBe('((a + (b * c)) >= (d - 1))');
    expect(tree("x in [1, 2] and y not in ['a']")).toBe("((x in [1, 2]) and (y not in ['a']))");
    expect(tree('-a * 2')).toBe('((- a) * 2)');
  });
  it('reads unicode spaces as spaces between tokens but keeps them inside strings', () => {
    const r = parseExpression("plan\u3000==\u3000'株式会社\u3000A\u2028'");
    expect(
      r.ok && r.ast.type === 'BinaryExpression' && (r.ast.right as { value?: unknown }).value,
    ).toBe('株式会社\u3000A\u2028');
  });

  it('keeps words that merely start with a keyword as names', () => {
    expect(tree('notes and order or inside')).toBe('((notes and order) or inside)');
    expect(tree('android')).toBe('android');
  });
  it('records exact spans, also for Japanese ids and calls', () => {
    const r = parseExpression('  利用率  >=  days_since( 更新日 )');
    if (!r.ok) throw new Error('unexpected');
    const { left, right } = r.ast as unknown as {
      left: RawNode;
      right: RawNode & { callee: RawNode; arguments: RawNode[] };
    };
    expect([left.start, left.end]).toEqual([2, 5]);
    expect([right.start, right.end]).toEqual([11, 28]);
    expect([right.callee.start, right.callee.end]).toEqual([11, 21]);
    expect([right.arguments[0].start, right.arguments[0].end]).toEqual([23, 26]);
  });
});

describe('tokenize', () => {
  it('reads strings with escapes, numbers and Japanese names', () => {
    expect(tokenize("業種 == 'It\\'s' and x >= .5e1").map((t) => `${t.kind}:${t.text}`)).toEqual([
      'ident:業種',
      'op:==',
      "string:'It\\'s'",
      'ident:and',
      'ident:x',
      'op:>=',
      'number:.5e1',
    ]);
    expect(tokenize("'open").at(-1)).toMatchObject({ kind: 'string', unterminated: true });
  });
});

describe('robustness while typing', () => {
  const env = envFromContract(TEST_CONTRACT, 'cta');
  const pieces = fc.constantFrom(
    'nps',
    'plan',
    '利用率',
    ' ',
    '(',
    ')',
    '[',
    ']',
    ',',
    "'",
    '"',
    '==',
    '>=',
    'and',
    'or',
    'not',
    'in',
    '1',
    '2.5',
    '-',
    '/',
    'days_since(',
    'coalesce(',
    '\u3000',
    '.',
    '!',
    '?',
    ':',
    ';',
    'null',
    'true',
  );
  it('never throws and always reports spans inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
        ),
        (src) => {
          const r = checkExpression(src, env);
          if (r.ok) return;
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(0 <= e.start && e.start <= e.end && e.end <= src.length).toBe(true);
            expect(e.message).not.toMatch(/\{\{|undefined/);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });
});
