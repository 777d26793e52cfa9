/**
 * Templates write their texts in both languages, "日本語 / English" (a Japanese part, " / ", an
 * English part without Japanese). A project made from a template takes the part of the UI
 * language, so its stages, segments and plays read "オンボーディング" or "Onboarding", never both.
 * Projects already made keep their text: only instantiation picks.
 */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

export function pickLanguage(s: string, lang: 'ja' | 'en'): string {
  const parts = s.split(' / ');
  if (parts.length !== 2) return s;
  const [ja, en] = parts.map((x) => x.trim());
  if (!ja || !en || !JAPANESE.test(ja) || JAPANESE.test(en) || !/[A-Za-z]/.test(en)) return s;
  return lang === 'ja' ? ja : en;
}

/** Keys whose strings are code or data, never text to translate. */
const SKIP = new Set([
  'id',
  'expr',
  'when',
  'trigger',
  'values',
  'fields',
  'activity',
  'schemaVersion',
]);

/** Every text of a template document in one language (a copy; the template is not changed). */
export function localiseTemplate<T>(doc: T, lang: 'ja' | 'en'): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return pickLanguage(v, lang);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = SKIP.has(k) ? x : walk(x);
      return out;
    }
    return v;
  };
  return walk(doc) as T;
}
