import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyProject } from '../model';
import { exportProjectText, lineColumn, parseProjectText, projectFileName } from './projectFile';

const fixture = (name: string) => readFileSync(`test/fixtures/projects/${name}`, 'utf8');

describe('project file import', () => {
  it('reports a JSON syntax error by line and column', () => {
    const r = parseProjectText(fixture('bad-syntax.json'));
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'json') {
      expect([r.error.line, r.error.column]).toEqual([5, 3]);
      expect(r.error.message).toMatch(/Expected/);
    } else throw new Error('expected a JSON error');
  });

  it('reports a truncated file at its end', () => {
    const text = fixture('truncated.json');
    const r = parseProjectText(text);
    expect(!r.ok && r.error.kind).toBe('json');
    if (!r.ok && r.error.kind === 'json') expect(r.error.line).toBe(text.split('\n').length);
  });

  it('says an empty file is empty', () => {
    const r = parseProjectText(fixture('empty.json'));
    expect(!r.ok && r.error.kind).toBe('empty');
  });

  it.each([
    ['not-an-object.json', '$', /JSON object/],
    ['no-schema-version.json', '$.schemaVersion', /Waymark project/],
    ['future-version.json', '$.schemaVersion', /newer/],
  ])('%s: points at %s', (file, path, msg) => {
    const r = parseProjectText(fixture(file));
    if (r.ok || r.error.kind !== 'invalid') throw new Error('expected invalid');
    expect(r.error.issues[0].path).toBe(path);
    expect(r.error.issues[0].message).toMatch(msg);
  });

  it('refuses a "__proto__" key (a category value) instead of losing it, and says where', () => {
    const r = parseProjectText(fixture('bad-proto-key.json'));
    if (r.ok || r.error.kind !== 'invalid') throw new Error('expected invalid');
    expect(r.error.issues).toEqual([
      {
        path: '$.health.measures[2].normalise.points.__proto__',
        message: expect.stringMatching(/"__proto__" cannot be used/),
      },
    ]);
  });

  it('lists every schema problem with its JSON path', () => {
    const r = parseProjectText(fixture('bad-schema.json'));
    if (r.ok || r.error.kind !== 'invalid') throw new Error('expected invalid');
    const paths = r.error.issues.map((i) => i.path);
    expect(paths).toContain('$.journey.stages[0].id');
    expect(paths).toContain('$.health.bands[0].color');
  });

  it('accepts a file saved with a UTF-8 byte order mark', () => {
    const r = parseProjectText(fixture('bom-utf8.json'));
    expect(r.ok && r.project.id).toBe('bom');
  });

  it('round-trips an export', () => {
    const p = emptyProject('Round trip');
    const r = parseProjectText(exportProjectText(p));
    expect(r.ok && r.project).toEqual(p);
  });

  it('names the file after the project, safe on every OS', () => {
    expect(projectFileName(emptyProject('a/b:c*?  日本'))).toBe('a_b_c_ 日本.waymark.json');
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
