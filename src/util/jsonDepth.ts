/**
 * Nesting depth of a JSON text, checked before JSON.parse: V8 parses 10,000 nested arrays, but
 * every recursive walk after it (JSON.stringify, zod, our own checks) overflows the stack and
 * the process dies with "Maximum call stack size exceeded". One pass over the characters
 * (strings skipped), so it costs a fraction of the parse.
 */
export interface TooDeep {
  /** The depth reached (max + 1). */
  depth: number;
  /** 1-based line and column of the bracket that went past the limit. */
  line: number;
  column: number;
  /** JSON path to that bracket, its first segments only (e.g. `$[0].mrr[0][0]…`). */
  path: string;
}

/** Default limit for documents and account files: far beyond any real playbook, project or export. */
export const MAX_JSON_DEPTH = 200;

const PATH_SEGMENTS = 8;

export function findTooDeep(text: string, max = MAX_JSON_DEPTH): TooDeep | null {
  // A document (playbook, project: tens of KB) is checked by one native regex pass before the
  // pass below, which runs the interpreter over every character while the code is cold: ~1.5–3 ms
  // of `waymark validate` on the 22 KB demo project (issue 17 point 4). Account files (MBs,
  // where the loop gets optimised) go straight to it.
  if (text.length <= SHALLOW_CHECK_MAX && bracketDepth(text) <= max) return null;
  const n = text.length;
  // Per open bracket: an array index, or the last key of an object (null before the first key).
  const at: (number | string | null)[] = [];
  let lastString: string | null = null;
  let stringStart = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string; remember it in case it is a key.
      stringStart = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      lastString = at.length <= PATH_SEGMENTS ? text.slice(stringStart + 1, i) : '';
    } else if (c === 91 || c === 123) {
      at.push(c === 91 ? 0 : null);
      if (at.length > max) return tooDeep(text, i, at);
    } else if (c === 93 || c === 125) at.pop();
    else if (c === 44) {
      const top = at.length - 1;
      if (top >= 0 && typeof at[top] === 'number') at[top] = (at[top] as number) + 1;
    } else if (c === 58) {
      const top = at.length - 1;
      if (top >= 0 && typeof at[top] !== 'number') at[top] = lastString ?? '';
    }
  }
  return null;
}

/** Texts up to this length get bracketDepth first. */
const SHALLOW_CHECK_MAX = 1 << 20;
/**
 * Strings (as the scan skips them: from a quote to the next unescaped one) and runs of anything
 * but brackets and quotes. What is left: brackets, and a quote opening a string never closed.
 */
const NOT_BRACKETS = /"(?:[^"\\]|\\[\s\S])*"|[^[\]{}"]+/g;

/**
 * The deepest nesting findTooDeep's scan reaches, from the brackets outside strings only: the
 * same strings skipped, a closing bracket at depth 0 ignored, nothing counted after a string
 * that is never closed (the scan skips to the end). Equal to the scan's maximum depth.
 */
export function bracketDepth(text: string): number {
  const b = text.replace(NOT_BRACKETS, '');
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    } else break; // an unclosed string: the rest is inside it
  }
  return deepest;
}

function tooDeep(text: string, offset: number, at: (number | string | null)[]): TooDeep {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let path = '$';
  // The last entry is the bracket that went too deep; the path leads to it.
  for (const k of at.slice(0, Math.min(at.length - 1, PATH_SEGMENTS))) {
    if (typeof k === 'number') path += `[${k}]`;
    else if (k !== null && /^[A-Za-z_$][\w$]*$/.test(k)) path += `.${k}`;
    else if (k !== null) path += `[${JSON.stringify(k)}]`;
  }
  if (at.length - 1 > PATH_SEGMENTS) path += '…';
  return { depth: at.length, line, column: offset - lineStart + 1, path };
}
