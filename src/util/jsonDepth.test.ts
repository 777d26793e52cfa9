import { describe, expect, it } from 'vitest';
import { bracketDepth, findTooDeep, MAX_JSON_DEPTH } from './jsonDepth';

/** The deepest nesting of findTooDeep's character scan (before bracketDepth), as it was. */
function scanDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
    } else if (c === 91 || c === 123) deepest = Math.max(deepest, ++depth);
    else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** Deterministic pseudo-random texts of JSON's characters: brackets, quotes, escapes, newlines. */
function texts(count: number, seed = 7): string[] {
  const alphabet = ['[', ']', '{', '}', '"', '\\', 'a', ',', ':', ' ', '\n', '"x"', '"\\""'];
  let s = seed;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) % n;
  return Array.from({ length: count }, () =>
    Array.from({ length: rnd(60) }, () => alphabet[rnd(alphabet.length)]).join(''),
  );
}

/** `depth` nested arrays around `inner`, e.g. nest(2, '1') = '[[1]]'. */
const nest = (depth: number, inner = '', open = '[', close = ']') =>
  open.repeat(depth) + inner + close.repeat(depth);

describe('findTooDeep: JSON nested past the limit, found before JSON.parse', () => {
  it('accepts the limit exactly and refuses one more, arrays or objects', () => {
    expect(findTooDeep(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(findTooDeep(nest(MAX_JSON_DEPTH + 1))).toMatchObject({
      depth: MAX_JSON_DEPTH + 1,
      line: 1,
      column: MAX_JSON_DEPTH + 1,
    });
    const objects = (d: number) => '{"a":'.repeat(d - 1) + '{}' + '}'.repeat(d - 1);
    expect(findTooDeep(objects(MAX_JSON_DEPTH))).toBeNull();
    expect(findTooDeep(objects(MAX_JSON_DEPTH + 1))?.depth).toBe(MAX_JSON_DEPTH + 1);
    // A smaller limit, mixed brackets: 3 allowed, the 4th refused.
    expect(findTooDeep('[{"a":[1]}]', 3)).toBeNull();
    expect(findTooDeep('[{"a":[[1]]}]', 3)).toMatchObject({ depth: 4, column: 8 });
  });
  it('counts depth, not brackets: many shallow ones pass, and brackets in strings do not nest', () => {
    const wide =
      '[' + Array.from({ length: 5 * MAX_JSON_DEPTH }, () => '{"x":[1]}').join(',') + ']';
    expect(findTooDeep(wide)).toBeNull();
    const inStrings = JSON.stringify({ s: '['.repeat(1000) + '{'.repeat(1000) });
    expect(findTooDeep(inStrings)).toBeNull();
    // Deep after many shallow brackets, and after brackets inside strings: still found.
    const late = '[' + wide + ',' + JSON.stringify('[[[[') + ',' + nest(MAX_JSON_DEPTH) + ']';
    expect(findTooDeep(late)).toMatchObject({ depth: MAX_JSON_DEPTH + 1 });
  });
  it('names the line, column and path of the bracket that went too deep', () => {
    const text = `{"a": [1,\n  {"b": ${nest(3)}}]}`;
    expect(findTooDeep(text, 4)).toEqual({ depth: 5, line: 2, column: 10, path: '$.a[1].b[0]' });
  });
  it("bracketDepth (the quick check for documents) is the scan's depth on any text", () => {
    const cases = [
      ...texts(5000),
      '"abc',
      '"[[[',
      '[["unclosed [[[[',
      ']]][[',
      '["\\"[[[", [[]]]',
      '["\\\\", [[[]]]]',
      '{"a\\\n[": [[1]]}',
    ];
    for (const t of cases) expect([t, bracketDepth(t)]).toEqual([t, scanDepth(t)]);
    // And findTooDeep answers as the scan alone did, at every limit around the depth.
    for (const t of cases.slice(0, 800))
      for (const max of [0, 1, 2, 3])
        expect([t, max, findTooDeep(t, max) !== null]).toEqual([t, max, scanDepth(t) > max]);
  });
});
