/** A small field contract with every type, Japanese ids and a category, for expr tests. */
import type { FieldContract } from '../../model/fields';

export const TEST_CONTRACT: FieldContract = {
  accountKey: 'id',
  fields: [
    { id: 'id', label: { ja: 'ID', en: 'ID' }, type: 'string', required: true },
    {
      id: 'active_users',
      label: { ja: 'アクティブユーザー数', en: 'Active users' },
      type: 'integer',
      required: false,
    },
    {
      id: 'licenses',
      label: { ja: 'ライセンス数', en: 'Licenses' },
      type: 'integer',
      required: false,
    },
    { id: 'nps', label: { ja: 'NPS', en: 'NPS' }, type: 'number', required: false },
    { id: '利用率', label: { ja: '利用率', en: 'Usage rate' }, type: 'number', required: false },
    {
      id: 'plan',
      label: { ja: 'プラン', en: 'Plan' },
      type: 'category',
      values: ['free', 'pro', 'エンタープライズ'],
      required: false,
    },
    { id: 'industry', label: { ja: '業種', en: 'Industry' }, type: 'string', required: false },
    {
      id: 'champion_left',
      label: { ja: 'キーパーソン退職', en: 'Champion left' },
      type: 'boolean',
      required: false,
    },
    {
      id: 'renewal_date',
      label: { ja: '更新日', en: 'Renewal date' },
      type: 'date',
      required: false,
    },
    {
      id: 'last_meeting',
      label: { ja: '最終面談日', en: 'Last meeting' },
      type: 'date',
      required: false,
    },
  ],
};

export const TEST_TYPES = Object.fromEntries(
  TEST_CONTRACT.fields.map((f) => [f.id, f.type]),
) as Record<string, 'number' | 'integer' | 'date' | 'boolean' | 'string' | 'category'>;

/** Rows with missing values, zeros, negatives, halves and Japanese text. */
export const TEST_ROWS: Array<Record<string, unknown>> = [
  {
    id: 'a1',
    active_users: 10,
    licenses: 20,
    nps: 9,
    利用率: 0.5,
    plan: 'pro',
    industry: '製造',
    champion_left: false,
    renewal_date: '2027-01-15',
    last_meeting: '2026-10-01',
  },
  {
    id: 'a2',
    active_users: 0,
    licenses: 0,
    nps: null,
    利用率: -2.5,
    plan: 'free',
    industry: null,
    champion_left: true,
    renewal_date: null,
    last_meeting: '2026-11-23',
  },
  {
    id: 'a3',
    active_users: null,
    licenses: 5,
    nps: 6.5,
    利用率: 2.5,
    plan: null,
    industry: "O'Brien & co",
    champion_left: null,
    renewal_date: '2026-11-23',
    last_meeting: null,
  },
  {
    id: 'a4',
    active_users: 7,
    licenses: 3,
    nps: -0.5,
    利用率: null,
    plan: 'エンタープライズ',
    industry: '製造',
    champion_left: false,
    renewal_date: '2024-02-29',
    last_meeting: '2020-01-01',
  },
  {
    id: 'a5',
    active_users: 1,
    licenses: null,
    nps: 0,
    利用率: 1.005,
    plan: 'pro',
    industry: 'IT',
    champion_left: true,
    renewal_date: '2030-12-31',
    last_meeting: '2026-11-24',
  },
];

export const TEST_AS_OF = '2026-11-23';
