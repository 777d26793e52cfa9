import { describe, expect, it } from 'vitest';
import { findTooDeep, MAX_JSON_DEPTH } from './jsonDepth';

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
});
