/**
 * A token stream over expression source, used where the parse tree is not enough or not
 * available: renaming fields token-exactly, listing references, autocomplete in half-typed
 * text, and rejecting separators jsep would silently accept. Its identifier rule matches the
 * parser's (letters of any script, digits, `_`).
 */
export type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'punct' | 'unknown';

export interface Token {
  kind: TokenKind;
  /** Raw source text of the token. */
  text: string;
  start: number;
  end: number;
  /** Strings: true when the closing quote is missing. */
  unterminated?: boolean;
}

const OPS = [
  '!==',
  '===',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '**',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '&',
  '|',
  '^',
  '~',
  '?',
  ':',
  '.',
];
const PUNCT = new Set(['(', ')', '[', ']', ',', ';']);
/** ASCII characters that may not start an identifier although jsep treats non-ASCII broadly. */
function isIdentStart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 95 ||
    c === 36 ||
    (c >= 128 && !/\s/u.test(ch))
  );
}
export function isIdentPart(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return isIdentStart(ch) || (c >= 48 && c <= 57);
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === "'" || ch === '"') {
      i++;
      let closed = false;
      while (i < src.length) {
        if (src[i] === '\\') i += 2;
        else if (src[i] === ch) {
          i++;
          closed = true;
          break;
        } else i++;
      }
      i = Math.min(i, src.length);
      out.push({
        kind: 'string',
        text: src.slice(start, i),
        start,
        end: i,
        ...(closed ? {} : { unterminated: true }),
      });
      continue;
    }
    if ((ch >= '0' && ch <= '9') || (ch === '.' && src[i + 1] >= '0' && src[i + 1] <= '9')) {
      const m = /^(\d*\.?\d*)([eE][+-]?\d+)?/.exec(src.slice(i))!;
      i += Math.max(1, m[0].length);
      // A window length such as `30d` is one token (activity aggregates), not 30 and a name `d`.
      if (src[i] === 'd' && /^\d+$/.test(m[0]) && !isIdentPart(src[i + 1] ?? ' ')) i++;
      out.push({ kind: 'number', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (isIdentStart(ch)) {
      i++;
      while (i < src.length && isIdentPart(src[i])) i++;
      out.push({ kind: 'ident', text: src.slice(start, i), start, end: i });
      continue;
    }
    if (PUNCT.has(ch)) {
      i++;
      out.push({ kind: 'punct', text: ch, start, end: i });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      i += op.length;
      out.push({ kind: 'op', text: op, start, end: i });
      continue;
    }
    i++;
    out.push({ kind: 'unknown', text: ch, start, end: i });
  }
  return out;
}

/** True when the identifier token at `index` is a function name (followed by `(`). */
export function isCallee(tokens: readonly Token[], index: number): boolean {
  const next = tokens[index + 1];
  return next !== undefined && next.kind === 'punct' && next.text === '(';
}
