import type { Draft } from 'immer';
import { tokenize, type Token } from '../expr';
import { Identifier } from '../model/common';
import type { Project } from '../model/project';
import { projectExpressions } from './renameField';

export type SegmentIdProblem = 'invalid_id' | 'duplicate' | 'unknown';

/** Why `to` cannot be the new id of segment `from`, or null. */
export function checkSegmentId(
  items: readonly { id: string }[],
  from: string,
  to: string,
): SegmentIdProblem | null {
  if (!items.some((s) => s.id === from)) return 'unknown';
  if (!Identifier.safeParse(to).success) return 'invalid_id';
  if (to !== from && items.some((s) => s.id === to)) return 'duplicate';
  return null;
}

const unquote = (t: Token) =>
  t.kind === 'string' && !t.unterminated ? t.text.slice(1, -1) : undefined;

/** Tokens that may sit between `segment` and the literal: `==`, `!=`, `in`, `[`, `,`, other literals. */
const between = (t: Token) =>
  t.kind === 'string' ||
  (t.kind === 'op' && (t.text === '==' || t.text === '!=')) ||
  (t.kind === 'ident' && t.text === 'in') ||
  (t.kind === 'punct' && (t.text === '[' || t.text === ',' || t.text === '('));

function nextToSegment(tokens: Token[], k: number): boolean {
  for (let j = k - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t.kind === 'ident' && t.text === 'segment') return true;
    if (!between(t)) break;
  }
  // `'mid' == segment`
  const op = tokens[k + 1];
  const id = tokens[k + 2];
  return (
    !!op &&
    op.kind === 'op' &&
    (op.text === '==' || op.text === '!=') &&
    id?.kind === 'ident' &&
    id.text === 'segment'
  );
}

/**
 * Rewrite the segment literals of one expression (`segment == 'mid'`, `segment in ['mid', …]`),
 * token-exactly: the same text with only those literals changed. A literal compared with anything
 * else (`industry == 'mid'`) is left alone. Segment values come from the model, never from data,
 * so renaming them everywhere keeps every rule meaning what it meant.
 */
export function renameSegmentInExpression(source: string, from: string, to: string): string {
  const tokens = tokenize(source);
  let out = '';
  let at = 0;
  tokens.forEach((t, k) => {
    if (unquote(t) !== from || !nextToSegment(tokens, k)) return;
    const q = t.text[0];
    out += source.slice(at, t.start) + q + to + q;
    at = t.end;
  });
  return out + source.slice(at);
}

/**
 * Change a segment's id and every reference to it: the default, the overrides, CTAs' segment
 * lists and `segment == '…'` in expressions. Returns the JSON paths of rewritten expressions,
 * or the problem (nothing changed then).
 */
export function renameSegmentId(
  p: Draft<Project>,
  from: string,
  to: string,
): { ok: true; changed: string[] } | { ok: false; problem: SegmentIdProblem } {
  const problem = checkSegmentId(p.segments.items, from, to);
  if (problem) return { ok: false, problem };
  if (from === to) return { ok: true, changed: [] };
  p.segments.items.find((s) => s.id === from)!.id = to;
  if (p.segments.defaultId === from) p.segments.defaultId = to;
  for (const o of p.health.overrides) if (o.segment === from) o.segment = to;
  for (const c of p.ctas) c.segments = c.segments.map((x) => (x === from ? to : x));
  const changed: string[] = [];
  for (const e of projectExpressions(p)) {
    const next = renameSegmentInExpression(e.value, from, to);
    if (next !== e.value) {
      e.set(next);
      changed.push(e.path);
    }
  }
  return { ok: true, changed };
}
