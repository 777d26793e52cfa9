/**
 * English messages for error codes, from the same strings the UI shows in English
 * (src/i18n/en/expr.ts), so the CLI, logs and the app never disagree. The UI translates with
 * localiseExprError; both fill {{hint}}, {{scope}}, {{side}} and type names the same way.
 */
import en from '../i18n/en/expr';
import { fillTemplate as fill } from '../i18n/template';
import type { ExprError, ExprErrorCode } from './types';

type Params = Record<string, string | number>;

/** Params holding type names ('number', or 'number|string'), shown as nouns. */
export const TYPE_KEYS = ['expected', 'got', 'left', 'right'] as const;
const TYPE_NAMES = new Set(['number', 'string', 'boolean', 'date']);

function typeNoun(t: string): string {
  return (en.types as Record<string, string>)[t] ?? t;
}

export function formatMessage(code: ExprErrorCode, params: Params, suggestion?: string): string {
  const p: Record<string, unknown> = { ...params };
  for (const k of TYPE_KEYS) {
    const v = p[k];
    if (typeof v === 'string' && v.split('|').every((x) => TYPE_NAMES.has(x)))
      p[k] = v.split('|').map(typeNoun).join(en.or);
  }
  if (typeof p.scope === 'string')
    p.scope = (en.scopes as Record<string, string>)[p.scope] ?? p.scope;
  if (typeof p.side === 'string') p.side = (en.side as Record<string, string>)[p.side] ?? p.side;
  if (typeof p.what === 'string')
    p.what = (en.constructs as Record<string, string>)[p.what] ?? p.what;
  p.hint = suggestion !== undefined ? fill(en.hint.didYouMean, { suggestion }) : en.hint.none;
  return fill(en.errors[code], p);
}

/** English text of a syntax reason (see check.ts syntaxReason). */
export function syntaxDetail(reason: string, token: string): string {
  const t = (en.syntax as Record<string, string>)[reason];
  return t ? fill(t, { token }) : reason;
}

export function makeError(
  code: ExprErrorCode,
  span: { start: number; end: number },
  params: Params = {},
  suggestion?: string,
): ExprError {
  return {
    code,
    message: formatMessage(code, params, suggestion),
    params,
    start: span.start,
    end: span.end,
    ...(suggestion !== undefined ? { suggestion } : {}),
  };
}
