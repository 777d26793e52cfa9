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
  // Depth is at most the number of opening brackets (those inside strings counted too): with no
  // more than `max` of them the text cannot be too deep. A few hundred indexOf calls, where the
  // pass below runs the interpreter over every character — ~1.5 ms of `waymark validate` on a
  // 22 KB playbook (issue 17 point 4). Big account files stop counting at max + 1 and scan.
  if (openings(text, '[', max + 1) + openings(text, '{', max + 1) <= max) return null;
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

/** Occurrences of `c` in `text`, counting up to `stop` only. */
function openings(text: string, c: string, stop: number): number {
  let k = 0;
  for (let i = text.indexOf(c); i >= 0 && k < stop; i = text.indexOf(c, i + 1)) k++;
  return k;
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
