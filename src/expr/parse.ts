/**
 * Parsing with jsep, configured for the Waymark language: `and`/`or` binary operators, a
 * low-precedence `not` (so `not a == b` means `not (a == b)`, as in SQL), `in` / `not in`
 * with list literals, and source positions on every node (jsep keeps none, so hooks record
 * them). Never evaluates anything.
 */
import jsep from 'jsep';
import { isIdentPart, tokenize } from './lexer';

/** A jsep node with the source span the hooks recorded. */
export type RawNode = jsep.Expression & { start?: number; end?: number };

export interface ParseError {
  message: string;
  start: number;
  end: number;
}

export type ParseResult = { ok: true; ast: RawNode } | { ok: false; error: ParseError };

const AND_PREC = 2;

type Ctx = jsep.HookScope & { index: number; expr: string };

const DURATION = /^(\d+)d(?![\p{L}\p{N}_])/u;
const NAMED = /^([\p{L}_][\p{L}\p{N}_]*)[ \t]*:(?!:)\s*/u;

/** True when the previous non-space character opens or separates call arguments. */
function isArgumentStart(src: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /\s/.test(src[j])) j--;
  return j >= 0 && (src[j] === '(' || src[j] === ',');
}

let configured = false;
const starts: number[] = [];

function isWordAt(src: string, i: number, word: string): boolean {
  if (!src.startsWith(word, i)) return false;
  const next = src.charCodeAt(i + word.length);
  return Number.isNaN(next) || !isIdentPart(String.fromCharCode(next));
}

/** Precedence climbing over jsep's own token and operator readers, for `not`'s operand. */
function climb(ctx: Ctx, left: RawNode, minPrec: number): RawNode {
  for (;;) {
    const save = ctx.index;
    const op = ctx.gobbleBinaryOp() as unknown as string | false;
    const prec = op ? jsep.binary_ops[op] : 0;
    if (!op || prec <= minPrec) {
      ctx.index = save;
      return left;
    }
    let right = ctx.gobbleToken() as RawNode | false;
    if (!right) ctx.throwError('Expected expression after ' + op);
    right = climb(ctx, right as RawNode, prec);
    left = { type: 'BinaryExpression', operator: op, left, right } as RawNode;
  }
}

function configure(): void {
  if (configured) return;
  configured = true;
  jsep.addBinaryOp('or', 1);
  jsep.addBinaryOp('and', AND_PREC);
  jsep.addBinaryOp('in', 7);
  jsep.addBinaryOp('not in', 7);
  // Parsed so the checker can say "use == instead of =" rather than a bare syntax error.
  jsep.addBinaryOp('=', 6);
  jsep.hooks.add('before-all' as jsep.HookType, function () {
    starts.length = 0;
  });
  jsep.hooks.add('gobble-token', function (this: jsep.HookScope, env: { node?: jsep.Expression }) {
    const ctx = this as Ctx;
    starts.push(ctx.index);
    const src = ctx.expr;
    const ch = src.charCodeAt(ctx.index);
    // A window length, `30d` (activity aggregates): a Literal marked as a duration.
    const dur = ch >= 48 && ch <= 57 ? DURATION.exec(src.slice(ctx.index, ctx.index + 16)) : null;
    if (dur) {
      this.index += dur[0].length;
      env.node = { type: 'Literal', value: Number(dur[1]), raw: dur[0], duration: true };
      return;
    }
    // `before: 30d`, `where: kind == 'visit'`: a named argument, only right after `(` or `,`.
    const named = isArgumentStart(src, ctx.index) ? NAMED.exec(src.slice(ctx.index)) : null;
    if (named) {
      this.index += named[0].length;
      const value = this.gobbleExpression() as RawNode | false;
      if (!value) this.throwError('Expected expression after ' + named[1] + ':');
      env.node = { type: 'NamedArgument', name: named[1], value } as jsep.Expression;
      return;
    }
    if (
      (ch >= 48 && ch <= 57) ||
      (ch === 46 && src.charCodeAt(this.index + 1) >= 48 && src.charCodeAt(this.index + 1) <= 57)
    ) {
      // jsep returns numbers without running after-token; read them here so spans stay paired.
      env.node = this.gobbleNumericLiteral() as jsep.Expression;
      return;
    }
    if (isWordAt(src, this.index, 'not') && !isWordAt(src, this.index, 'not in')) {
      this.index += 3;
      const operand = this.gobbleToken() as RawNode | false;
      if (!operand) this.throwError('Expected expression after not');
      const argument = climb(this, operand as RawNode, AND_PREC);
      env.node = { type: 'UnaryExpression', operator: 'not', argument, prefix: true };
    }
  });
  jsep.hooks.add('after-token', function (this: jsep.HookScope, env: { node?: jsep.Expression }) {
    const start = starts.pop();
    const node = env.node as RawNode | undefined;
    if (!node || start === undefined) return;
    // jsep reads the spaces after a token before this hook runs; spans end at the token itself.
    const ctx = this as Ctx;
    let end = ctx.index;
    while (end > start && /\s/.test(ctx.expr[end - 1])) end--;
    if (node.type === 'ThisExpression')
      env.node = { type: 'Identifier', name: 'this', start, end } as RawNode;
    else {
      // A token keeps its own span when wrapped in parentheses; a bare operator node takes the group's.
      if (node.start === undefined) {
        node.start = start;
        node.end = end;
      }
    }
  });
}

/** jsep accepts `f(a b)`; the language wants commas between arguments and list items. */
function requireCommas(src: string, items: ReadonlyArray<RawNode | null>): void {
  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1],
      b = items[i];
    if (
      a &&
      b &&
      a.end !== undefined &&
      b.start !== undefined &&
      !src.slice(a.end, b.start).includes(',')
    ) {
      throw Object.assign(new Error('Expected comma'), {
        index: a.end,
        description: 'Expected a comma',
      });
    }
  }
}

/** Fill spans jsep built without tokens (binary nodes, callees) from their children. */
function fillSpans(node: RawNode, src: string): void {
  switch (node.type) {
    case 'BinaryExpression': {
      const l = node.left as RawNode,
        r = node.right as RawNode;
      fillSpans(l, src);
      fillSpans(r, src);
      if (node.start === undefined) node.start = l.start;
      if (node.end === undefined) node.end = r.end;
      break;
    }
    case 'UnaryExpression':
      fillSpans(node.argument as RawNode, src);
      break;
    case 'CallExpression': {
      const callee = node.callee as RawNode;
      if (callee.type === 'Identifier' && callee.start === undefined) {
        callee.start = node.start;
        callee.end = (node.start ?? 0) + String(callee.name).length;
      }
      fillSpans(callee, src);
      for (const a of node.arguments as RawNode[]) fillSpans(a, src);
      requireCommas(src, node.arguments as RawNode[]);
      break;
    }
    case 'ArrayExpression':
      for (const e of node.elements as Array<RawNode | null>) if (e) fillSpans(e, src);
      requireCommas(src, node.elements as Array<RawNode | null>);
      break;
    case 'MemberExpression':
      fillSpans(node.object as RawNode, src);
      break;
    case 'NamedArgument':
      fillSpans(node.value as RawNode, src);
      break;
    case 'Compound':
      for (const e of node.body as RawNode[]) fillSpans(e, src);
      break;
    case 'ConditionalExpression': {
      const parts = [node.test, node.consequent, node.alternate] as RawNode[];
      for (const p of parts) fillSpans(p, src);
      if (node.start === undefined) node.start = parts[0].start;
      if (node.end === undefined) node.end = parts[2].end;
      break;
    }
  }
}

const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/**
 * Unicode spaces (e.g. the ideographic space an IME types) read as ASCII spaces; same length,
 * same offsets. Not inside string literals: '株式会社\u3000A' must still match that value.
 */
function normaliseSpaces(src: string): string {
  let out = '';
  let at = 0;
  for (const t of tokenize(src)) {
    if (t.kind !== 'string') continue;
    out += src.slice(at, t.start).replace(UNICODE_SPACES, ' ') + t.text;
    at = t.end;
  }
  return out + src.slice(at).replace(UNICODE_SPACES, ' ');
}

/** Parse an expression into jsep's tree with spans. Does not check names or types. */
export function parseExpression(source: string): ParseResult {
  configure();
  // Without any such space there is nothing to normalise (and one tokenize pass less: a cold
  // `waymark validate` parses each expression twice, issue 17 point 4).
  const src = source.search(UNICODE_SPACES) < 0 ? source : normaliseSpaces(source);
  // jsep accepts `a, b` and `a; b` as a list of expressions; the language has one expression.
  let depth = 0;
  for (const t of tokenize(src)) {
    if (t.kind === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    else if (t.kind === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    else if (t.kind === 'punct' && (t.text === ';' || (t.text === ',' && depth <= 0)))
      return {
        ok: false,
        error: { message: `Unexpected "${t.text}"`, start: t.start, end: t.end },
      };
  }
  try {
    const ast = jsep(src) as RawNode;
    if (ast.type === 'Compound') {
      const body = ast.body as RawNode[];
      if (body.length === 0)
        return { ok: false, error: { message: 'Empty expression', start: 0, end: 0 } };
      const second = body[1];
      fillSpans(second, src);
      return {
        ok: false,
        error: {
          message: 'Expected an operator between two values',
          start: second.start ?? 0,
          end: second.end ?? src.length,
        },
      };
    }
    fillSpans(ast, src);
    return { ok: true, ast };
  } catch (e) {
    const err = e as Error & { index?: number; description?: string };
    const at = Math.min(err.index ?? src.length, src.length);
    return {
      ok: false,
      error: {
        message: err.description ?? err.message,
        start: at,
        end: Math.min(at + 1, src.length),
      },
    };
  }
}
