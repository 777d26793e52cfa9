import { useEffect, useState } from 'react';
import type { InferFileResult } from '../../data/inferFile';
import { inferInWorker } from '../../workers/clients';
import type { PickedFile } from './useImportFlow';

/**
 * The fields inferred from a picked file's every row (for "add unused columns as fields" and
 * "create field"), read once per file, encoding and sheet, in a worker: on the page's thread
 * this read the whole file twice per import (at the mapping and again at the report), 15 s of
 * frozen page for 300,000 rows.
 */
interface Entry {
  done: boolean;
  result: InferFileResult | null;
  promise: Promise<InferFileResult | null>;
}
const cache = new WeakMap<Uint8Array, Map<string, Entry>>();

function entryOf(file: PickedFile): Entry {
  const key = `${file.preview.encoding}\u0000${file.preview.sheet ?? ''}`;
  let byOpts = cache.get(file.bytes);
  if (!byOpts) cache.set(file.bytes, (byOpts = new Map()));
  let e = byOpts.get(key);
  if (!e) {
    const entry: Entry = { done: false, result: null, promise: Promise.resolve(null) };
    entry.promise = inferInWorker(file.name, file.blob ?? file.bytes, {
      encoding: file.preview.encoding,
      ...(file.preview.sheet ? { sheet: file.preview.sheet } : {}),
    })
      .catch(() => null)
      .then((r) => {
        entry.done = true;
        entry.result = r;
        return r;
      });
    byOpts.set(key, (e = entry));
  }
  return e;
}

/** The inference if it is done (null: the file does not read), undefined while it runs. */
export function inferredNow(file: PickedFile): InferFileResult | null | undefined {
  const e = entryOf(file);
  return e.done ? e.result : undefined;
}

/**
 * The inference of `file`, started on first use; undefined until the worker answers. No file:
 * nothing is read (null).
 */
export function useInferred(file: PickedFile | null): InferFileResult | null | undefined {
  const [, redraw] = useState(0);
  const now = file ? inferredNow(file) : null;
  useEffect(() => {
    if (!file || now !== undefined) return;
    let live = true;
    void entryOf(file).promise.then(() => live && redraw((n) => n + 1));
    return () => {
      live = false;
    };
  }, [file, now]);
  return now;
}
