/**
 * Sending a big value to a worker without one long task on the page. postMessage clones the
 * whole value in one task, and a typed array that is a view of a bigger buffer (the scoring
 * arena) clones all of that buffer: a million-account run took seconds. Instead the value is
 * split into a skeleton (small) and pieces: each typed array copied into its own buffer and
 * transferred, each long string list in slices. The page sends one piece per task; the worker
 * puts them back at their paths.
 */
export type Path = (string | number)[];
export type Piece =
  | { path: Path; array: ArrayBufferView }
  | { path: Path; strings: string[]; from: number; total: number };

const STRING_SLICE = 50_000;
const BIG_LIST = 10_000;

/** The skeleton (typed arrays and long string lists as null) and the pieces to send. */
export function split(
  value: unknown,
  stringSlice = STRING_SLICE,
): { skeleton: unknown; pieces: Piece[] } {
  const pieces: Piece[] = [];
  const walk = (v: unknown, path: Path): unknown => {
    if (ArrayBuffer.isView(v)) {
      pieces.push({ path, array: v });
      return null;
    }
    if (Array.isArray(v)) {
      if (v.length > BIG_LIST && typeof v[0] === 'string') {
        for (let from = 0; from < v.length; from += stringSlice)
          pieces.push({
            path,
            strings: v.slice(from, from + stringSlice) as string[],
            from,
            total: v.length,
          });
        return null;
      }
      return v.map((x, i) => walk(x, [...path, i]));
    }
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(v))
        Object.defineProperty(o, k, {
          value: walk((v as Record<string, unknown>)[k], [...path, k]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return o;
    }
    return v;
  };
  return { skeleton: walk(value, []), pieces };
}

/** A piece ready to post: typed arrays copied into a buffer of their own, to transfer. */
export function detach(p: Piece): { piece: Piece; transfer: Transferable[] } {
  if ('array' in p) {
    const a = p.array as unknown as { slice(): ArrayBufferView };
    const copy = a.slice();
    return { piece: { path: p.path, array: copy }, transfer: [copy.buffer as ArrayBuffer] };
  }
  return { piece: p, transfer: [] };
}

/**
 * Wait for the next task (not a microtask): the page draws and handles input between two
 * pieces. scheduler.postTask where there is one — setTimeout(0) is clamped to 4 ms once nested,
 * which would add seconds over hundreds of pieces.
 */
export function nextTask(): Promise<void> {
  const s = (globalThis as { scheduler?: { postTask?: (f: () => void) => Promise<void> } })
    .scheduler;
  if (s?.postTask) return s.postTask(() => undefined);
  return new Promise((r) => setTimeout(r, 0));
}

/** Put a received piece into the skeleton. */
export function place(skeleton: unknown, p: Piece): void {
  let at = skeleton as Record<string | number, unknown>;
  for (let i = 0; i < p.path.length - 1; i++)
    at = at[p.path[i]] as Record<string | number, unknown>;
  const last = p.path[p.path.length - 1];
  if ('array' in p) {
    at[last] = p.array;
    return;
  }
  let list = at[last] as string[] | null;
  if (!list) at[last] = list = new Array<string>(p.total);
  for (let i = 0; i < p.strings.length; i++) list[p.from + i] = p.strings[i];
}
