/**
 * The published JSON Schema must work in every validator, but `\p{L}` (Unicode property
 * escapes) is ECMAScript-with-`u` only: Python's `jsonschema` (re module) and others reject the
 * pattern. The schema therefore checks identifiers portably — the ASCII part exactly (letters,
 * digits, `_`; no leading digit), any non-ASCII character accepted — and Waymark's zod model
 * keeps enforcing the exact rule (letters of any script, `\p{L}\p{N}_`) on read.
 */
const PORTABLE: Record<string, string> = {
  '^[\\p{L}_][\\p{L}\\p{N}_]*$':
    '^[^\\x00-\\x40\\x5B-\\x5E\\x60\\x7B-\\x7F][^\\x00-\\x2F\\x3A-\\x40\\x5B-\\x5E\\x60\\x7B-\\x7F]*$',
};

/** JSON.stringify replacer: rewrite known `\p{…}` patterns; refuse any other so none slips in. */
export function portablePattern(key: string, value: unknown): unknown {
  if (key !== 'pattern' || typeof value !== 'string') return value;
  const out = PORTABLE[value] ?? value;
  if (/\\[pP]\{/.test(out))
    throw new Error(
      `JSON Schema pattern ${value} uses \\p{…}, which other validators reject: add a portable form to src/cli/schemaPortable.ts`,
    );
  return out;
}
