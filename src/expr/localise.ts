/**
 * Turns an ExprError into a message in the UI language with any i18next-style `t` (passed in,
 * so this module stays free of React and of the i18n instance).
 */
import { TYPE_KEYS } from './messages';
import type { ExprError } from './types';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

const TYPE_NAMES = new Set(['number', 'string', 'boolean', 'date']);

export function localiseExprError(e: ExprError, t: Translate): string {
  const p: Record<string, unknown> = { ...e.params };
  for (const k of TYPE_KEYS) {
    const v = p[k];
    if (typeof v === 'string' && v.split('|').every((x) => TYPE_NAMES.has(x))) {
      p[k] = v
        .split('|')
        .map((x) => t(`expr:types.${x}`))
        .join(t('expr:or'));
    }
  }
  if (e.code === 'syntax' && typeof p.reason === 'string' && p.reason !== 'other') {
    p.detail = t(`expr:syntax.${p.reason}`, {
      token: p.token,
      interpolation: { escapeValue: false },
    });
  }
  if (typeof p.scope === 'string') p.scope = t(`expr:scopes.${p.scope}`);
  if (typeof p.side === 'string') p.side = t(`expr:side.${p.side}`);
  if (typeof p.what === 'string')
    p.what = t(`expr:constructs.${p.what}`, { interpolation: { escapeValue: false } });
  const raw = { interpolation: { escapeValue: false } };
  p.hint =
    e.suggestion !== undefined
      ? t('expr:hint.didYouMean', { suggestion: e.suggestion, ...raw })
      : t('expr:hint.none');
  // Code spans and quotes must reach the user as typed.
  return t(`expr:errors.${e.code}`, { ...p, ...raw });
}

/** 1-based line and column of an offset, for "at 2:14" in messages. */
export function lineColumn(src: string, offset: number): { line: number; column: number } {
  let line = 1,
    col = 1;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}
