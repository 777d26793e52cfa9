/**
 * fast-check generators of playbooks and account rows for the differential tests (random
 * expressions, normalisations, overrides, stages, CTAs and routing over a fixed field contract).
 */
import fc from 'fast-check';
import { PLAYBOOK_VERSION, type Normalisation, type Playbook } from '../../../model';

export const CATS = ['あ', 'b', 'ｶﾅ', "o'k", '顧客'];

export const FIELDS: Playbook['fields'] = {
  accountKey: 'id',
  fields: [
    { id: 'id', label: { ja: 'ID', en: 'ID' }, type: 'string', required: true },
    { id: 'n1', label: { ja: '数1', en: 'N1' }, type: 'number', required: false },
    { id: 'n2', label: { ja: '数2', en: 'N2' }, type: 'number', required: false },
    { id: 'i1', label: { ja: '整数', en: 'I1' }, type: 'integer', required: false },
    {
      id: '区分',
      label: { ja: '区分', en: 'Kind' },
      type: 'category',
      values: CATS,
      required: false,
    },
    { id: 'b1', label: { ja: '真偽', en: 'B1' }, type: 'boolean', required: false },
    { id: 'd1', label: { ja: '日付', en: 'D1' }, type: 'date', required: false },
    { id: 'st', label: { ja: 'ステージ', en: 'Stage' }, type: 'string', required: false },
    { id: 'entered', label: { ja: '開始', en: 'Entered' }, type: 'date', required: false },
  ],
};
export const STAGES = ['st0', 'st1', 'st2'];

const small = fc.constantFrom(-5, 0, 0.5, 1, 3, 7.25, 10, 50, 99.5, 100, 1e6);
const numExpr = fc.oneof(
  fc.constantFrom(
    'n1',
    'n2',
    'i1',
    'n1 / n2',
    'n1 - i1',
    'days_since(d1)',
    'coalesce(n1, 0)',
    'min(n1, n2)',
    'round(n1 / 3, 2)',
    'abs(n2)',
    'n1 * 2 + i1',
  ),
);
const cond = fc.oneof(
  small.map((k) => `n1 >= ${k}`),
  small.map((k) => `n2 < ${k}`),
  fc.constantFrom(
    `区分 == 'あ'`,
    `区分 in ['b', '顧客']`,
    `区分 != 'ｶﾅ'`,
    'b1',
    'not b1',
    'is_missing(n2)',
    'n1 > n2',
  ),
  fc.tuple(small, small).map(([a, b]) => `n1 > ${a} and i1 <= ${b}`),
  small.map((k) => `n2 > ${k} or is_missing(i1)`),
  small.map((k) => `days_until(d1) <= ${k}`),
);
const lateCond = fc.oneof(
  cond,
  small.map((k) => `score >= ${k}`),
  fc.constantFrom(
    `color == 'c0'`,
    `color != 'c1'`,
    `stage == 'st1'`,
    `segment == 'gd'`,
    'days_in_stage > 10',
    'is_missing(score)',
  ),
);
const pts = fc.integer({ min: 0, max: 100 });
const numNorm: fc.Arbitrary<Normalisation> = fc.oneof(
  fc
    .tuple(small, small)
    .filter(([a, b]) => a !== b)
    .map(([min, max]) => ({ kind: 'linear' as const, min, max })),
  fc
    .tuple(
      fc.uniqueArray(small, { minLength: 1, maxLength: 3 }),
      fc.array(pts, { minLength: 3, maxLength: 3 }),
      pts,
    )
    .map(([mins, p, below]) => ({
      kind: 'tiers' as const,
      tiers: [...mins].sort((a, b) => b - a).map((min, i) => ({ min, points: p[i] })),
      below,
    })),
);
const catNorm: fc.Arbitrary<Normalisation> = fc
  .tuple(
    fc.subarray(CATS),
    fc.array(pts, { minLength: 5, maxLength: 5 }),
    fc.option(pts, { nil: undefined }),
  )
  .map(([keys, p, otherwise]) => ({
    kind: 'category' as const,
    points: Object.fromEntries(keys.map((k, i) => [k, p[i]])),
    ...(otherwise !== undefined ? { otherwise } : {}),
  }));
const measure = fc.oneof(
  fc.tuple(numExpr, numNorm).map(([expr, normalise]) => ({ expr, normalise })),
  catNorm.map((normalise) => ({ expr: '区分', normalise })),
  catNorm.map((normalise) => ({ expr: "if(b1, 区分, 'ほか')", normalise })),
  fc
    .tuple(
      fc.constantFrom('b1', 'n1 > n2'),
      fc.oneof(
        numNorm,
        fc.constant<Normalisation>({ kind: 'category', points: { true: 90, false: 10 } }),
      ),
    )
    .map(([expr, normalise]) => ({ expr, normalise })),
);
const weight = fc.constantFrom(0, 0.5, 1, 2, 3, 7);

export const playbookArb: fc.Arbitrary<Playbook> = fc
  .record({
    measures: fc.array(
      fc.record({
        m: measure,
        invert: fc.boolean(),
        weight,
        dim: fc.constantFrom('deployment', 'adoption', 'roi'),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    segRules: fc.array(cond, { minLength: 0, maxLength: 2 }),
    missing: fc.constantFrom('exclude' as const, 'zero' as const),
    bandMins: fc.uniqueArray(fc.constantFrom(0, 20, 40, 50, 60, 75, 80), {
      minLength: 2,
      maxLength: 4,
    }),
    inclusive: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    overrideW: fc.array(weight, { minLength: 5, maxLength: 5 }),
    overrideNorm: fc.option(numNorm, { nil: undefined }),
    overrideBands: fc.boolean(),
    criteria: fc.array(
      fc.array(
        fc.record({
          c: fc.oneof(cond, fc.constantFrom(`segment == 'gd'`, `segment != 'gd'`)),
          required: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
      { minLength: 3, maxLength: 3 },
    ),
    inferred: fc.boolean(),
    expected: fc.array(fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }), {
      minLength: 3,
      maxLength: 3,
    }),
    ctas: fc.array(
      fc.record({
        trigger: lateCond,
        priority: fc.constantFrom('high' as const, 'medium' as const, 'low' as const),
        dedupe: fc.constantFrom(undefined, 'k1', 'k2'),
        segs: fc.subarray(['g0', 'g1', 'gd']),
        stages: fc.subarray(STAGES),
      }),
      { maxLength: 4 },
    ),
    routing: fc.array(lateCond, { maxLength: 2 }),
  })
  .map((g) => {
    const mins = [...g.bandMins].sort((a, b) => b - a);
    const bands = mins.map((min, i) => ({
      id: `c${i}`,
      label: `C${i}`,
      color: '#123456',
      min,
      inclusive: g.inclusive[i],
    }));
    const measures = g.measures.map((x, i) => ({
      id: `m${i}`,
      label: `M${i}`,
      dimension: x.dim as 'deployment',
      expr: x.m.expr,
      normalise: x.m.normalise,
      invert: x.invert,
      weight: x.weight,
    }));
    const numericIdx = measures.findIndex(
      (m) => m.normalise.kind !== 'category' && !m.expr.includes('区分'),
    );
    const pb: Playbook = {
      format: 'waymark-playbook',
      version: PLAYBOOK_VERSION,
      name: 'random',
      asOf: '2026-03-15',
      fields: FIELDS,
      segments: {
        items: [
          ...g.segRules.map((when, i) => ({ id: `g${i}`, label: `G${i}`, when })),
          { id: 'gd', label: 'default', when: '' },
        ],
        defaultId: 'gd',
      },
      health: {
        dimensions: [
          { id: 'deployment', label: 'D' },
          { id: 'adoption', label: 'A' },
          { id: 'roi', label: 'R' },
        ],
        measures,
        bands,
        missing: g.missing,
        overrides: g.segRules.length
          ? [
              {
                segment: 'g0',
                weights: Object.fromEntries(measures.map((m, i) => [m.id, g.overrideW[i]])),
                ...(g.overrideNorm && numericIdx >= 0
                  ? { normalise: { [measures[numericIdx].id]: g.overrideNorm } }
                  : {}),
                ...(g.overrideBands
                  ? {
                      bands: [
                        { id: 'c0', label: 'x', color: '#000000', min: 55, inclusive: false },
                        { id: 'cx', label: 'y', color: '#000000', min: 0, inclusive: true },
                      ],
                    }
                  : {}),
              },
            ]
          : [],
      },
      stages: STAGES.map((id, si) => ({
        id,
        label: id,
        definition: '',
        exitCriteria: g.criteria[si].map((x, ci) => ({
          id: `k${ci}`,
          label: '',
          expr: x.c,
          required: x.required,
        })),
        ...(g.expected[si] !== undefined ? { expectedDays: g.expected[si] } : {}),
      })),
      stageSource: g.inferred
        ? { kind: 'inferred' }
        : { kind: 'field', stageField: 'st', enteredAtField: 'entered' },
      ctas: g.ctas.map((x, i) => ({
        id: `cta${i}`,
        label: '',
        type: 'risk',
        trigger: x.trigger,
        priority: x.priority,
        ownerRole: i % 2 ? 'Role' : '',
        // Owner from a field on every third CTA: a category and a text field, blank in some rows.
        ...(i % 3 === 0 ? { ownerField: i % 2 ? '区分' : 'st' } : {}),
        dueInDays: i,
        segments: x.segs
          .filter((s) => s !== 'g1' || g.segRules.length > 1)
          .filter((s) => s !== 'g0' || g.segRules.length > 0),
        stages: x.stages,
        steps: [],
        ...(x.dedupe ? { dedupeKey: x.dedupe } : {}),
      })),
      routing: {
        rules: g.routing.map((when, i) => ({ id: `r${i}`, when, owner: `O${i}` })),
        defaultOwner: 'CS',
      },
    };
    return pb;
  });

const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
// Realistic magnitudes (6 decimals): PostgreSQL raises an error where a double overflows
// (x / 1e-320), while JS gives Infinity; CRM data never holds subnormal numbers.
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
export const rowArb = fc.record({
  n1: maybe(
    fc.oneof(
      small,
      fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }).map(round6),
    ),
  ),
  n2: maybe(
    fc.oneof(
      small,
      fc.constant(0),
      fc.double({ min: -10, max: 200, noNaN: true, noDefaultInfinity: true }).map(round6),
    ),
  ),
  i1: maybe(fc.integer({ min: -3, max: 120 })),
  区分: maybe(fc.constantFrom(...CATS, 'ほか')),
  b1: maybe(fc.boolean()),
  d1: maybe(
    fc
      .integer({ min: 20000, max: 20800 })
      .map((d) => new Date(d * 86400000).toISOString().slice(0, 10)),
  ),
  st: maybe(fc.constantFrom(...STAGES, 'zz')),
  entered: maybe(
    fc
      .integer({ min: 20400, max: 20527 })
      .map((d) => new Date(d * 86400000).toISOString().slice(0, 10)),
  ),
});
export const rowsArb = fc
  .array(rowArb, { minLength: 1, maxLength: 40 })
  .map((rows) => rows.map((r, i) => ({ id: `a${i}`, ...r })));
