/**
 * Activity timestamps → local wall-clock time in the playbook's time zone, as milliseconds
 * since 1970-01-01 (so floor(ms / 86 400 000) is the local calendar day).
 *
 * The rule (docs/playbook-format.md): a date is that day; a date-time without an offset is
 * already local time in the playbook's zone; a date-time with `Z` or `±hh:mm` is an instant
 * and is converted to the zone's wall clock (so 2026-11-22T15:30:00Z is 2026-11-23 00:30 in
 * Asia/Tokyo, which counts on the 23rd).
 */
import { civilDays, halfWidth, isMissingText, isoDays, parseDate } from '../coerce';

const MS_PER_DAY = 86_400_000;

const ISO_DT =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const KANJI_DT =
  /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日\s*(?:(?:午前|午後)?\s*(\d{1,2})\s*(?:時|:)\s*(\d{1,2})\s*分?(?:\s*:?\s*(\d{1,2})\s*秒?)?)?$/;

/**
 * Local wall-clock ms, null for an empty cell, undefined when it is not a date or date-time.
 * Forms: ISO 8601 (`2026-11-23`, `2026-11-23T09:30`, `2026-11-23 09:30:15.5+09:00`, `…Z`),
 * `2026/11/23 9:30`, `2026年11月23日 9時30分`, and every date form of parseDate (和暦, 20261123…).
 */
export function parseTimestamp(raw: string, zone: string): number | null | undefined {
  const fast = plainIso(raw);
  return fast !== undefined ? fast : parseTimestampGeneral(raw, zone);
}

/** parseTimestamp without the fast path (exported so a test holds the two to one answer). */
export function parseTimestampGeneral(raw: string, zone: string): number | null | undefined {
  let s = raw.trim();
  if (s === '') return null;
  let m = ISO_DT.exec(s);
  if (!m) {
    s = halfWidth(s).trim();
    if (s === '' || isMissingText(s)) return null;
    m = ISO_DT.exec(s);
  }
  if (m) return fromParts(m, zone);
  const k = KANJI_DT.exec(s);
  if (k) {
    let v = fromParts([k[0], k[1], k[2], k[3], k[4], k[5], k[6], undefined, undefined], zone);
    if (v !== undefined && /午後/.test(s) && k[4] !== undefined && +k[4] < 12) v += 12 * 3_600_000;
    return v;
  }
  const d = parseDate(s);
  if (d === null) return null;
  return d === undefined ? undefined : d * MS_PER_DAY;
}

function fromParts(m: ArrayLike<string | undefined>, zone: string): number | undefined {
  const days = civilDays(+m[1]!, +m[2]!, +m[3]!);
  if (days !== days) return undefined;
  const h = m[4] !== undefined ? +m[4] : 0;
  const mi = m[5] !== undefined ? +m[5] : 0;
  const sec = m[6] !== undefined ? +m[6] : 0;
  if (h > 23 || mi > 59 || sec > 59) return undefined;
  const frac = m[7] !== undefined ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const wall = days * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000 + frac;
  const off = m[8];
  if (off === undefined) return wall;
  // An instant: its UTC time is wall − offset; then the zone's wall clock at that instant.
  let offMin = 0;
  if (off.toUpperCase() !== 'Z') {
    const digits = off.replace(':', '');
    const sign = digits[0] === '-' ? -1 : 1;
    const oh = +digits.slice(1, 3),
      om = +digits.slice(3, 5);
    if (oh > 23 || om > 59) return undefined;
    offMin = sign * (oh * 60 + om);
  }
  const utc = wall - offMin * 60_000;
  return utc + zoneOffsetMs(zone, utc);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone, UTC hour → offset; the last zone asked kept apart (a file has one zone). */
const offsetCaches = new Map<string, Map<number, number>>();
let lastZone = '';
let lastCache = new Map<number, number>();

/**
 * The zone's offset from UTC at an instant (ms), cached per zone and UTC hour (a number key:
 * a string key made per call was most of a time with an offset in the byte readers' rows).
 */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const hour = Math.floor(utcMs / 3_600_000);
  let offsetCache = lastCache;
  if (zone !== lastZone) {
    offsetCache = offsetCaches.get(zone) ?? new Map<number, number>();
    offsetCaches.set(zone, offsetCache);
    lastZone = zone;
    lastCache = offsetCache;
  }
  const hit = offsetCache.get(hour);
  if (hit !== undefined) return hit;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  const at = hour * 3_600_000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) p[part.type] = Number(part.value);
  const wall = civilDays(p.year, p.month, p.day) * MS_PER_DAY + (p.hour * 60 + p.minute) * 60_000;
  const off = wall - at;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(hour, off);
  return off;
}

/** Two ASCII digits at i as a number, -1 when they are not digits. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48,
    b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common export forms without an offset — `2026-11-23`, `2026-11-23 09:30`,
 * `2026-11-23T09:30:15` — read from char codes (no regex, no match array): most activity rows
 * take this path. Undefined = not one of these forms (or not a real date): the general parser
 * decides, so every form it accepts or rejects keeps its answer.
 */
export function plainIso(s: string): number | undefined {
  const L = s.length;
  if ((L !== 10 && L !== 16 && L !== 19) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45)
    return undefined;
  const yh = d2(s, 0),
    yl = d2(s, 2),
    mo = d2(s, 5),
    d = d2(s, 8);
  if (yh < 0 || yl < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  let ms = 0;
  if (L > 10) {
    const sep = s.charCodeAt(10);
    if ((sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58) return undefined;
    const h = d2(s, 11),
      mi = d2(s, 14);
    let sec = 0;
    if (L === 19) {
      if (s.charCodeAt(16) !== 58) return undefined;
      sec = d2(s, 17);
    }
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
    ms = ((h * 60 + mi) * 60 + sec) * 1000;
  }
  const days = civilDays(yh * 100 + yl, mo, d);
  if (days !== days) return undefined;
  return days * MS_PER_DAY + ms;
}

/** b[i] as a digit, or 16 when it is not one (so `(x | y | …) > 15` checks a group). */
const dg = (b: Uint8Array, i: number): number => {
  const d = b[i] - 48;
  return d >= 0 && d <= 9 ? d : 16;
};

/** Where fixedIsoBytes writes its answer (a returned double would be a heap number per row). */
export const FIXED_OUT = new Float64Array(1);

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD hh:mm` and `YYYY-MM-DD hh:mm:ss` (space or `T`; `/` for `-` too, as
 * `2026/11/23 09:30`), no offset, in the
 * cell bytes [s, e): the form nearly every export writes, read at fixed places; the day through
 * the per-month memo (isoDays = civilDays for these years). True with the time in FIXED_OUT[0];
 * false for anything else (timestampFromBytes goes on and gives its answer, so this only skips
 * work). The byte readers' per-row path.
 */
export function fixedIsoBytes(b: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  const sep = b[s + 4];
  if ((len !== 19 && len !== 16 && len !== 10) || (sep !== 45 && sep !== 47) || b[s + 7] !== sep)
    return false;
  const y0 = dg(b, s),
    y1 = dg(b, s + 1),
    y2 = dg(b, s + 2),
    y3 = dg(b, s + 3),
    m0 = dg(b, s + 5),
    m1 = dg(b, s + 6),
    d0 = dg(b, s + 8),
    d1 = dg(b, s + 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) > 15) return false;
  const days = isoDays(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
  if (days !== days) return false;
  if (len === 10) {
    FIXED_OUT[0] = days * MS_PER_DAY;
    return true;
  }
  const t = b[s + 10];
  if ((t !== 32 && t !== 84) || b[s + 13] !== 58) return false;
  const h0 = dg(b, s + 11),
    h1 = dg(b, s + 12),
    n0 = dg(b, s + 14),
    n1 = dg(b, s + 15);
  let sec = 0;
  if (len === 19) {
    if (b[s + 16] !== 58) return false;
    const s0 = dg(b, s + 17),
      s1 = dg(b, s + 18);
    if ((s0 | s1) > 15) return false;
    sec = s0 * 10 + s1;
  }
  if ((h0 | h1 | n0 | n1) > 15) return false;
  const h = h0 * 10 + h1,
    mi = n0 * 10 + n1;
  if (h > 23 || mi > 59 || sec > 59) return false;
  FIXED_OUT[0] = days * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000;
  return true;
}

/** Digits at b[i…] (at most `max`): value × 16 + count, or -1 when none (one number, no array). */
function digits(b: Uint8Array, i: number, e: number, max: number): number {
  let v = 0,
    k = 0;
  while (k < max && i + k < e) {
    const c = b[i + k] - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    k++;
  }
  return k === 0 ? -1 : v * 16 + k;
}

const KANJI_YEAR = [0xe5, 0xb9, 0xb4];
const KANJI_MONTH = [0xe6, 0x9c, 0x88];
const KANJI_DAY = [0xe6, 0x97, 0xa5];
const KANJI_HOUR = [0xe6, 0x99, 0x82];
const KANJI_MIN = [0xe5, 0x88, 0x86];
const KANJI_SEC = [0xe7, 0xa7, 0x92];
function has(b: Uint8Array, i: number, e: number, w: readonly number[]): boolean {
  return i + 3 <= e && b[i] === w[0] && b[i + 1] === w[1] && b[i + 2] === w[2];
}

/**
 * parseTimestamp read from UTF-8 bytes [s, e) without creating a string, for the forms exports
 * write: ISO (`-`, `/` or `.` between the date's parts, `T` or a space before the time, with or
 * without seconds, `Z` or `±hh:mm`) and `2026年11月23日`, `2026年11月23日 9:30`, `…9時30分15秒`.
 * It follows the regexes' greedy path and gives up (undefined) wherever they could go another
 * way (spaces, fractions of a second, 午前/午後, full-width digits, impossible dates): the
 * string parser then decides, so every cell keeps parseTimestamp's answer (a test checks both).
 */
export function timestampFromBytes(
  b: Uint8Array,
  s: number,
  e: number,
  zone: string,
): number | undefined {
  return timeFromBytes(b, s, e, zone) ? FIXED_OUT[0] : undefined;
}

/**
 * timestampFromBytes with its answer in FIXED_OUT[0] (true) or false for undefined: the
 * one-pass row reader's call for the forms fixedIsoBytes does not read (slashes, offsets,
 * 年月日), so no time crosses the call as a boxed number.
 */
export function timeFromBytes(b: Uint8Array, s: number, e: number, zone: string): boolean {
  const len = e - s;
  if (len < 8) return false;
  if (fixedIsoBytes(b, s, e)) return true;
  // `YYYY-MM-DDThh:mm:ss` then `Z` or `±hh:mm`: the date-time at fixed places, then the offset
  // as below (an instant: converted to the zone's wall clock).
  if ((len === 20 || len === 25) && fixedIsoBytes(b, s, s + 19)) {
    const c = b[s + 19];
    let offMin = 0;
    if (len === 20) {
      if (c !== 90 && c !== 122) return false;
    } else {
      if ((c !== 43 && c !== 45) || b[s + 22] !== 58) return false;
      const h0 = dg(b, s + 20),
        h1 = dg(b, s + 21),
        m0 = dg(b, s + 23),
        m1 = dg(b, s + 24);
      if ((h0 | h1 | m0 | m1) > 15) return false;
      const oh = h0 * 10 + h1,
        om = m0 * 10 + m1;
      if (oh > 23 || om > 59) return false;
      offMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
    }
    const utc = FIXED_OUT[0] - offMin * 60_000;
    FIXED_OUT[0] = utc + zoneOffsetMs(zone, utc);
    return true;
  }
  const y = digits(b, s, e, 4);
  if (y < 0 || (y & 15) !== 4) return false;
  let i = s + 4;
  let kanji = false;
  const sep = b[i];
  if (sep === 45 || sep === 47 || sep === 46) i++;
  else if (has(b, i, e, KANJI_YEAR)) {
    kanji = true;
    i += 3;
  } else return false;
  const mo = digits(b, i, e, 2);
  if (mo < 0) return false;
  i += mo & 15;
  if (kanji) {
    if (!has(b, i, e, KANJI_MONTH)) return false;
    i += 3;
  } else {
    const c = b[i];
    if (c !== 45 && c !== 47 && c !== 46) return false;
    i++;
  }
  const d = digits(b, i, e, 2);
  if (d < 0) return false;
  i += d & 15;
  if (kanji) {
    if (!has(b, i, e, KANJI_DAY)) return false;
    i += 3;
  }
  const days = civilDays(y >> 4, mo >> 4, d >> 4);
  if (days !== days) return false;
  if (i === e) {
    FIXED_OUT[0] = days * MS_PER_DAY;
    return true;
  }
  let h = 0,
    mi = 0,
    sec = 0;
  if (kanji) {
    if (b[i] === 32) i++;
    const hh = digits(b, i, e, 2);
    if (hh < 0) return false;
    i += hh & 15;
    h = hh >> 4;
    if (b[i] === 58) i++;
    else if (has(b, i, e, KANJI_HOUR)) i += 3;
    else return false;
    const mm = digits(b, i, e, 2);
    if (mm < 0) return false;
    i += mm & 15;
    mi = mm >> 4;
    if (has(b, i, e, KANJI_MIN)) i += 3;
    if (i < e) {
      if (b[i] === 58) i++;
      const ss = digits(b, i, e, 2);
      if (ss < 0) return false;
      i += ss & 15;
      sec = ss >> 4;
      if (has(b, i, e, KANJI_SEC)) i += 3;
    }
    if (i !== e || h > 23 || mi > 59 || sec > 59) return false;
    FIXED_OUT[0] = days * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000;
    return true;
  }
  const t = b[i];
  if (t !== 84 && t !== 116 && t !== 32) return false;
  i++;
  const hh = digits(b, i, e, 2);
  if (hh < 0 || b[i + (hh & 15)] !== 58) return false;
  i += (hh & 15) + 1;
  h = hh >> 4;
  const mm = digits(b, i, e, 2);
  if (mm < 0 || (mm & 15) !== 2) return false;
  i += 2;
  mi = mm >> 4;
  if (i < e && b[i] === 58) {
    const ss = digits(b, i + 1, e, 2);
    if (ss < 0 || (ss & 15) !== 2) return false;
    i += 3;
    sec = ss >> 4;
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  const wall = days * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000;
  if (i === e) {
    FIXED_OUT[0] = wall;
    return true;
  }
  // An offset: Z, or ±hh:mm / ±hhmm.
  let offMin = 0;
  const c = b[i];
  if (c === 90 || c === 122) {
    if (i + 1 !== e) return false;
  } else if (c === 43 || c === 45) {
    const oh = digits(b, i + 1, e, 2);
    if (oh < 0 || (oh & 15) !== 2) return false;
    let j = i + 3;
    if (b[j] === 58) j++;
    const om = digits(b, j, e, 2);
    if (om < 0 || (om & 15) !== 2 || j + 2 !== e) return false;
    if (oh >> 4 > 23 || om >> 4 > 59) return false;
    offMin = (c === 45 ? -1 : 1) * ((oh >> 4) * 60 + (om >> 4));
  } else return false;
  const utc = wall - offMin * 60_000;
  FIXED_OUT[0] = utc + zoneOffsetMs(zone, utc);
  return true;
}
