/**
 * The one number formatter of the app's screens and exports meant for people: thousands
 * separators in the UI language, a fixed number of decimals where asked, and the field's unit
 * (`%` and `円`/`JPY`/`¥` written the way each language reads them). '—' for a missing value.
 */
export interface FormatOptions {
  /** Decimals: exactly this many (default: integers as they are, others to at most 2). */
  digits?: number;
  /** A field's unit (`%`, `JPY`, `円`, `USD`, `人`, …). */
  unit?: string;
}

const formatters = new Map<string, Intl.NumberFormat>();
function nf(lang: string, min: number, max: number): Intl.NumberFormat {
  const k = `${lang}|${min}|${max}`;
  let f = formatters.get(k);
  if (!f) {
    f = new Intl.NumberFormat(lang, { minimumFractionDigits: min, maximumFractionDigits: max });
    formatters.set(k, f);
  }
  return f;
}

const YEN = /^(jpy|円|¥|￥)$/i;

export function formatNumber(
  v: number | null | undefined,
  lang: string,
  opts: FormatOptions = {},
): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const { digits, unit } = opts;
  const text =
    digits !== undefined
      ? nf(lang, digits, digits).format(v)
      : nf(lang, 0, Number.isInteger(v) ? 0 : 2).format(v);
  if (!unit) return text;
  if (unit === '%') return `${text}%`;
  if (YEN.test(unit)) return lang.startsWith('ja') ? `${text}円` : `¥${text}`;
  return `${text} ${unit}`;
}

/** A count (an integer of accounts, rows, CTAs): separators, no decimals. */
export function formatCount(n: number, lang: string): string {
  return formatNumber(n, lang, { digits: 0 });
}

/** A share 0..1 as a percentage with one decimal (`12.5%`). */
export function formatShare(x: number, lang: string): string {
  return formatNumber(x * 100, lang, { digits: 1, unit: '%' });
}

const dateTimes = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment (ms since the epoch, or an ISO string) as `Date.prototype.toLocaleString(lang)`
 * writes it, with one formatter per language: toLocaleString makes a new one per call (~0.1 ms),
 * which a list of 52 runs paid on every draw.
 */
export function formatDateTime(at: number | string | Date, lang: string): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return '—';
  let f = dateTimes.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    dateTimes.set(lang, f);
  }
  return f.format(d);
}
