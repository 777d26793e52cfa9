/**
 * Field-contract inference: from a file's columns (header + raw cells) propose the data
 * dictionary — a type per column, a label, a valid id, the account key and the company-name
 * field. Pure TypeScript (no DOM, no React); the CLI (`waymark fields`) and the app share it.
 *
 * Every proposed field carries `reason` (why this type) and, for ambiguous columns,
 * `decision` (what was chosen and what the user may want to change). The rules, in order:
 *   empty → string · leading-zero codes, postal codes, phone numbers → string ·
 *   JSON true/false or yes/no words → boolean · dates → date · numbers → integer/number
 *   (unit "%" or "円" when the cells say so; ≤ 5% unreadable cells tolerated and named) ·
 *   few distinct repeated values → category · anything else → string.
 */
import type { Field, FieldContract, FieldType } from '../model';
import { RESERVED_NAMES } from '../model/fields';
import { halfWidth, isMissingText, parseBoolean, parseDate, parseNumber } from './coerce';

export interface InputColumn {
  header: string;
  /** Cells as read: strings from CSV/TSV, JSON values from JSON/NDJSON. */
  values: readonly unknown[];
}

/** Why a column got its type; `code` is stable (tests, i18n), `detail` carries the evidence. */
export type InferReason =
  | 'empty'
  | 'account_key'
  | 'leading_zeros'
  | 'postal_code'
  | 'phone'
  | 'boolean'
  | 'zero_one'
  | 'date'
  | 'compact_date'
  | 'integer'
  | 'number'
  | 'percent'
  | 'percent_mixed'
  | 'currency'
  | 'mostly_numbers'
  | 'category'
  | 'text';

export interface InferredField {
  field: Field;
  /** Column index in the file. */
  column: number;
  header: string;
  reason: InferReason;
  /** Evidence for the reason: counts and up to three example cells. */
  detail: { nonEmpty: number; distinct: number; odd?: string[]; oddCount?: number };
  /** The header's language as detected (Japanese when it has any kana/kanji). */
  labelLang: 'ja' | 'en';
}

export interface FieldProposal {
  contract: FieldContract;
  fields: InferredField[];
}

/** Categories: at most this many distinct values, and each seen at least twice on average. */
const MAX_CATEGORY_VALUES = 12;
/** A number column may hold this share of unreadable cells (reported as bad values on import). */
const MAX_ODD_SHARE = 0.05;

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;
const POSTAL = /^〒?\s*\d{3}-\d{4}$/;
const PHONE = /^(\+?\d{1,4}[-\s]?)?\(?\d{2,5}\)?[-\s]\d{1,4}[-\s]\d{3,4}$/;
const LEADING_ZERO = /^0\d+$/;
const PLAIN_DIGITS = /^[-+]?\d+(\.\d+)?$/;
const KEY_HEADER = /(^|[^a-z])(id|key|code)$|^id|ＩＤ|ID$|コード|番号|顧客id|アカウントid/i;
const NAME_HEADER =
  /会社名|企業名|社名|顧客名|取引先名|アカウント名|法人名|^company|company.?name|account.?name|^name$|customer.?name/i;

function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' || isMissingText(t) ? null : t;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** "Account ID" → "account_id", "ＭＲＲ（円）" → "mrr_円", "30日ログイン数" → "_30日ログイン数". */
export function proposeId(header: string, taken: ReadonlySet<string>): string {
  let id = halfWidth(header)
    .normalize('NFKC')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (id === '') id = 'field';
  if (/^\p{N}/u.test(id)) id = '_' + id;
  if ((RESERVED_NAMES as readonly string[]).includes(id)) id += '_field';
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}_${n}`;
  return out;
}

interface Shape {
  type: FieldType;
  reason: InferReason;
  unit?: string;
  values?: string[];
  odd?: string[];
  oddCount?: number;
}

function examples(xs: string[]): string[] {
  return [...new Set(xs)].slice(0, 3);
}

function numberShape(texts: string[], raw: unknown[]): Shape | null {
  const odd: string[] = [];
  let allInt = true;
  let percent = 0;
  let bareFractions = 0;
  let yen = 0;
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    const v =
      typeof raw[i] === 'number' ? (raw[i] as number) : parseNumber(t, { percentUnit: true });
    if (v === undefined || v === null) {
      odd.push(t);
      continue;
    }
    const h = halfWidth(t);
    if (h.endsWith('%')) percent++;
    else if (Math.abs(v) <= 1 && !Number.isInteger(v)) bareFractions++;
    if (/円|¥|\\|JPY/i.test(h)) yen++;
    if (!Number.isInteger(v)) allInt = false;
  }
  const good = texts.length - odd.length;
  if (good === 0 || odd.length > texts.length * MAX_ODD_SHARE) return null;
  const base = { odd: examples(odd), oddCount: odd.length };
  if (percent > 0) {
    // "80%" under unit "%" reads as 80; a bare 0.8 in the same column would read as 0.8 (%).
    const mixed = bareFractions > 0;
    return {
      type: 'number',
      unit: '%',
      reason: mixed ? 'percent_mixed' : odd.length ? 'mostly_numbers' : 'percent',
      ...(mixed
        ? {
            odd: examples(texts.filter((t) => !halfWidth(t).endsWith('%')).slice(0, 50)),
            oddCount: bareFractions,
          }
        : base),
    };
  }
  const unit = yen > 0 ? '円' : undefined;
  const reason: InferReason = odd.length
    ? 'mostly_numbers'
    : unit
      ? 'currency'
      : allInt
        ? 'integer'
        : 'number';
  return { type: allInt ? 'integer' : 'number', reason, ...(unit ? { unit } : {}), ...base };
}

function shapeOf(texts: string[], raw: unknown[]): Shape {
  if (texts.length === 0) return { type: 'string', reason: 'empty' };
  const halves = texts.map(halfWidth);
  if (halves.every((t) => POSTAL.test(t))) return { type: 'string', reason: 'postal_code' };
  if (halves.every((t) => PHONE.test(t))) return { type: 'string', reason: 'phone' };
  // A code such as 00123 loses its zeros as a number: any zero-led all-digit cell keeps the column text.
  const zeroLed = halves.filter((t) => LEADING_ZERO.test(t));
  if (zeroLed.length > 0 && halves.every((t) => /^\d+$/.test(t)))
    return {
      type: 'string',
      reason: 'leading_zeros',
      odd: examples(zeroLed),
      oddCount: zeroLed.length,
    };
  if (raw.every((v) => typeof v === 'boolean')) return { type: 'boolean', reason: 'boolean' };
  if (halves.every((t) => t === '0' || t === '1')) return { type: 'boolean', reason: 'zero_one' };
  if (texts.every((t) => parseBoolean(t) != null) && halves.some((t) => !PLAIN_DIGITS.test(t)))
    return { type: 'boolean', reason: 'boolean' };
  // Bare numbers that parseDate also accepts (Excel serials, 20240309) stay numbers unless
  // every cell is an 8-digit calendar date.
  const allDigits = halves.every((t) => PLAIN_DIGITS.test(t));
  if (allDigits && halves.every((t) => /^\d{8}$/.test(t) && parseDate(t) != null))
    return { type: 'date', reason: 'compact_date' };
  if (!allDigits && texts.every((t) => parseDate(t) != null))
    return { type: 'date', reason: 'date' };
  const num = numberShape(texts, raw);
  if (num) return num;
  const distinct = [...new Set(texts)];
  if (distinct.length <= MAX_CATEGORY_VALUES && distinct.length * 2 <= texts.length)
    return { type: 'category', reason: 'category', values: distinct };
  return { type: 'string', reason: 'text' };
}

function isKeyCandidate(texts: string[], total: number): boolean {
  return texts.length === total && total > 0 && new Set(texts).size === total;
}

/**
 * Propose a field contract for the columns. Column order is kept; the account key is the
 * first all-filled, all-distinct column whose header says id/key/code (else the first
 * all-distinct one, else the first column) and is always text (ids keep their zeros).
 */
export function inferFields(columns: readonly InputColumn[]): FieldProposal {
  const taken = new Set<string>();
  const rowCount = Math.max(0, ...columns.map((c) => c.values.length));
  const texts = columns.map((c) => c.values.map(cellText).filter((t): t is string => t !== null));
  const raws = columns.map((c) => c.values.filter((v) => cellText(v) !== null));
  const unique = columns.map((_, i) => isKeyCandidate(texts[i], rowCount));
  let key = columns.findIndex((c, i) => unique[i] && KEY_HEADER.test(halfWidth(c.header)));
  if (key < 0) key = unique.findIndex(Boolean);
  if (key < 0) key = 0;
  const out: InferredField[] = columns.map((c, i) => {
    const header = c.header.trim() || `Column ${i + 1}`;
    const id = proposeId(header, taken);
    taken.add(id);
    const shape: Shape =
      i === key ? { type: 'string', reason: 'account_key' } : shapeOf(texts[i], raws[i]);
    const labelLang = JAPANESE.test(header) ? 'ja' : 'en';
    const field: Field = {
      id,
      label: labelLang === 'ja' ? { ja: header, en: '' } : { ja: '', en: header },
      type: shape.type,
      ...(shape.values ? { values: shape.values } : {}),
      ...(shape.unit ? { unit: shape.unit } : {}),
      required: i === key,
    };
    return {
      field,
      column: i,
      header,
      reason: shape.reason,
      labelLang,
      detail: {
        nonEmpty: texts[i].length,
        distinct: new Set(texts[i]).size,
        ...(shape.odd && shape.odd.length ? { odd: shape.odd, oddCount: shape.oddCount } : {}),
      },
    };
  });
  const nameIdx = out.findIndex(
    (f) => f.column !== key && f.field.type === 'string' && NAME_HEADER.test(f.header),
  );
  const contract: FieldContract = {
    accountKey: out[key]?.field.id ?? 'account_id',
    ...(nameIdx >= 0 ? { nameField: out[nameIdx].field.id } : {}),
    fields: out.map((f) => f.field),
  };
  return { contract, fields: out };
}
