import { describe, expect, it, vi } from 'vitest';
import { inferFieldsFromFile } from '../../data/inferFile';
import type { PickedFile } from './useImportFlow';

// The worker answers with inferFieldsFromFile of what it is sent (as import.worker.ts does).
const calls: { name: string; sheet?: string }[] = [];
vi.mock('../../workers/clients', () => ({
  inferInWorker: async (
    name: string,
    file: Blob | Uint8Array,
    opts: { encoding?: 'utf-8' | 'shift_jis'; sheet?: string },
  ) => {
    calls.push({ name, sheet: opts.sheet });
    const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
    try {
      return inferFieldsFromFile(bytes, name, opts);
    } catch {
      return null;
    }
  },
}));
const { inferredNow } = await import('./inferredFields');

const picked = (text: string, sheet?: string, blob = false): PickedFile => {
  const bytes = new TextEncoder().encode(text);
  return {
    name: 'a.csv',
    bytes,
    ...(blob ? { blob: new Blob([bytes]) } : {}),
    preview: { encoding: 'utf-8', ...(sheet ? { sheet } : {}) } as PickedFile['preview'],
    mapping: {},
  };
};
const settle = async (f: PickedFile) => {
  for (let i = 0; i < 50 && inferredNow(f) === undefined; i++)
    await new Promise((r) => setTimeout(r, 1));
  return inferredNow(f);
};

describe('inferredFields: the page asks the worker once per file, encoding and sheet', () => {
  it('gives what inferFieldsFromFile gives, from the bytes or the picked File', async () => {
    const text = 'account_id,mrr,signed\nA1,100,2026-01-02\nA2,250.5,2026-02-03\n';
    const want = inferFieldsFromFile(new TextEncoder().encode(text), 'a.csv', {
      encoding: 'utf-8',
    });
    for (const blob of [false, true]) {
      const f = picked(text, undefined, blob);
      expect(inferredNow(f)).toBeUndefined(); // asked, not answered yet
      expect(await settle(f)).toEqual(want);
    }
  });

  it('reads a file once across the mapping and the report (same bytes, a new mapping)', async () => {
    calls.length = 0;
    const f = picked('id,x\n1,2\n');
    await settle(f);
    const remapped = { ...f, mapping: { x: 1 } };
    expect(await settle(remapped)).toEqual(await settle(f));
    expect(calls.length).toBe(1);
  });

  it('reads another sheet of the same bytes again', async () => {
    calls.length = 0;
    const f = picked('id,x\n1,2\n', 'One');
    await settle(f);
    await settle({ ...f, preview: { ...f.preview, sheet: 'Two' } });
    expect(calls.map((c) => c.sheet)).toEqual(['One', 'Two']);
  });

  it('a file that does not read gives null, not an exception', async () => {
    expect(await settle(picked(''))).toBeNull();
  });
});
