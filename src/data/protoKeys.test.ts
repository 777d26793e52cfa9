/**
 * Field ids that are names of Object.prototype properties (and `__proto__`) are ordinary ids:
 * they are mapped, imported, scored and explained like any other. The old code looked them up
 * as `obj[id]` and found Object.prototype's functions (or set the prototype), so they were
 * never read.
 */
import { describe, expect, it } from 'vitest';
import { importAccountFile } from './importFile';
import { compilePlaybook, explainAccount, scoreTable } from '../engine';
import { linearMeasure, miniPlaybook } from '../engine/testing/mini';
import type { Playbook } from '../model';
import { renameFieldInExpression } from '../expr';

const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'] as const;

function playbook(): Playbook {
  const pb = miniPlaybook();
  pb.fields.fields.push(
    ...NAMES.map((id) => ({
      id,
      label: { ja: id, en: id },
      type: 'number' as const,
      required: false,
    })),
  );
  pb.health.measures.push(...NAMES.map((id) => linearMeasure(`m_${id}`, id, id)));
  return pb;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const values = [3, 4, 5, 6, 7];
const CSV = `id,usage,${NAMES.join(',')}\nA,2,${values.join(',')}\nB,4,1,1,1,1,1\n`;
const JSON_TEXT = JSON.stringify([
  { id: 'A', usage: 2, ...Object.fromEntries(NAMES.map((n, i) => [n, values[i]])) },
  { id: 'B', usage: 4, ...Object.fromEntries(NAMES.map((n) => [n, 1])) },
]);

describe('field ids named like Object.prototype properties', () => {
  const cases: [string, 'bytes' | 'string', string][] = [
    ['x.csv', 'bytes', CSV],
    ['x.csv', 'string', CSV],
    ['x.json', 'bytes', JSON_TEXT],
    ['x.ndjson', 'bytes', JSON_TEXT.slice(1, -1).replace(/\},\{/g, '}\n{')],
  ];
  it.each(cases)('%s (%s path): mapped, imported, scored and explained', (file, path, text) => {
    const pb = playbook();
    const { table, report } = importAccountFile(utf8(text), file, pb.fields, { csvPath: path });
    expect(report.errorCount).toBe(0);
    for (const [i, n] of NAMES.entries()) {
      expect(typeof report.mapping[n]).toBe('number');
      expect(Object.hasOwn(table.columns, n)).toBe(true);
      const col = table.columns[n];
      expect(col.type === 'number' && Array.from(col.values)).toEqual([values[i], 1]);
    }
    expect(report.missingFields).not.toContain('constructor');
    const c = compilePlaybook(pb);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const r = scoreTable(c.compiled, table);
    for (const [i, n] of NAMES.entries()) {
      const m = c.compiled.measures.findIndex((ms) => ms.id === `m_${n}`);
      expect(r.measurePoints[m][0]).toBeCloseTo(values[i] * 10);
    }
    const ex = explainAccount(c.compiled, table, r, 0);
    const reads = JSON.stringify(ex);
    for (const [i, n] of NAMES.entries()) expect(reads).toContain(`"${n}":${values[i]}`);
  });

  it('a mapping that crossed a worker or IndexedDB (a plain object) still maps them', () => {
    const pb = playbook();
    const first = importAccountFile(utf8(CSV), 'x.csv', pb.fields).report.mapping;
    const plain = JSON.parse(JSON.stringify(first)) as typeof first;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    const { table } = importAccountFile(utf8(CSV), 'x.csv', pb.fields, { mapping: plain });
    const col = table.columns['valueOf'];
    expect(Object.hasOwn(table.columns, 'valueOf') && col.type === 'number' && col.values[0]).toBe(
      5,
    );
  });

  it('a field named after a prototype property can be renamed in expressions', () => {
    expect(renameFieldInExpression('toString + usage', 'toString', 'ts')).toBe('ts + usage');
  });
});
