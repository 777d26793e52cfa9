import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoContract } from '../data/testing/helpers';
import type { ImportRequest, ImportResponse, ImportSource } from './protocol';

/**
 * ImportSession.import against a stand-in import worker that answers `unreadable` for the
 * files named (a File changed on disk since the pick): what is sent again, and what is thrown.
 */
const sent: ImportSource[][] = [];
let unreadable: string[] = [];

class FakeWorker {
  onmessage: ((ev: MessageEvent<ImportResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  postMessage(m: ImportRequest & { id: number }) {
    if (m.type !== 'import') return;
    sent.push(m.files);
    // A File changed since the pick no longer reads; bytes always do.
    const bad = m.files.find((f) => 'blob' in f && unreadable.includes(f.name));
    const answer: ImportResponse = bad
      ? { type: 'unreadable', id: m.id, file: bad.name }
      : { type: 'imported', id: m.id, reports: [], join: null, rowCount: 7 };
    queueMicrotask(() => this.onmessage?.({ data: answer } as MessageEvent<ImportResponse>));
  }
  terminate() {}
}

async function session() {
  vi.stubGlobal('Worker', FakeWorker);
  const { ImportSession } = await import('./clients');
  return new ImportSession();
}

afterEach(() => {
  vi.unstubAllGlobals();
  sent.length = 0;
  unreadable = [];
});

/** A picked file: its File, and what the page read of it (all, or its start). */
const picked = (name: string, size: number, read: number) => ({
  name,
  bytes: new Uint8Array(read),
  blob: new Blob([new Uint8Array(size)]),
});
const how = (files: ImportSource[]) => files.map((f) => [f.name, 'blob' in f ? 'file' : 'bytes']);

describe('ImportSession.import, a File changed since the pick', () => {
  it("a small file, which the page holds whole, is imported from the page's bytes; a big one still from its File", async () => {
    unreadable = ['small.csv'];
    const s = await session();
    const r = await s.import(
      [picked('small.csv', 500, 500), picked('big.csv', 3 << 20, 1 << 20)],
      demoContract,
    );
    expect(r.rowCount).toBe(7);
    expect(sent.map(how)).toEqual([
      [
        ['small.csv', 'file'],
        ['big.csv', 'file'],
      ],
      [
        ['small.csv', 'bytes'],
        ['big.csv', 'file'],
      ],
    ]);
  });

  it('a big file, of which the page holds only the start, fails with file_changed naming it', async () => {
    unreadable = ['big.csv'];
    const s = await session();
    const run = s.import(
      [picked('small.csv', 500, 500), picked('big.csv', 3 << 20, 1 << 20)],
      demoContract,
    );
    await expect(run).rejects.toMatchObject({
      issue: { code: 'file_changed', file: 'big.csv', severity: 'fatal' },
    });
    // Never imported from the page's start of it.
    expect(sent.flat().filter((f) => f.name === 'big.csv' && 'bytes' in f)).toEqual([]);
  });
});
