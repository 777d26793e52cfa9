/**
 * What kind of file a picked file is, from its first bytes and name: small enough for the page's
 * bundle (no unzip), so the page knows which files the worker must read whole.
 */
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP.every((x, i) => bytes[i] === x);
}

/** A file to read as a workbook: a zip, or anything named .xlsx (whose bytes then explain why not). */
export function looksLikeXlsx(bytes: Uint8Array, file: string): boolean {
  return isZip(bytes) || /\.xlsx$/i.test(file);
}

/**
 * How much of a picked file the page reads (all of a smaller file): the preview's rows. The
 * import reads the File itself.
 */
export const PREVIEW_BYTES = 1 << 20;

/**
 * A file whose preview needs all of it: a JSON document, or a workbook (a zip's directory is at
 * its end). Any other file is previewed from its first megabyte.
 */
export function previewNeedsWholeFile(bytes: Uint8Array, file: string): boolean {
  return /\.json$/i.test(file) || looksLikeXlsx(bytes, file);
}
