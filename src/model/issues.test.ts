import { describe, expect, it } from 'vitest';
import { protoKeyIssues } from './issues';

describe('protoKeyIssues', () => {
  it('finds every "__proto__" key, in objects and arrays, with its JSON path', () => {
    const doc = JSON.parse(
      '{"a":[{"b":1},{"__proto__":{"__proto__":2}}],"c":{"x y":{"__proto__":3}}}',
    );
    expect(protoKeyIssues(doc).map((i) => i.path)).toEqual([
      '$.a[1].__proto__',
      '$.a[1].__proto__.__proto__',
      '$.c["x y"].__proto__',
    ]);
  });
  it('finds nothing in an ordinary document, including keys that merely look special', () => {
    expect(
      protoKeyIssues(JSON.parse('{"constructor":1,"prototype":[{"toString":2}],"proto":null}')),
    ).toEqual([]);
    expect(protoKeyIssues('text')).toEqual([]);
  });
});
