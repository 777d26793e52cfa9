/**
 * Reading and cross-checking a playbook beyond its zod shape: duplicate ids, references to
 * unknown fields / segments / stages / colours / measures, expressions that do not parse or
 * type-check, files from a newer Waymark. Issues carry JSON paths ($.ctas[2].trigger) so the
 * app can point at the element and the CLI can name the place.
 *
 * Lives in src/playbook (above model and expr) because it type-checks expressions with src/expr.
 */
import { Playbook, PLAYBOOK_FORMAT, PLAYBOOK_VERSION } from '../model/playbook';
import type { Playbook as PlaybookT } from '../model/playbook';
import { RESERVED_NAMES } from '../model/fields';
import { formatZodIssues, jsonPath, protoKeyIssues, type DocIssue } from '../model/issues';
import { migrateProject } from '../model/migrations';
import { migratePlaybookDoc } from '../model/migrations/playbook';
import { checkActivitySources } from '../model/activityValidate';
import { playbookFromProject } from '../model/playbook';
import { checkExpression, envFromContract, type Scope, type KnownIds } from '../expr';
import en from '../i18n/en/playbook';
import ja from '../i18n/ja/playbook';
import { fillTemplate } from '../i18n/template';

/** A DocIssue with a stable code and parameters, for translation (`playbook.issue.<code>`). */
export interface PlaybookIssue extends DocIssue {
  code: PlaybookIssueCode;
  params: Record<string, string | number>;
}

export type PlaybookIssueCode =
  | 'not_object'
  | 'not_playbook'
  | 'newer_version'
  | 'schema'
  | 'duplicate_id'
  | 'unknown_field'
  | 'unknown_segment'
  | 'unknown_stage'
  | 'unknown_color'
  | 'unknown_measure'
  | 'unknown_dimension'
  | 'reserved_name'
  | 'field_type'
  | 'bad_band_order'
  | 'bad_linear'
  | 'measure_kind'
  | 'not_json'
  | 'too_deep'
  | 'bad_as_of'
  | 'expression';

export type ParsePlaybookResult =
  | { ok: true; playbook: PlaybookT; source: 'playbook' | 'project' }
  | { ok: false; issues: PlaybookIssue[] };

type Params = Record<string, string | number>;

/** `message` is the English text from the i18n 'playbook' namespace, so both stay in step. */
export function issue(path: string, code: PlaybookIssueCode, params: Params = {}): PlaybookIssue {
  return { path, code, params, message: formatIssue(code, params, 'en') };
}

/** The text of an issue in a language: `playbook:issue.<code>` with its params (+ "did you mean"). */
export function formatIssue(code: PlaybookIssueCode, params: Params, lang: 'en' | 'ja'): string {
  const ns = lang === 'ja' ? ja : en;
  if (typeof params.kindKey === 'string' && params.kindKey in ns.kind)
    params = { ...params, kind: ns.kind[params.kindKey as keyof typeof ns.kind] };
  const fill = (tpl: string) => fillTemplate(tpl, params);
  let text = fill(ns.issue[code]);
  if (params.suggestion !== undefined && code !== 'expression') text += fill(ns.didYouMean);
  return text;
}

export function formatPlaybookIssue(i: PlaybookIssue, lang: 'en' | 'ja'): string {
  return formatIssue(i.code, i.params, lang);
}

/**
 * Accepts a playbook file or a project file exported by the app (migrated, then turned into its
 * playbook). Checks the shape only; run validatePlaybook for cross-references and expressions.
 */
export function parsePlaybookDocument(raw: unknown): ParsePlaybookResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [issue('$', 'not_object')] };
  }
  const doc = raw as Record<string, unknown>;
  if (doc.format === undefined && doc.schemaVersion !== undefined) {
    const m = migrateProject(raw);
    if (!m.ok) return { ok: false, issues: m.issues.map((i) => issueFromDoc(i)) };
    return { ok: true, playbook: playbookFromProject(m.project), source: 'project' };
  }
  if (doc.format !== PLAYBOOK_FORMAT) {
    return {
      ok: false,
      issues: [issue('$.format', 'not_playbook', { expected: PLAYBOOK_FORMAT })],
    };
  }
  const v = doc.version;
  if (typeof v === 'number' && Number.isInteger(v) && v > PLAYBOOK_VERSION) {
    return {
      ok: false,
      issues: [issue('$.version', 'newer_version', { version: v, supported: PLAYBOOK_VERSION })],
    };
  }
  const proto = protoKeyIssues(raw);
  if (proto.length) return { ok: false, issues: proto.map((i) => issueFromDoc(i)) };
  const migrated = migratePlaybookDoc(doc, PLAYBOOK_VERSION);
  if (!migrated.ok)
    return { ok: false, issues: [issue(migrated.path, 'schema', { detail: migrated.message })] };
  const parsed = Playbook.safeParse(migrated.doc);
  if (!parsed.success)
    return { ok: false, issues: formatZodIssues(parsed.error).map((i) => issueFromDoc(i)) };
  return { ok: true, playbook: parsed.data, source: 'playbook' };
}

function issueFromDoc(i: DocIssue): PlaybookIssue {
  // A project from a newer Waymark: the migration's message names both versions.
  const newer = /version (\d+) is newer than this Waymark understands \((\d+)\)/.exec(i.message);
  if (newer)
    return {
      ...i,
      code: 'newer_version',
      params: { detail: i.message, version: Number(newer[1]), supported: Number(newer[2]) },
    };
  return { ...i, code: 'schema', params: { detail: i.message } };
}

/** Closest candidate by edit distance (≤ 1/3 of the length, at least 2), for "did you mean". */
export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 3))) return best;
  // A cut-short id ("relation" for "relationship") is a likely slip too.
  return name.length >= 3
    ? candidates.find((c) => c.startsWith(name) || name.startsWith(c))
    : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** `{suggestion}` when a near candidate exists, for the "did you mean" hint. */
function hint(name: string, candidates: readonly string[]): Params {
  const s = suggest(name, candidates);
  return s !== undefined ? { suggestion: s } : {};
}

function duplicates<T>(
  items: readonly T[],
  id: (t: T) => string,
  path: (i: number) => string,
  what: keyof typeof en.kind,
  out: PlaybookIssue[],
): void {
  const seen = new Map<string, number>();
  items.forEach((it, i) => {
    const k = id(it);
    const first = seen.get(k);
    if (first !== undefined) {
      out.push(
        issue(path(i), 'duplicate_id', {
          id: k,
          kind: en.kind[what],
          kindKey: what,
          first: path(first),
        }),
      );
    } else seen.set(k, i);
  });
}

/** Cross-reference and expression checks of a playbook that already has the right shape. */
export function validatePlaybook(pb: PlaybookT): PlaybookIssue[] {
  const out: PlaybookIssue[] = [];
  const fieldIds = pb.fields.fields.map((f) => f.id);
  const fieldById = new Map(pb.fields.fields.map((f) => [f.id, f] as const));
  const segmentIds = pb.segments.items.map((s) => s.id);
  const stageIds = pb.stages.map((s) => s.id);
  const measureIds = pb.health.measures.map((m) => m.id);
  const dimensionIds = pb.health.dimensions.map((d) => d.id);

  // ids
  duplicates(
    pb.fields.fields,
    (f) => f.id,
    (i) => `$.fields.fields[${i}].id`,
    'field',
    out,
  );
  duplicates(
    pb.segments.items,
    (s) => s.id,
    (i) => `$.segments.items[${i}].id`,
    'segment',
    out,
  );
  duplicates(
    pb.health.measures,
    (m) => m.id,
    (i) => `$.health.measures[${i}].id`,
    'measure',
    out,
  );
  duplicates(
    pb.health.dimensions,
    (d) => d.id,
    (i) => `$.health.dimensions[${i}].id`,
    'dimension',
    out,
  );
  duplicates(
    pb.health.bands,
    (b) => b.id,
    (i) => `$.health.bands[${i}].id`,
    'band',
    out,
  );
  duplicates(
    pb.stages,
    (s) => s.id,
    (i) => `$.stages[${i}].id`,
    'stage',
    out,
  );
  pb.stages.forEach((s, si) =>
    duplicates(
      s.exitCriteria,
      (c) => c.id,
      (i) => `$.stages[${si}].exitCriteria[${i}].id`,
      'criterion',
      out,
    ),
  );
  duplicates(
    pb.ctas,
    (c) => c.id,
    (i) => `$.ctas[${i}].id`,
    'cta',
    out,
  );
  duplicates(
    pb.routing.rules,
    (r) => r.id,
    (i) => `$.routing.rules[${i}].id`,
    'rule',
    out,
  );
  duplicates(
    pb.health.overrides,
    (o) => o.segment,
    (i) => `$.health.overrides[${i}].segment`,
    'override',
    out,
  );

  // fields
  pb.fields.fields.forEach((f, i) => {
    // A field called `stage` that is the stage source holds the same ids as the built-in: allowed.
    const isStageSource =
      pb.stageSource.kind === 'field' && pb.stageSource.stageField === f.id && f.id === 'stage';
    if ((RESERVED_NAMES as readonly string[]).includes(f.id) && !isStageSource) {
      out.push(
        issue(`$.fields.fields[${i}].id`, 'reserved_name', {
          id: f.id,
          reserved: RESERVED_NAMES.join(', '),
        }),
      );
    }
  });
  const refField = (name: string, path: string, types?: readonly string[]) => {
    const f = fieldById.get(name);
    if (!f) {
      out.push(issue(path, 'unknown_field', { name, ...hint(name, fieldIds) }));
    } else if (types && !types.includes(f.type)) {
      out.push(issue(path, 'field_type', { name, type: f.type, expected: types.join(' | ') }));
    }
  };
  refField(pb.fields.accountKey, '$.fields.accountKey', [
    'string',
    'integer',
    'number',
    'category',
  ]);
  if (pb.fields.nameField !== undefined)
    refField(pb.fields.nameField, '$.fields.nameField', ['string', 'category']);
  if (pb.fields.mrrField !== undefined)
    refField(pb.fields.mrrField, '$.fields.mrrField', ['number', 'integer']);

  // segments
  const refSegment = (id: string, path: string) => {
    if (!segmentIds.includes(id))
      out.push(issue(path, 'unknown_segment', { id, ...hint(id, segmentIds) }));
  };
  refSegment(pb.segments.defaultId, '$.segments.defaultId');

  // health
  pb.health.measures.forEach((m, i) => {
    if (!dimensionIds.includes(m.dimension)) {
      out.push(
        issue(`$.health.measures[${i}].dimension`, 'unknown_dimension', { id: m.dimension }),
      );
    }
    checkNormalisation(m.normalise, `$.health.measures[${i}].normalise`, out);
  });
  const bandIds = new Set(pb.health.bands.map((b) => b.id));
  checkBands(pb.health.bands, '$.health.bands', out);
  const refColor = (id: string, path: string, bands: ReadonlySet<string>) => {
    if (!bands.has(id)) out.push(issue(path, 'unknown_color', { id, ...hint(id, [...bands]) }));
  };
  if (pb.health.requiredColor !== undefined)
    refColor(pb.health.requiredColor, '$.health.requiredColor', bandIds);
  pb.health.overrides.forEach((o, i) => {
    const p = `$.health.overrides[${i}]`;
    refSegment(o.segment, `${p}.segment`);
    for (const k of Object.keys(o.weights ?? {})) {
      if (!measureIds.includes(k))
        out.push(
          issue(`${p}.weights${jsonPath([k]).slice(1)}`, 'unknown_measure', {
            id: k,
            ...hint(k, measureIds),
          }),
        );
    }
    for (const [k, n] of Object.entries(o.normalise ?? {})) {
      const np = `${p}.normalise${jsonPath([k]).slice(1)}`;
      if (!measureIds.includes(k))
        out.push(issue(np, 'unknown_measure', { id: k, ...hint(k, measureIds) }));
      else checkNormalisation(n, np, out);
    }
    if (o.bands) checkBands(o.bands, `${p}.bands`, out);
    if (o.requiredColor !== undefined)
      refColor(
        o.requiredColor,
        `${p}.requiredColor`,
        new Set((o.bands ?? pb.health.bands).map((b) => b.id)),
      );
  });

  // stages
  if (pb.stageSource.kind === 'field') {
    refField(pb.stageSource.stageField, '$.stageSource.stageField', ['string', 'category']);
    if (pb.stageSource.enteredAtField !== undefined)
      refField(pb.stageSource.enteredAtField, '$.stageSource.enteredAtField', ['date']);
  }
  // A stage KPI bound to a measure names one of the health model's.
  pb.stages.forEach((st, si) =>
    st.kpis?.forEach((k, ki) => {
      if (k.measure !== undefined && !measureIds.includes(k.measure))
        out.push(
          issue(`$.stages[${si}].kpis[${ki}].measure`, 'unknown_measure', {
            id: k.measure,
            ...hint(k.measure, measureIds),
          }),
        );
    }),
  );

  // CTAs
  pb.ctas.forEach((c, i) => {
    if (c.ownerField !== undefined)
      refField(c.ownerField, `$.ctas[${i}].ownerField`, ['string', 'category']);
    c.segments.forEach((s, j) => refSegment(s, `$.ctas[${i}].segments[${j}]`));
    c.stages.forEach((s, j) => {
      if (!stageIds.includes(s))
        out.push(
          issue(`$.ctas[${i}].stages[${j}]`, 'unknown_stage', { id: s, ...hint(s, stageIds) }),
        );
    });
  });

  out.push(...checkActivitySources(pb, issue));
  out.push(...checkPlaybookExpressions(pb));
  return out;
}

function checkNormalisation(
  n: PlaybookT['health']['measures'][number]['normalise'],
  path: string,
  out: PlaybookIssue[],
): void {
  if (n.kind === 'linear' && !(n.max !== n.min)) {
    out.push(issue(`${path}.max`, 'bad_linear', { min: n.min, max: n.max }));
  }
}

function checkBands(bands: PlaybookT['health']['bands'], path: string, out: PlaybookIssue[]): void {
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].min > bands[i - 1].min) {
      out.push(
        issue(`${path}[${i}].min`, 'bad_band_order', {
          id: bands[i].id,
          min: bands[i].min,
          above: bands[i - 1].id,
          aboveMin: bands[i - 1].min,
        }),
      );
    }
  }
}

/** Shape + cross-references in one call (the CLI's `validate`, the app's playbook import). */
export function readPlaybook(raw: unknown): ParsePlaybookResult {
  const p = parsePlaybookDocument(raw);
  if (!p.ok) return p;
  const issues = validatePlaybook(p.playbook);
  return issues.length ? { ok: false, issues } : p;
}

/**
 * Every expression, type-checked in its scope (segments see no built-ins; measures and criteria
 * the segment; CTAs and routing everything). Errors point at the expression's JSON path and
 * carry the character position; a measure's result type must fit its normalisation.
 */
function checkPlaybookExpressions(pb: PlaybookT): PlaybookIssue[] {
  const out: PlaybookIssue[] = [];
  const known: KnownIds = {
    segments: pb.segments.items.map((s) => s.id),
    stages: pb.stages.map((s) => s.id),
    colors: [
      ...new Set(
        [...pb.health.bands, ...pb.health.overrides.flatMap((o) => o.bands ?? [])].map((b) => b.id),
      ),
    ],
    activity: pb.activity,
  };
  const envs = new Map<Scope, ReturnType<typeof envFromContract>>();
  const env = (scope: Scope) => {
    let e = envs.get(scope);
    if (!e) envs.set(scope, (e = envFromContract(pb.fields, scope, known)));
    return e;
  };
  const check = (source: string, path: string, scope: Scope) => {
    const r = checkExpression(source, env(scope));
    if (!r.ok) {
      for (const e of r.errors) {
        out.push(
          issue(path, 'expression', {
            ...e.params,
            detail: e.message,
            at: e.start + 1,
            source,
            exprCode: e.code,
            start: e.start,
            end: e.end,
            ...(e.suggestion !== undefined ? { suggestion: e.suggestion } : {}),
          }),
        );
      }
      return undefined;
    }
    return r.type;
  };
  pb.segments.items.forEach((s, i) => {
    if (s.when.trim() !== '') check(s.when, `$.segments.items[${i}].when`, 'segment');
  });
  pb.health.measures.forEach((m, i) => {
    const t = check(m.expr, `$.health.measures[${i}].expr`, 'measure');
    if (t === undefined) return;
    const norms: [string, typeof m.normalise][] = [
      [`$.health.measures[${i}].normalise`, m.normalise],
    ];
    pb.health.overrides.forEach((o, oi) => {
      const n = o.normalise?.[m.id];
      if (n) norms.push([`$.health.overrides[${oi}].normalise${jsonPath([m.id]).slice(1)}`, n]);
    });
    for (const [path, n] of norms) {
      const fits =
        n.kind === 'category'
          ? t === 'string' || t === 'boolean'
          : t === 'number' || t === 'boolean';
      if (!fits) {
        out.push(
          issue(`${path}.kind`, 'measure_kind', {
            id: m.id,
            type: t,
            kind: n.kind,
            use: t === 'string' ? '"category"' : '"tiers" or "linear"',
          }),
        );
      }
    }
  });
  pb.stages.forEach((s, si) =>
    s.exitCriteria.forEach((c, ci) =>
      check(c.expr, `$.stages[${si}].exitCriteria[${ci}].expr`, 'criterion'),
    ),
  );
  // A KPI's expression reads fields like a measure's (a number or a yes/no to average).
  pb.stages.forEach((s, si) =>
    s.kpis?.forEach((k, ki) => {
      if (k.measure === undefined && k.expr !== undefined)
        check(k.expr, `$.stages[${si}].kpis[${ki}].expr`, 'measure');
    }),
  );
  pb.ctas.forEach((c, i) => check(c.trigger, `$.ctas[${i}].trigger`, 'cta'));
  pb.routing.rules.forEach((r, i) => check(r.when, `$.routing.rules[${i}].when`, 'routing'));
  return out;
}
