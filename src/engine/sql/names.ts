/**
 * Output column names of the playbook query. PostgreSQL cuts identifiers at 63 bytes (21
 * Japanese characters), so two long ids sharing a prefix — or a long measure's `_raw` and
 * `_points` — would silently become one name. Names that do not fit are shortened to a prefix
 * plus a hash of the whole name; names that would still clash (also ignoring ASCII case, as
 * DuckDB binds names) get a hash too. Deterministic: the same playbook gives the same names in
 * both dialects, and the differential tests read the columns through the same function.
 */
import { SQL_COLUMNS } from './columns';

/** PostgreSQL's NAMEDATALEN - 1. */
export const MAX_IDENT_BYTES = 63;

const encoder = new TextEncoder();
export const utf8Length = (s: string): number => encoder.encode(s).length;

/** The longest prefix of whole code points that fits in `bytes` UTF-8 bytes. */
export function utf8Prefix(s: string, bytes: number): string {
  let n = 0;
  let out = '';
  for (const ch of s) {
    const b = utf8Length(ch);
    if (n + b > bytes) break;
    n += b;
    out += ch;
  }
  return out;
}

/** FNV-1a (32 bit) of the UTF-16 code units, as 8 hex digits. */
function hash8(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** `name` when it fits in 63 bytes; else its prefix + `~` + a hash of the whole name (and salt). */
export function fitIdent(name: string, salt = 0): string {
  if (salt === 0 && utf8Length(name) <= MAX_IDENT_BYTES) return name;
  const tag = '~' + hash8(salt === 0 ? name : `${name}\u0000${salt}`);
  return utf8Prefix(name, MAX_IDENT_BYTES - tag.length) + tag;
}

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Fits each name and makes them pairwise distinct (ASCII case ignored); earlier names win. */
export function distinctIdents(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let salt = 0;
    let out = fitIdent(name);
    while (taken.has(fold(out))) out = fitIdent(name, ++salt);
    taken.add(fold(out));
    return out;
  });
}

export interface SqlOutputNames {
  accountId: string;
  segment: string;
  stage: string;
  daysInStage: string;
  progress: string;
  ready: string;
  score: string;
  color: string;
  coverage: string;
  owner: string;
  ctas: string;
  dimension: string[];
  /** By measure index. */
  raw: string[];
  points: string[];
  /** By criterion, stages in order then criteria in order. */
  criterion: string[];
  cta: string[];
  /** By index into OutputColumnsSpec.ctaOwnerIds. */
  ctaOwner: string[];
}

export interface OutputColumnsSpec {
  dimensionIds: readonly string[];
  measureIds: readonly string[];
  criteria: readonly { stage: string; id: string }[];
  ctaIds: readonly string[];
  /** CTAs whose owner comes from a field, in CTA order; their owner columns come last. */
  ctaOwnerIds?: readonly string[];
}

/** The query's column names, fixed ones first so they are never renamed. */
export function sqlOutputNames(spec: OutputColumnsSpec): SqlOutputNames {
  const C = SQL_COLUMNS;
  const fixed = [
    C.accountId,
    C.segment,
    C.stage,
    C.daysInStage,
    C.progress,
    C.ready,
    C.score,
    C.color,
    C.coverage,
    C.owner,
    C.ctas,
  ];
  const logical = [
    ...fixed,
    ...spec.dimensionIds.map(C.dimension),
    ...spec.measureIds.flatMap((id) => [C.raw(id), C.points(id)]),
    ...spec.criteria.map((x) => C.criterion(x.stage, x.id)),
    ...spec.ctaIds.map(C.cta),
    // Last, so that every other name stays what it was before owners could come from a field.
    ...(spec.ctaOwnerIds ?? []).map(C.ctaOwner),
  ];
  const names = distinctIdents(logical);
  let k = fixed.length;
  const take = (n: number) => names.slice(k, (k += n));
  const dimension = take(spec.dimensionIds.length);
  const measures = take(2 * spec.measureIds.length);
  return {
    accountId: names[0],
    segment: names[1],
    stage: names[2],
    daysInStage: names[3],
    progress: names[4],
    ready: names[5],
    score: names[6],
    color: names[7],
    coverage: names[8],
    owner: names[9],
    ctas: names[10],
    dimension,
    raw: measures.filter((_, i) => i % 2 === 0),
    points: measures.filter((_, i) => i % 2 === 1),
    criterion: take(spec.criteria.length),
    cta: take(spec.ctaIds.length),
    ctaOwner: take(spec.ctaOwnerIds?.length ?? 0),
  };
}
