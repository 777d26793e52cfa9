/**
 * Windowed aggregates over activity sources (playbook v2): `count(logins, 30d)`,
 * `sum(contacts.minutes, 90d, where: kind == '訪問')`, `count(logins, 30d, before: 30d)`,
 * `change(count(logins, 30d))`, `days_since(contacts)`, `last(nps.score)`.
 *
 * The checker resolves each call to a `field` node whose id is the aggregate's canonical text
 * (which no field id can be, since ids have no parentheses), and lists the AggregateSpec; the
 * engine fills that column from the activity data before scoring, so evaluators and SQL read
 * it like any other column. Semantics and the window rule: docs/expressions.md.
 */
import type { RawNode } from './parse';
import { nearest } from './suggest';
import type {
  AggregateFn,
  AggregateSpec,
  CheckedExpr,
  ExprEnv,
  ExprErrorCode,
  NameInfo,
  SourceInfo,
} from './types';

export interface AggregateCatalogEntry {
  name: AggregateFn | 'change';
  signature: string;
  /** i18n key of the one-line description in the `expr` namespace. */
  docKey: string;
  example: string;
}

const entry = (name: AggregateCatalogEntry['name'], signature: string, example: string) => ({
  name,
  signature,
  docKey: `aggregates.${name}`,
  example,
});

/** The activity functions, for autocomplete and the docs. */
export const AGGREGATES: readonly AggregateCatalogEntry[] = [
  entry('count', 'count(source, 30d, before: 30d, where: cond) → number', 'count(logins, 30d)'),
  entry('sum', 'sum(source.number, 30d, …) → number', 'sum(contacts.minutes, 90d)'),
  entry('avg', 'avg(source.number, 30d, …) → number', 'avg(nps.score, 90d)'),
  entry('min', 'min(source.number, 30d, …) → number', 'min(nps.score, 365d)'),
  entry('max', 'max(source.number, 30d, …) → number', 'max(nps.score, 365d)'),
  entry(
    'count_distinct',
    'count_distinct(source.attribute, 30d, …) → number',
    'count_distinct(logins.user, 30d)',
  ),
  entry('last', 'last(source.attribute, 30d, …) → value', 'last(nps.score)'),
  entry('days_since', 'days_since(source, where: cond) → number', 'days_since(contacts)'),
  entry('change', 'change(count(source, 30d)) → number', 'change(count(logins, 30d)) <= -0.5'),
];

const ALWAYS: ReadonlySet<string> = new Set([
  'count',
  'sum',
  'avg',
  'count_distinct',
  'last',
  'change',
]);
/** Also scalar functions: an aggregate only when the first argument names a source. */
const OVERLOADED: ReadonlySet<string> = new Set(['min', 'max', 'days_since']);
const CHANGEABLE: ReadonlySet<AggregateFn> = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'count_distinct',
]);
/** Longest window or offset (ten years), so day arithmetic stays small and exact. */
export const MAX_WINDOW_DAYS = 3650;

type Span = { start: number; end: number };

export interface AggregateContext {
  env: ExprEnv;
  src: string;
  err(code: ExprErrorCode, span: Span, params?: Record<string, string | number>, s?: string): null;
  /** Check a `where:` condition against the source's attributes (errors go to the same list). */
  checkWhere(raw: RawNode, env: ExprEnv): CheckedExpr | null;
}

function span(n: RawNode): Span {
  return { start: n.start ?? 0, end: n.end ?? n.start ?? 0 };
}

/** Whether `name(args…)` is an activity aggregate rather than an ordinary function call. */
export function isAggregateCall(name: string, args: readonly RawNode[], env: ExprEnv): boolean {
  if (ALWAYS.has(name)) return true;
  if (!OVERLOADED.has(name)) return false;
  const a = args[0];
  if (!a) return false;
  if (a.type === 'MemberExpression') return true;
  if (a.type === 'Identifier') {
    const id = String(a.name);
    return !!env.sources?.has(id) && !env.fields.has(id);
  }
  return args.some((x) => x.type === 'NamedArgument');
}

/**
 * Checks an aggregate call; returns its spec (without registering it) or null after recording
 * the errors. `change()` wraps the spec of its argument.
 */
export function checkAggregate(
  ctx: AggregateContext,
  name: string,
  argsRaw: readonly RawNode[],
  sp: Span,
): AggregateSpec | null {
  if (name === 'change') return checkChange(ctx, argsRaw, sp);
  const fn = name as AggregateFn;
  const usage = () => ctx.err('aggregate_usage', sp, { name, signature: signatureOf(name) });
  const positional = argsRaw.filter((a) => a.type !== 'NamedArgument');
  const named = argsRaw.filter((a) => a.type === 'NamedArgument');
  if (positional.length < 1 || positional.length > 2) return usage();
  const target = positional[0];
  const needsAttr = fn !== 'count' && fn !== 'days_since';
  // Target: `source` or `source.attribute`.
  let sourceNode: RawNode;
  let attrName: string | undefined;
  let attrSpan: Span | undefined;
  if (target.type === 'MemberExpression' && !target.computed) {
    const obj = target.object as RawNode;
    const prop = target.property as RawNode;
    if (obj.type !== 'Identifier' || prop.type !== 'Identifier') return usage();
    const t = span(target);
    sourceNode = { ...obj, start: t.start, end: t.start + String(obj.name).length } as RawNode;
    attrName = String(prop.name);
    attrSpan = { start: t.end - attrName.length, end: t.end };
  } else if (target.type === 'Identifier') sourceNode = target;
  else return usage();
  const sourceId = String(sourceNode.name);
  const source = ctx.env.sources?.get(sourceId);
  if (!source) {
    const ids = [...(ctx.env.sources?.keys() ?? [])];
    return ctx.err(
      'unknown_source',
      span(sourceNode),
      { name: sourceId, sources: ids.length ? ids.join(', ') : '—' },
      nearest(
        sourceId,
        ids.map((i) => ({ match: i, value: i })),
      ),
    );
  }
  if (needsAttr && attrName === undefined)
    return ctx.err('aggregate_usage', span(target), { name, signature: signatureOf(name) });
  if (!needsAttr && attrName !== undefined)
    return ctx.err('aggregate_usage', attrSpan ?? sp, { name, signature: signatureOf(name) });
  let attr: (NameInfo & { attrType: string }) | undefined;
  if (attrName !== undefined) {
    attr = source.attributes.get(attrName);
    if (!attr) return unknownAttribute(ctx, sourceId, source, attrName, attrSpan ?? sp);
    const want =
      fn === 'sum' || fn === 'avg' || fn === 'min' || fn === 'max'
        ? ['number']
        : fn === 'last'
          ? ['number', 'boolean', 'category']
          : null;
    if (want && !want.includes(attr.attrType))
      return ctx.err('attribute_type', attrSpan ?? sp, {
        name: `${sourceId}.${attrName}`,
        fn,
        expected: want.join(' | '),
        got: attr.attrType,
      });
  }
  // Window.
  let days: number | undefined;
  if (positional[1]) {
    days = duration(ctx, positional[1]);
    if (days === undefined) return null;
  }
  let before = 0;
  let where: CheckedExpr | undefined;
  let whereText: string | undefined;
  for (const na of named) {
    const key = String(na.name);
    const value = na.value as RawNode;
    if (key === 'before') {
      if (days === undefined)
        return ctx.err('aggregate_usage', span(na), { name, signature: signatureOf(name) });
      const b = duration(ctx, value);
      if (b === undefined) return null;
      before = b;
    } else if (key === 'where') {
      const w = ctx.checkWhere(value, whereEnv(ctx.env, source));
      if (!w) return null;
      if (w.type !== 'boolean')
        return ctx.err('result_type', span(value), {
          scope: ctx.env.scope,
          expected: 'boolean',
          got: w.type,
        });
      where = w;
      whereText = ctx.src.slice(span(value).start, span(value).end).replace(/\s+/g, ' ').trim();
    } else {
      return ctx.err(
        'named_argument',
        { start: span(na).start, end: span(na).start + key.length },
        { name: key, fn: name },
        nearest(key, [
          { match: 'before', value: 'before' },
          { match: 'where', value: 'where' },
        ]),
      );
    }
  }
  const type = fn === 'last' && attr ? attr.type : 'number';
  const parts = [attrName !== undefined ? `${sourceId}.${attrName}` : sourceId];
  if (days !== undefined) parts.push(`${days}d`);
  if (before) parts.push(`before: ${before}d`);
  if (whereText !== undefined) parts.push(`where: ${whereText}`);
  return {
    id: `${fn}(${parts.join(', ')})`,
    fn,
    source: sourceId,
    ...(attrName !== undefined ? { attr: attrName } : {}),
    ...(days !== undefined ? { days } : {}),
    before,
    ...(where ? { where } : {}),
    type,
    ...(fn === 'last' && attr?.values ? { values: attr.values } : {}),
  };
}

function checkChange(
  ctx: AggregateContext,
  argsRaw: readonly RawNode[],
  sp: Span,
): AggregateSpec | null {
  const a = argsRaw[0];
  const callee = a?.type === 'CallExpression' ? (a.callee as RawNode) : undefined;
  const inner =
    argsRaw.length === 1 && callee?.type === 'Identifier' && String(callee.name) !== 'change'
      ? String(callee.name)
      : undefined;
  if (!inner || !isAggregateCall(inner, a.arguments as RawNode[], ctx.env))
    return ctx.err('change_argument', sp);
  const spec = checkAggregate(ctx, inner, a.arguments as RawNode[], span(a));
  if (!spec) return null;
  if (spec.days === undefined || !CHANGEABLE.has(spec.fn)) return ctx.err('change_argument', sp);
  return { ...spec, id: `change(${spec.id})`, type: 'number', change: true };
}

function unknownAttribute(
  ctx: AggregateContext,
  sourceId: string,
  source: SourceInfo,
  name: string,
  sp: Span,
): null {
  const cands: { match: string; value: string }[] = [];
  for (const [id, info] of source.attributes) {
    cands.push({ match: id, value: id });
    if (info.label)
      cands.push({ match: info.label.en, value: id }, { match: info.label.ja, value: id });
  }
  return ctx.err(
    'unknown_attribute',
    sp,
    { name, source: sourceId, allowed: [...source.attributes.keys()].join(', ') || '—' },
    nearest(name, cands),
  );
}

/** A window length `30d` (whole days, 1 to MAX_WINDOW_DAYS), or undefined after an error. */
function duration(ctx: AggregateContext, n: RawNode): number | undefined {
  const v = n.value;
  if (
    n.type === 'Literal' &&
    (n as { duration?: boolean }).duration &&
    typeof v === 'number' &&
    Number.isInteger(v) &&
    v >= 1 &&
    v <= MAX_WINDOW_DAYS
  )
    return v;
  const suggestion =
    n.type === 'Literal' &&
    typeof v === 'number' &&
    Number.isInteger(v) &&
    v >= 1 &&
    v <= MAX_WINDOW_DAYS
      ? `${v}d`
      : undefined;
  ctx.err('window', span(n), { max: MAX_WINDOW_DAYS }, suggestion);
  return undefined;
}

/** The names a `where:` condition sees: the source's attributes, no account fields or built-ins. */
function whereEnv(env: ExprEnv, source: SourceInfo): ExprEnv {
  return { scope: env.scope, fields: source.attributes, builtins: new Map(), expect: ['boolean'] };
}

export function signatureOf(name: string): string {
  return AGGREGATES.find((a) => a.name === name)?.signature ?? name;
}
