/**
 * Memory for an import's columns that was faulted in elsewhere (the browser's one pass: a helper
 * worker allocates the typed arrays the import will need, writes one byte per 4 KB page and
 * transfers them, so the import thread does not take ~48k page faults — a fifth of its CPU —
 * on its fresh columns; docs/data-import.md). The import starts in its own arrays and moves each
 * column into a buffer of exactly its byte length when one has arrived (RowImporter.adopt,
 * between blocks), copying the rows so far: it never waits for them.
 */
export interface ColumnMemory {
  /** A zero-filled buffer of exactly `byteLength` bytes, or null (none has arrived). */
  take(byteLength: number): ArrayBuffer | null;
  /**
   * As take, for a string sink's own tables and bytes (StringSink: entry arrays, packed offsets,
   * kept bytes, endLazy's scratch), counted apart from the columns. Absent: the sinks fault
   * their own pages, as before.
   */
  takeSink?(byteLength: number): ArrayBuffer | null;
  /**
   * The byte length the string sink of field `field` sizes its kept bytes to at their first
   * growth (from the file's head, `SinkPlan.keptBytes`), or 0 (projected from the rows so far).
   */
  keptBytes?(field: string): number;
}

/**
 * What a block import's string sinks will allocate at their capacity, from a run over the
 * file's head (importStream.ts `blockSinkPlan`): buffers to fault in ahead (`sizes`, byte
 * lengths) and each string field's kept bytes (ColumnMemory.keptBytes). Only an estimate: a
 * sink whose arrays end up at other lengths allocates its own (the table is the same).
 */
export interface SinkPlan {
  sizes: number[];
  keptBytes: Record<string, number>;
  /** Per buffer of `sizes`, how many of its first bytes the import will write (absent: all). */
  touch?: number[];
}

/** Arrays shorter than this (elements) are not worth faulting in elsewhere. */
export const SINK_MIN_LENGTH = 1 << 16;

/** Rows a whole-file import's columns are sized for (rowImporter; `room`: a first range's). */
export function columnCapacity(estimatedRows: number, room = 0): number {
  return Math.min(Math.max(room, estimatedRows + 16), 1 << 24);
}

/** Bytes per row of a field's column: number and date 8 (Float64), yes/no 1, text codes 4. */
export function bytesPerRow(type: string): number {
  return type === 'number' || type === 'integer' || type === 'date'
    ? 8
    : type === 'boolean'
      ? 1
      : 4;
}

/**
 * The byte lengths of the columns of the fields `types` for `rows` rows (a capacity), largest
 * first, as many as fit in `maxBytes`.
 */
export function columnBuffers(types: string[], rows: number, maxBytes: number): number[] {
  const sizes = types.map((t) => bytesPerRow(t) * rows).sort((a, b) => b - a);
  const out: number[] = [];
  let total = 0;
  for (const n of sizes)
    if (total + n <= maxBytes) {
      out.push(n);
      total += n;
    }
  return out;
}

type Column32 = Float64Array | Uint8Array | Int32Array;

/**
 * `column` moved into a buffer of its byte length from `memory`, its first `rows` values copied
 * (the rows written so far), or null when no such buffer has arrived. The sinks' `adopt`.
 */
export function moveInto<T extends Column32>(
  memory: ColumnMemory,
  column: T,
  rows: number,
): T | null {
  const b = memory.take(column.byteLength);
  if (!b) return null;
  const moved = new (column.constructor as new (buffer: ArrayBuffer) => T)(b);
  moved.set(column.subarray(0, Math.min(rows, moved.length)) as never);
  return moved;
}

/**
 * Buffers already here as a ColumnMemory (a range worker's, transferred with its job from the
 * import worker's faulted memory); `taken`: how many columns moved into them.
 */
export function heldMemory(
  buffers: ArrayBuffer[],
  /** The string sinks' kept bytes by field (SinkPlan.keptBytes), when their buffers came too. */
  kept?: Record<string, number>,
): ColumnMemory & { readonly taken: number; readonly sinkTaken: number } {
  const left = [...buffers];
  let taken = 0;
  let sinkTaken = 0;
  const takeOne = (byteLength: number) => {
    const i = left.findIndex((b) => b.byteLength === byteLength);
    return i < 0 ? null : left.splice(i, 1)[0];
  };
  return {
    take(byteLength) {
      const b = takeOne(byteLength);
      if (b) taken++;
      return b;
    },
    ...(kept
      ? {
          takeSink(byteLength: number) {
            const b = takeOne(byteLength);
            if (b) sinkTaken++;
            return b;
          },
          keptBytes: (field: string) => kept[field] ?? 0,
        }
      : {}),
    get taken() {
      return taken;
    },
    get sinkTaken() {
      return sinkTaken;
    },
  };
}

/** Up to one buffer per length in `sizes` from `memory` (those arrived), in that order. */
export function takeAll(memory: ColumnMemory, sizes: number[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const n of sizes) {
    const b = memory.take(n);
    if (b) out.push(b);
  }
  return out;
}
