/**
 * Hostile names for the differential tests: a generated playbook (playbookArb) and its rows are
 * rewritten so that every id and text the SQL writes comes from an adversarial pool — quotes,
 * backslashes (also last), `$$`, `--` and `/* *\/` comments, newlines, long Japanese ids that
 * share a 63-byte prefix, and field ids equal to the query's internal names in any case.
 */
import fc from 'fast-check';
import type { Normalisation, Playbook } from '../../../model';
import { tokenize } from '../../../expr';
import { MAX_IDENT_BYTES, utf8Prefix } from '../names';
import { CATS, FIELDS, STAGES } from './playbookArb';

/** Pieces of hostile text, concatenated by hostileText. */
export const SNIPPETS = [
  "'",
  "''",
  '\\',
  '\\\\',
  "\\'",
  "'; DROP TABLE canary; --",
  "\\'; DROP TABLE canary; --",
  '$$',
  '$q$',
  '--',
  '/*',
  '*/',
  '\n',
  '\r\n',
  '\t',
  '"',
  '""',
  "E'",
  'chr(92)',
  '||',
  ';',
  ' ',
  '%_',
  'ｶﾅ',
  '顧客',
  'wm_score',
  'WM_SEGMENT',
  'NULL',
  'e\u0301',
  '\u00e9',
  '👍',
  '\u2028',
  'B',
  'b',
];

const LONG_JA = '顧客の継続利用を判断するための長い日本語の識別子';

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...SNIPPETS), { minLength: 1, maxLength: 5 }).map((p) => p.join('')),
  // 24+ Japanese characters (72+ bytes) sharing their first 63 bytes with each other.
  fc.constantFrom('', 'a', 'い', "'", '\\', '2').map((end) => LONG_JA + end),
);

/** Internal names of the query (any case), SQL words, one-letter CTE aliases. */
const IDENT_POOL = [
  'wm_score',
  'WM_SCORE',
  'Wm_Score',
  'wm_segment',
  'WM_STAGE',
  'wm_days',
  'wm_color',
  'wm_key',
  'WM_KEY',
  'wm_f_0',
  'wm_f_1',
  'WM_F_2',
  'wm_in',
  'wm_raw_0',
  'wm_p_0',
  'wm_p0_0',
  'wm_cr_0',
  'wm_ctaraw_0',
  'wm_avail',
  'wm_dim_0',
  'wm_own',
  'wm_cta',
  'wm_ready',
  'a',
  's',
  't',
  'select',
  'FROM',
  'order',
  'account_id',
  'score_raw',
  '_',
  'ＡＢＣ',
  'ß',
  'İ',
];

/** Identifiers the model accepts (letters, digits, _), hostile to SQL. */
export const hostileIdent: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...IDENT_POOL),
  // Long Japanese ids: the first letter differs, the rest is 21+ characters.
  fc
    .tuple(fc.constantFrom(...'あいうえおかきくけこ'), fc.integer({ min: 21, max: 40 }))
    .map(([c, n]) => c + '長'.repeat(n)),
);

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Names by role; each list replaces the playbookArb ids in order. */
export interface HostileNames {
  /** One per FIELDS entry: distinct to DuckDB (ASCII case) and PostgreSQL (63 bytes). */
  fields: string[];
  stages: string[];
  /** CATS, then the `'ほか'` literal. */
  cats: string[];
  /** g0, g1, gd. */
  segments: string[];
  /** c0..c3, then cx (override bands). */
  bands: string[];
  ctas: string[];
  criteria: string[];
  measures: string[];
  /** O0, O1, CS. */
  owners: string[];
  /** Account id prefix. */
  account: string;
}

export const hostileNamesArb: fc.Arbitrary<HostileNames> = fc
  .record({
    fields: fc.uniqueArray(hostileIdent, {
      minLength: FIELDS.fields.length,
      maxLength: FIELDS.fields.length,
      selector: (id) => fold(utf8Prefix(id, MAX_IDENT_BYTES)),
    }),
    stages: fc.uniqueArray(
      hostileIdent.filter((s) => s !== 'zz'),
      { minLength: 3, maxLength: 3 },
    ),
    texts: fc.uniqueArray(hostileText, { minLength: 30, maxLength: 30 }),
    account: hostileText,
  })
  .map(({ fields, stages, texts, account }) => {
    let k = 0;
    const take = (n: number) => texts.slice(k, (k += n));
    return {
      fields,
      stages,
      cats: take(CATS.length + 1),
      segments: take(3),
      bands: take(5),
      ctas: take(4),
      criteria: take(3),
      measures: take(5),
      owners: take(3),
      account,
    };
  });

/** A string literal of the expression language (jsep escapes). */
export function exprString(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

function unquote(token: string): string {
  return token.slice(1, -1).replace(/\\(.)/gs, (_, c: string) => c);
}

/** Rewrites field references and string literals of an expression. */
export function rewriteExpr(
  src: string,
  fields: ReadonlyMap<string, string>,
  literals: ReadonlyMap<string, string>,
): string {
  let out = '';
  let at = 0;
  for (const t of tokenize(src)) {
    let text: string | undefined;
    if (t.kind === 'ident') text = fields.get(t.text);
    else if (t.kind === 'string') {
      const v = literals.get(unquote(t.text));
      if (v !== undefined) text = exprString(v);
    }
    if (text === undefined) continue;
    out += src.slice(at, t.start) + text;
    at = t.end;
  }
  return out + src.slice(at);
}

export interface Hostile {
  playbook: Playbook;
  rows: Record<string, unknown>[];
}

/** The same playbook and rows with every id and text replaced by the hostile names. */
export function hostilePlaybook(
  pb: Playbook,
  rows: ReadonlyArray<Record<string, unknown>>,
  n: HostileNames,
): Hostile {
  const zip = (from: readonly string[], to: readonly string[]) =>
    new Map(from.map((x, i) => [x, to[i]] as const));
  const fieldMap = zip(
    FIELDS.fields.map((f) => f.id),
    n.fields,
  );
  const catMap = zip([...CATS, 'ほか'], n.cats);
  const segMap = zip(['g0', 'g1', 'gd'], n.segments);
  const bandMap = zip(['c0', 'c1', 'c2', 'c3', 'cx'], n.bands);
  const stageMap = zip(STAGES, n.stages);
  const measureMap = zip(
    pb.health.measures.map((m) => m.id),
    n.measures,
  );
  const ownerMap = zip(['O0', 'O1', 'CS'], n.owners);
  const literals = new Map([...catMap, ...segMap, ...bandMap, ...stageMap]);
  const get = <T>(m: ReadonlyMap<T, string>, k: T) => {
    const v = m.get(k);
    if (v === undefined) throw new Error(`hostilePlaybook: no name for ${String(k)}`);
    return v;
  };
  const f = (id: string) => get(fieldMap, id);
  const ex = (src: string) => rewriteExpr(src, fieldMap, literals);
  const keys = <V>(o: Record<string, V>, m: ReadonlyMap<string, string>) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [m.get(k) ?? k, v]));
  const norm = (nm: Normalisation): Normalisation =>
    nm.kind === 'category' ? { ...nm, points: keys(nm.points, catMap) } : nm;

  const playbook: Playbook = {
    ...pb,
    fields: {
      accountKey: f(pb.fields.accountKey),
      fields: pb.fields.fields.map((x) => ({
        ...x,
        id: f(x.id),
        ...(x.values ? { values: x.values.map((v) => get(catMap, v)) } : {}),
      })),
    },
    segments: {
      items: pb.segments.items.map((s) => ({ ...s, id: get(segMap, s.id), when: ex(s.when) })),
      defaultId: get(segMap, pb.segments.defaultId),
    },
    health: {
      ...pb.health,
      measures: pb.health.measures.map((m) => ({
        ...m,
        id: get(measureMap, m.id),
        expr: ex(m.expr),
        normalise: norm(m.normalise),
      })),
      bands: pb.health.bands.map((b) => ({ ...b, id: get(bandMap, b.id) })),
      overrides: pb.health.overrides.map((o) => ({
        ...o,
        segment: get(segMap, o.segment),
        ...(o.weights ? { weights: keys(o.weights, measureMap) } : {}),
        ...(o.normalise
          ? {
              normalise: Object.fromEntries(
                Object.entries(o.normalise).map(([k, v]) => [get(measureMap, k), norm(v)]),
              ),
            }
          : {}),
        ...(o.bands ? { bands: o.bands.map((b) => ({ ...b, id: get(bandMap, b.id) })) } : {}),
      })),
    },
    stages: pb.stages.map((s) => ({
      ...s,
      id: get(stageMap, s.id),
      exitCriteria: s.exitCriteria.map((c, i) => ({ ...c, id: n.criteria[i], expr: ex(c.expr) })),
    })),
    stageSource:
      pb.stageSource.kind === 'field'
        ? {
            kind: 'field',
            stageField: f(pb.stageSource.stageField),
            ...(pb.stageSource.enteredAtField
              ? { enteredAtField: f(pb.stageSource.enteredAtField) }
              : {}),
          }
        : pb.stageSource,
    ctas: pb.ctas.map((c, i) => ({
      ...c,
      id: n.ctas[i],
      trigger: ex(c.trigger),
      ...(c.ownerField !== undefined ? { ownerField: f(c.ownerField) } : {}),
      segments: c.segments.map((s) => get(segMap, s)),
      stages: c.stages.map((s) => get(stageMap, s)),
    })),
    routing: {
      rules: pb.routing.rules.map((r) => ({
        ...r,
        when: ex(r.when),
        owner: get(ownerMap, r.owner),
      })),
      defaultOwner: get(ownerMap, pb.routing.defaultOwner),
    },
  };
  const out = rows.map((r, i) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      let x = v;
      if (k === 'id') x = `${n.account}#${i}`;
      else if (k === '区分' && typeof v === 'string') x = get(catMap, v);
      else if (k === 'st' && typeof v === 'string') x = stageMap.get(v) ?? v;
      o[f(k)] = x;
    }
    return o;
  });
  return { playbook, rows: out };
}
