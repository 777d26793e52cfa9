/**
 * Type-checks a parsed expression against an environment (field contract + scope built-ins)
 * and produces the typed AST every evaluator and the SQL compiler share. Collects every error
 * it can, each with a position and, where one is close, a suggestion.
 */
import { isoToDays } from '../table/columns';
import { FUNCTION_BY_NAME, FUNCTIONS, MAX_ROUND_DIGITS } from './functions';
import { makeError, syntaxDetail } from './messages';
import { parseExpression, type RawNode } from './parse';
import { nearest, type Candidate } from './suggest';
import { BUILTIN_TYPES } from './env';
import { AGGREGATES, checkAggregate, isAggregateCall } from './aggregate';
import type {
  AggregateSpec,
  BuiltinName,
  CheckResult,
  CheckedExpr,
  CompareOp,
  ExprEnv,
  ExprError,
  NameInfo,
  ValueType,
} from './types';

/** Operators jsep parses that the language leaves out, with what to write instead. */
const OPERATOR_HINTS: Record<string, string | undefined> = {
  '=': '==',
  '===': '==',
  '!==': '!=',
  '&&': 'and',
  '||': 'or',
  '!': 'not',
  '??': 'coalesce',
};
const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const ARITH_OPS = new Set(['+', '-', '*', '/']);

class Checker {
  readonly errors: ExprError[] = [];
  readonly fields: string[] = [];
  readonly builtins: BuiltinName[] = [];
  readonly aggregates: AggregateSpec[] = [];
  constructor(
    private readonly env: ExprEnv,
    private readonly src: string,
  ) {}

  private err(...args: Parameters<typeof makeError>): null {
    this.errors.push(makeError(...args));
    return null;
  }

  private span(n: RawNode): { start: number; end: number } {
    return { start: n.start ?? 0, end: n.end ?? n.start ?? 0 };
  }

  private nameCandidates(): Candidate[] {
    const out: Candidate[] = [];
    for (const [id, info] of this.env.fields) {
      out.push({ match: id, value: id });
      if (info.label)
        out.push({ match: info.label.en, value: id }, { match: info.label.ja, value: id });
    }
    for (const b of this.env.builtins.keys()) out.push({ match: b, value: b });
    return out;
  }

  /** What a name refers to, or null (error recorded). */
  private resolveName(name: string, sp: { start: number; end: number }): CheckedExpr | null {
    const b = this.env.builtins.get(name as BuiltinName);
    if (b) {
      if (!this.builtins.includes(name as BuiltinName)) this.builtins.push(name as BuiltinName);
      return { kind: 'builtin', type: b.type, name: name as BuiltinName, ...sp };
    }
    const f = this.env.fields.get(name);
    if (f) {
      if (!this.fields.includes(name)) this.fields.push(name);
      return { kind: 'field', type: f.type, id: name, ...sp };
    }
    if (Object.hasOwn(BUILTIN_TYPES, name))
      return this.err('builtin_out_of_scope', sp, { name, scope: this.env.scope });
    const fn = FUNCTION_BY_NAME.get(name);
    if (fn) return this.err('not_a_function', sp, { name, signature: fn.signature });
    if (name === 'null') return this.err('null_literal', sp);
    // A Japanese IME may type full-width letters, operators or parentheses (ｎｐｓ＞＝７), which
    // read as one long name; suggest the half-width text.
    const half = name
      .normalize('NFKC')
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"');
    if (half !== name) return this.err('unknown_field', sp, { name }, half);
    return this.err('unknown_field', sp, { name }, nearest(name, this.nameCandidates()));
  }

  /** Allowed values of a category field or known built-in, if the node is one. */
  private allowedValues(e: CheckedExpr): { name: string; values: readonly string[] } | undefined {
    let info: NameInfo | undefined;
    let name = '';
    if (e.kind === 'field') {
      info = this.env.fields.get(e.id);
      name = e.id;
    } else if (e.kind === 'builtin') {
      info = this.env.builtins.get(e.name);
      name = e.name;
    }
    return info?.values ? { name, values: info.values } : undefined;
  }

  private checkCategoryValue(target: CheckedExpr, lit: CheckedExpr): void {
    if (lit.kind !== 'string') return;
    const allowed = this.allowedValues(target);
    if (!allowed || allowed.values.includes(lit.value)) return;
    const near = nearest(
      lit.value,
      allowed.values.map((v) => ({ match: v, value: v })),
    );
    this.err(
      'unknown_category_value',
      lit,
      { value: lit.value, name: allowed.name, allowed: allowed.values.join(', ') },
      near !== undefined ? `'${near.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : undefined,
    );
  }

  check(n: RawNode): CheckedExpr | null {
    const sp = this.span(n);
    switch (n.type) {
      case 'Literal': {
        const v = n.value;
        if ((n as { duration?: boolean }).duration)
          return this.err('duration_out_of_place', sp, { text: String(n.raw) });
        if (typeof v === 'number') return { kind: 'number', type: 'number', value: v, ...sp };
        if (typeof v === 'string') return { kind: 'string', type: 'string', value: v, ...sp };
        if (typeof v === 'boolean') return { kind: 'boolean', type: 'boolean', value: v, ...sp };
        if (v === null) return this.err('null_literal', sp);
        return this.err('unsupported_syntax', sp, { what: 'literal' });
      }
      case 'Identifier':
        return this.resolveName(String(n.name), sp);
      case 'UnaryExpression':
        return this.unary(n, sp);
      case 'BinaryExpression':
        return this.binary(n, sp);
      case 'CallExpression':
        return this.call(n, sp);
      case 'ArrayExpression':
        return this.err('list_expected', sp, { op: 'in', name: 'x' });
      case 'MemberExpression':
        return this.err('unsupported_syntax', sp, { what: 'member' });
      case 'ConditionalExpression':
        return this.err('unsupported_syntax', sp, { what: 'ternary' }, 'if(cond, a, b)');
      case 'NamedArgument':
        return this.err(
          'named_argument',
          { start: sp.start, end: sp.start + String(n.name).length },
          { name: String(n.name), fn: '' },
        );
      default:
        return this.err('unsupported_syntax', sp, { what: 'other' });
    }
  }

  private expectType(e: CheckedExpr, want: ValueType, op: string, side: string): boolean {
    if (e.type === want) return true;
    this.err('operand_type', e, { op, expected: want, got: e.type, side });
    return false;
  }

  private unary(n: RawNode, sp: { start: number; end: number }): CheckedExpr | null {
    const op = String(n.operator);
    const arg = this.check(n.argument as RawNode);
    if (op === 'not') {
      if (!arg || !this.expectType(arg, 'boolean', 'not', 'right')) return null;
      return { kind: 'not', type: 'boolean', arg, ...sp };
    }
    if (op === '-') {
      if (!arg || !this.expectType(arg, 'number', '-', 'right')) return null;
      // Fold `-3` into a literal so SQL and explanations show it as written.
      if (arg.kind === 'number')
        return { kind: 'number', type: 'number', value: -arg.value, ...sp };
      return { kind: 'neg', type: 'number', arg, ...sp };
    }
    return this.err(
      'unsupported_operator',
      { start: sp.start, end: sp.start + op.length },
      { op },
      OPERATOR_HINTS[op],
    );
  }

  private binary(n: RawNode, sp: { start: number; end: number }): CheckedExpr | null {
    const op = String(n.operator);
    const leftRaw = n.left as RawNode,
      rightRaw = n.right as RawNode;
    const opSpan = this.operatorSpan(leftRaw, rightRaw, op, sp);
    if (op === 'in' || op === 'not in') return this.inList(n, op, sp, opSpan);
    const left = this.check(leftRaw);
    const right = this.check(rightRaw);
    if (op === '-' && left?.type === 'date' && right?.type === 'date') {
      // Date arithmetic is left out (its SQL differs by dialect); say what to write instead.
      const text = (e: CheckedExpr) => this.src.slice(e.start, e.end);
      return this.err(
        'operand_type',
        sp,
        { op, expected: 'number', got: 'date', side: 'left' },
        `days_between(${text(right)}, ${text(left)})`,
      );
    }
    if (op === 'and' || op === 'or') {
      const okL = left ? this.expectType(left, 'boolean', op, 'left') : false;
      const okR = right ? this.expectType(right, 'boolean', op, 'right') : false;
      if (!okL || !okR || !left || !right) return null;
      return { kind: 'logic', type: 'boolean', op, left, right, ...sp };
    }
    if (ARITH_OPS.has(op)) {
      const okL = left ? this.expectType(left, 'number', op, 'left') : false;
      const okR = right ? this.expectType(right, 'number', op, 'right') : false;
      if (!okL || !okR || !left || !right) return null;
      return { kind: 'arith', type: 'number', op: op as '+' | '-' | '*' | '/', left, right, ...sp };
    }
    if (COMPARE_OPS.has(op)) {
      if (!left || !right) return null;
      if (left.type !== right.type) {
        return this.err('mixed_types', sp, { left: left.type, right: right.type, op });
      }
      if ((left.type === 'string' || left.type === 'boolean') && op !== '==' && op !== '!=') {
        return this.err('string_order', opSpan, { op });
      }
      this.checkCategoryValue(left, right);
      this.checkCategoryValue(right, left);
      return {
        kind: 'compare',
        type: 'boolean',
        op: op as CompareOp,
        operand: left.type,
        left,
        right,
        ...sp,
      };
    }
    return this.err('unsupported_operator', opSpan, { op }, OPERATOR_HINTS[op]);
  }

  /** The operator's own position, between its operands. */
  private operatorSpan(l: RawNode, r: RawNode, op: string, sp: { start: number; end: number }) {
    const from = l.end ?? sp.start;
    const to = r.start ?? sp.end;
    const at = this.src.slice(from, to).indexOf(op);
    return at >= 0 ? { start: from + at, end: from + at + op.length } : { start: from, end: to };
  }

  private inList(
    n: RawNode,
    op: string,
    sp: { start: number; end: number },
    opSpan: { start: number; end: number },
  ): CheckedExpr | null {
    const arg = this.check(n.left as RawNode);
    const listRaw = n.right as RawNode;
    if (listRaw.type !== 'ArrayExpression') {
      this.check(listRaw);
      return this.err('list_expected', opSpan, {
        op,
        name: arg && arg.kind === 'field' ? arg.id : 'x',
      });
    }
    if (!arg) return null;
    if (arg.type === 'date')
      return this.err('list_literal', this.span(listRaw), { expected: arg.type });
    const list: Array<number | string | boolean> = [];
    let ok = true;
    for (const el of listRaw.elements as Array<RawNode | null>) {
      if (!el) continue;
      const item = this.check(el);
      if (!item) {
        ok = false;
        continue;
      }
      if (
        (item.kind !== 'number' && item.kind !== 'string' && item.kind !== 'boolean') ||
        item.type !== arg.type
      ) {
        this.err('list_literal', item, { expected: arg.type });
        ok = false;
        continue;
      }
      this.checkCategoryValue(arg, item);
      list.push(item.value);
    }
    if (list.length === 0 && ok)
      return this.err('list_literal', this.span(listRaw), { expected: arg.type });
    if (!ok) return null;
    return { kind: 'in', type: 'boolean', negated: op === 'not in', arg, list, ...sp };
  }

  /** An activity aggregate: read as the column the engine fills (see aggregate.ts). */
  private aggregate(
    name: string,
    argsRaw: RawNode[],
    sp: { start: number; end: number },
  ): CheckedExpr | null {
    const spec = checkAggregate(
      {
        env: this.env,
        src: this.src,
        err: (...a) => this.err(...a),
        checkWhere: (raw, env) => {
          const sub = new Checker(env, this.src);
          const e = sub.check(raw);
          this.errors.push(...sub.errors);
          return sub.errors.length ? null : e;
        },
      },
      name,
      argsRaw,
      sp,
    );
    if (!spec) return null;
    if (!this.aggregates.some((a) => a.id === spec.id)) this.aggregates.push(spec);
    return { kind: 'field', type: spec.type, id: spec.id, ...sp };
  }

  private call(n: RawNode, sp: { start: number; end: number }): CheckedExpr | null {
    const callee = n.callee as RawNode;
    const argsRaw = n.arguments as RawNode[];
    if (callee.type !== 'Identifier') {
      return this.err('unsupported_syntax', sp, { what: 'call_target' });
    }
    const name = String(callee.name);
    const cs = this.span(callee);
    if (isAggregateCall(name, argsRaw, this.env)) return this.aggregate(name, argsRaw, sp);
    const fn = FUNCTION_BY_NAME.get(name);
    if (!fn) {
      for (const a of argsRaw) this.check(a);
      return this.err(
        'unknown_function',
        cs,
        { name },
        nearest(name, [
          ...FUNCTIONS.map((f) => ({ match: f.name, value: f.name })),
          ...(this.env.sources?.size
            ? AGGREGATES.map((f) => ({ match: f.name, value: f.name }))
            : []),
        ]),
      );
    }
    const maxArgs = fn.variadic ? Infinity : fn.params.length;
    if (argsRaw.length < fn.minArgs || argsRaw.length > maxArgs) {
      // Language-neutral: '1', '1–2', '2+'.
      const expected = fn.variadic
        ? `${fn.minArgs}+`
        : fn.minArgs === maxArgs
          ? String(fn.minArgs)
          : `${fn.minArgs}–${maxArgs}`;
      for (const a of argsRaw) this.check(a);
      return this.err('arity', sp, {
        name,
        expected,
        got: argsRaw.length,
        signature: fn.signature,
      });
    }
    if (fn.name === 'date') {
      const a = argsRaw[0];
      const days = a.type === 'Literal' && typeof a.value === 'string' ? isoToDays(a.value) : NaN;
      if (Number.isNaN(days))
        return this.err('invalid_date', this.span(a), {
          got: a.type === 'Literal' ? String(a.raw) : 'an expression',
        });
      return { kind: 'date', type: 'date', value: days, iso: String(a.value), ...sp };
    }
    if (fn.name === 'round' && argsRaw.length === 2) {
      const d = argsRaw[1];
      if (!(
        d.type === 'Literal' &&
        typeof d.value === 'number' &&
        Number.isInteger(d.value) &&
        d.value >= 0 &&
        d.value <= MAX_ROUND_DIGITS
      )) {
        this.check(argsRaw[0]);
        return this.err('digits_literal', this.span(d), { max: MAX_ROUND_DIGITS });
      }
    }
    const args = argsRaw.map((a) => this.check(a));
    let tType: ValueType | undefined;
    let ok = true;
    args.forEach((a, i) => {
      if (!a) {
        ok = false;
        return;
      }
      const p = fn.params[Math.min(i, fn.params.length - 1)];
      let want: ValueType | undefined = p.type === 'T' ? tType : p.type;
      if (p.type === 'T' && tType === undefined) {
        tType = a.type;
        want = a.type;
      }
      if (want !== undefined && a.type !== want) {
        ok = false;
        this.err('argument_type', a, { index: i + 1, name, expected: want, got: a.type });
      }
    });
    if (!ok) return null;
    const checked = args as CheckedExpr[];
    // Category checks for `coalesce(plan, 'free')` and `if(c, plan, 'free')`.
    if (fn.name === 'coalesce')
      for (const a of checked.slice(1)) this.checkCategoryValue(checked[0], a);
    const returns: ValueType = fn.returns === 'T' ? (tType as ValueType) : fn.returns;
    return {
      kind: 'call',
      type: returns,
      fn: fn.name as Exclude<typeof fn.name, 'date'>,
      args: checked,
      ...sp,
    };
  }
}

/** jsep's English messages, as a reason the UI can translate (`expr:syntax.<reason>`). */
function syntaxReason(message: string): { reason: string; token: string } {
  let m: RegExpExecArray | null;
  if ((m = /^Expected expression after (.+)$/.exec(message)))
    return { reason: 'expected_after', token: m[1] };
  if ((m = /^Expected ([)\]:])$/.exec(message))) return { reason: 'expected_token', token: m[1] };
  if (/^Expected (a )?comma$/.test(message)) return { reason: 'expected_comma', token: ',' };
  if (message === 'Expected expression' || message === 'missing unaryOp argument')
    return { reason: 'expected_value', token: '' };
  if (message.startsWith('Unclosed quote')) return { reason: 'unclosed_quote', token: "'" };
  if ((m = /^Unclosed ([([])$/.exec(message))) return { reason: 'unclosed', token: m[1] };
  if (message === 'Unexpected period') return { reason: 'unexpected', token: '.' };
  if ((m = /^Unexpected (?:token )?"?(.+?)"?$/.exec(message)))
    return { reason: 'unexpected', token: m[1] };
  if (message === 'Expected an operator between two values')
    return { reason: 'missing_operator', token: '' };
  if (/^Expected exponent|^Variable names cannot start with a number/.test(message))
    return { reason: 'bad_number', token: '' };
  return { reason: 'other', token: '' };
}

/** Check `source` in `env`: the typed AST and the fields it reads, or every error found. */
export function checkExpression(source: string, env: ExprEnv): CheckResult {
  if (source.trim() === '')
    return { ok: false, errors: [makeError('empty', { start: 0, end: 0 })] };
  const parsed = parseExpression(source);
  if (!parsed.ok) {
    const { message, start, end } = parsed.error;
    const { reason, token } = syntaxReason(message);
    const detail = reason === 'other' ? message : syntaxDetail(reason, token);
    return { ok: false, errors: [makeError('syntax', { start, end }, { detail, reason, token })] };
  }
  const c = new Checker(env, source);
  const expr = c.check(parsed.ast);
  if (c.errors.length > 0 || !expr) return { ok: false, errors: c.errors };
  if (!env.expect.includes(expr.type)) {
    return {
      ok: false,
      errors: [
        makeError('result_type', expr, {
          scope: env.scope,
          expected: env.expect.join('|'),
          got: expr.type,
        }),
      ],
    };
  }
  return {
    ok: true,
    expr,
    type: expr.type,
    fields: c.fields,
    builtins: c.builtins,
    aggregates: c.aggregates,
  };
}
