import type { FieldContract } from '../model';
import { detectEncoding, encodingByLine, reallyUtf8, sniffBinary, type Encoding } from './encoding';
import { openBytes, type ImportOptions } from './importFile';
import { autoMap, type ColumnMapping } from './mapping';
import { openSource } from './sources';
import { lastMemo, plainKey } from './specMemo';
import { looksLikeXlsx } from './xlsx';

/**
 * What a parallel import (parallelImport.ts) needs to know before cutting the file: encoding,
 * delimiter, header and mapping, found from the head exactly as the serial import finds them
 * from the whole file — or null where the serial import must read the file.
 */
export interface Detected {
  encoding: Encoding;
  format: 'csv' | 'tsv';
  delimiter: string;
  hasHeader: boolean;
  headers: string[];
  mapping: ColumnMapping;
  start: number;
  rowsPerByte: number;
  checkMixed: boolean;
}

const HEAD_BYTES = 256 * 1024;
/** V8's longest string: a Shift_JIS file longer than this is refused by the serial import. */
const MAX_TEXT = (1 << 29) - 24;

/** What detect finds apart from the mapping (which is the caller's, or automatic). */
type Found = Omit<Detected, 'mapping'>;

/**
 * The last detection from a head (specMemo.ts): the preview detects from the page's head, and
 * the import at the click did it again from the same head (13–73 ms on the 2-core host). The
 * options the import adds (the mapping the user set, the bad-row policy, keyOptional) do not
 * change what is found; every other option is part of the key.
 */
export const detectMemo = lastMemo<Found | null>();

/** Heads up to this length are remembered (a whole file is not copied to be compared). */
const MEMO_BYTES = 1 << 20;

export function detect(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  /** The file's size when `bytes` is its head (at least 1 MB of it). */
  size = bytes.length,
): Detected | null {
  const {
    mapping,
    badRows: _b,
    keyOptional: _k,
    maxIssues: _m,
    rowNumbers: _r,
    onProgress: _p,
    memory: _y,
    ...rest
  } = opts;
  void [_b, _k, _m, _r, _p, _y];
  const key = bytes.length <= MEMO_BYTES ? plainKey([size, file, contract, rest]) : null;
  let found = key === null ? undefined : detectMemo.get(bytes, key);
  if (found === undefined) {
    found = detectFound(bytes, file, contract, rest, size);
    if (key !== null) detectMemo.set(bytes, key, found);
  }
  return found && { ...found, mapping: mapping ?? autoMap(found.headers, contract) };
}

function detectFound(
  bytes: Uint8Array,
  file: string,
  contract: FieldContract,
  opts: ImportOptions,
  size: number,
): Found | null {
  const n = size;
  // No line feed: CR-only line ends, rewritten by the serial import.
  if (n === 0 || bytes.indexOf(0x0a) < 0) return null;
  const input = openBytes(bytes, file, contract, opts, size);
  if (input) {
    const s = input.source;
    if ((s.format !== 'csv' && s.format !== 'tsv') || !s.delimiter) return null;
    return {
      encoding: input.encoding,
      format: s.format,
      delimiter: s.delimiter,
      hasHeader: s.hasHeader,
      headers: s.headers,
      start: input.start,
      rowsPerByte: s.estimatedRows / Math.max(1, n - input.start),
      // A detected Shift_JIS file (the byte path reads it too): no line may be UTF-8, as the
      // one pass checks (importAccountFile, the block import's MixedByRecord).
      checkMixed: input.encoding === 'shift_jis' && !opts.encoding,
    };
  }
  if (looksLikeXlsx(bytes, file) || sniffBinary(bytes) || n >= MAX_TEXT) return null;
  if (opts.format && opts.format !== 'csv' && opts.format !== 'tsv') return null;
  const encoding = opts.encoding ?? detectEncoding(bytes);
  if (encoding !== 'shift_jis') return null;
  let headEnd = n;
  if (n > HEAD_BYTES) headEnd = bytes.lastIndexOf(0x0a, HEAD_BYTES) + 1;
  if (headEnd > bytes.length) return null;
  if (headEnd <= 0) return null;
  let head: string;
  try {
    head = new TextDecoder('shift_jis', { fatal: true }).decode(bytes.subarray(0, headEnd));
  } catch {
    return null;
  }
  // The serial import detects from the header line and 64K characters after it: the head must hold them.
  const firstBreak = head.indexOf('\n');
  if (headEnd < n && (firstBreak < 0 || head.length < firstBreak + 1 + 64 * 1024)) return null;
  const s = openSource(head, file, contract, opts);
  const d = s.delimiter;
  if ((s.format !== 'csv' && s.format !== 'tsv') || !d || d.length !== 1) return null;
  const D = d.charCodeAt(0);
  if (D >= 0x80 || D === 34 || D === 10 || D === 13) return null;
  let breaks = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < headEnd; i = bytes.indexOf(0x0a, i + 1)) breaks++;
  return {
    encoding,
    format: s.format,
    delimiter: d,
    hasHeader: s.hasHeader,
    headers: s.headers,
    start: 0,
    rowsPerByte: Math.max(1, breaks) / headEnd,
    checkMixed: !opts.encoding,
  };
}

/** A range's lines as mixedEncodingError counts them (ranges end at line feeds, so counts add up). */
export function reallyUtf8Lines(b: Uint8Array): { invalid: number; utf8: number; real: number } {
  const lines = encodingByLine(b);
  let real = 0;
  for (let k = 0; k < lines.utf8Lines.length; k++)
    if (reallyUtf8(b, lines.utf8Start[k], lines.utf8End[k])) real++;
  return { invalid: lines.invalidCount, utf8: lines.utf8Lines.length, real };
}
