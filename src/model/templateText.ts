/**
 * Template texts in both languages. A template writes each text as `{"ja": "…", "en": "…"}`
 * where the model has a plain string (outside `fields`, whose labels are already `{ja, en}`);
 * older templates (and the demo) write "日本語 / English" in one string. A project made from a
 * template takes the text of the UI language, so its stages, segments and plays read
 * "オンボーディング" or "Onboarding", never both. Projects already made keep their text: only
 * instantiation picks. Without a language ('both'), a text reads "日本語 / English" as before.
 */
export type TemplateLang = 'ja' | 'en' | 'both';

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

/** A `{ja, en}` template text: exactly these two keys, both strings. */
export function isTemplateText(v: unknown): v is { ja: string; en: string } {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  const o = v as Record<string, unknown>;
  return (
    keys.length === 2 &&
    typeof o.ja === 'string' &&
    typeof o.en === 'string' &&
    'ja' in o &&
    'en' in o
  );
}

/**
 * Every text of a template document in one language (a copy; the template is not changed):
 * `{ja, en}` texts become the string of that language, "日本語 / English" strings their part
 * (unless `splitStrings` is false).
 */
export function localiseTemplate<T>(
  doc: T,
  lang: TemplateLang,
  opts: { splitStrings?: boolean } = {},
): T {
  // A user's file is read with splitStrings: false: its "A / B" names are the user's, kept whole.
  const split = opts.splitStrings ?? true;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return lang === 'both' || !split ? v : pickLanguage(v, lang);
    if (isTemplateText(v)) {
      if (lang !== 'both') return v[lang];
      return v.ja === v.en ? v.ja : `${v.ja} / ${v.en}`;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      // defineProperty, not out[k] =: a `__proto__` key (JSON.parse makes it an own property)
      // must stay a key for validation to refuse, not become the copy's prototype.
      for (const [k, x] of Object.entries(v))
        Object.defineProperty(out, k, {
          value: SKIP.has(k) ? x : walk(x),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return v;
  };
  return walk(doc) as T;
}
