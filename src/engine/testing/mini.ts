/** A small hand-built playbook for engine tests: every number in it is easy to check by hand. */
import { PLAYBOOK_VERSION, type Measure, type Playbook } from '../../model';

export function miniPlaybook(over: Partial<Playbook> = {}): Playbook {
  const base: Playbook = {
    format: 'waymark-playbook',
    version: PLAYBOOK_VERSION,
    name: 'mini',
    asOf: '2026-01-31',
    fields: {
      accountKey: 'id',
      fields: [
        { id: 'id', label: { ja: 'ID', en: 'ID' }, type: 'string', required: true },
        { id: 'mrr', label: { ja: 'MRR', en: 'MRR' }, type: 'number', required: false },
        { id: 'usage', label: { ja: '利用率', en: 'Usage' }, type: 'number', required: false },
        { id: 'nps', label: { ja: 'NPS', en: 'NPS' }, type: 'integer', required: false },
        {
          id: 'rel',
          label: { ja: '関係性', en: 'Relationship' },
          type: 'category',
          values: ['strong', 'weak'],
          required: false,
        },
        {
          id: 'kickoff',
          label: { ja: 'キックオフ', en: 'Kickoff' },
          type: 'boolean',
          required: false,
        },
        {
          id: 'stage_f',
          label: { ja: 'ステージ', en: 'Stage' },
          type: 'category',
          values: ['a', 'b'],
          required: false,
        },
        { id: 'entered', label: { ja: '開始日', en: 'Entered' }, type: 'date', required: false },
        {
          id: 'outcome',
          label: { ja: '結果', en: 'Outcome' },
          type: 'category',
          values: ['renewed', 'churned', 'expanded'],
          required: false,
        },
      ],
    },
    segments: {
      items: [
        { id: 'big', label: 'Big', when: 'mrr >= 100' },
        { id: 'small', label: 'Small', when: '' },
      ],
      defaultId: 'small',
    },
    health: {
      dimensions: [
        { id: 'adoption', label: 'Adoption' },
        { id: 'engagement', label: 'Engagement' },
        { id: 'experience', label: 'Experience' },
      ],
      measures: [
        {
          id: 'use',
          label: 'Usage',
          dimension: 'adoption',
          expr: 'usage',
          normalise: { kind: 'linear', min: 0, max: 50 },
          invert: false,
          weight: 2,
        },
        {
          id: 'rel',
          label: 'Relationship',
          dimension: 'engagement',
          expr: 'rel',
          normalise: { kind: 'category', points: { strong: 100, weak: 20 } },
          invert: false,
          weight: 1,
        },
        {
          id: 'nps',
          label: 'NPS',
          dimension: 'experience',
          expr: 'nps',
          normalise: {
            kind: 'tiers',
            tiers: [
              { min: 9, points: 100 },
              { min: 7, points: 50 },
            ],
            below: 0,
          },
          invert: false,
          weight: 1,
        },
      ],
      bands: [
        { id: 'green', label: 'Green', color: '#2e7d32', min: 75, inclusive: true },
        { id: 'yellow', label: 'Yellow', color: '#fbc02d', min: 40, inclusive: false },
        { id: 'red', label: 'Red', color: '#d32f2f', min: 0, inclusive: true },
      ],
      missing: 'exclude',
      overrides: [{ segment: 'big', weights: { rel: 3 } }],
    },
    stages: [
      {
        id: 'a',
        label: 'A',
        definition: '',
        expectedDays: 10,
        exitCriteria: [
          { id: 'k', label: 'Kickoff', expr: 'kickoff', required: true },
          { id: 'u', label: 'Usage', expr: 'usage >= 20', required: false },
        ],
      },
      {
        id: 'b',
        label: 'B',
        definition: '',
        expectedDays: 30,
        exitCriteria: [{ id: 'n', label: 'Promoter', expr: 'nps >= 9', required: true }],
      },
    ],
    stageSource: { kind: 'field', stageField: 'stage_f', enteredAtField: 'entered' },
    ctas: [
      {
        id: 'risk_red',
        label: 'Red',
        type: 'risk',
        trigger: "color == 'red'",
        priority: 'medium',
        ownerRole: '',
        dueInDays: 3,
        segments: [],
        stages: [],
        steps: ['call'],
        dedupeKey: 'risk',
      },
      {
        id: 'risk_weak',
        label: 'Weak',
        type: 'risk',
        trigger: "rel == 'weak'",
        priority: 'high',
        ownerRole: 'CSM',
        dueInDays: 1,
        segments: [],
        stages: [],
        steps: [],
        dedupeKey: 'risk',
      },
      {
        id: 'grow',
        label: 'Grow',
        type: 'expansion',
        trigger: 'usage > 40',
        priority: 'low',
        ownerRole: '',
        dueInDays: 7,
        segments: ['big'],
        stages: ['b'],
        steps: [],
      },
    ],
    routing: { rules: [{ id: 'hi', when: 'score >= 75', owner: 'Sales' }], defaultOwner: 'CS' },
  };
  return { ...base, ...over };
}

/** An adoption measure of `expr`, scored linearly from 0 to 10, weight 1 (the tests' usual). */
export function linearMeasure(id: string, expr: string, label = id): Measure {
  return {
    id,
    label,
    dimension: 'adoption',
    expr,
    normalise: { kind: 'linear', min: 0, max: 10 },
    invert: false,
    weight: 1,
  };
}
