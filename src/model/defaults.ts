import type { Project } from './project';
import type { ColorBand, Dimension } from './health';
import { PROJECT_SCHEMA_VERSION } from './project';
import { newId } from './ids';

/** Green / lime / yellow / red: four on purpose, so there is no ambiguous middle (DOMAIN §4). */
export const DEFAULT_BANDS: ColorBand[] = [
  { id: 'green', label: 'Green', color: '#2e7d32', min: 80, inclusive: true },
  { id: 'lime', label: 'Lime', color: '#9ccc65', min: 60, inclusive: true },
  { id: 'yellow', label: 'Yellow', color: '#fbc02d', min: 40, inclusive: true },
  { id: 'red', label: 'Red', color: '#d32f2f', min: 0, inclusive: true },
];

export const DEFAULT_DIMENSIONS: Dimension[] = [
  { id: 'deployment', label: 'Deployment' },
  { id: 'engagement', label: 'Engagement' },
  { id: 'adoption', label: 'Adoption' },
  { id: 'roi', label: 'ROI' },
  { id: 'experience', label: 'Experience' },
];

/**
 * The names a new project starts with, in the language it is created in (the user renames them
 * freely; the app shows a default band name in the UI language either way: ui/results/colors.ts).
 */
export const DEFAULT_NAMES = {
  en: {
    bands: { green: 'Green', lime: 'Lime', yellow: 'Yellow', red: 'Red' } as Record<string, string>,
    allSegment: 'All',
    diagram: 'As-is',
    dimensions: {
      deployment: 'Deployment',
      engagement: 'Engagement',
      adoption: 'Adoption',
      roi: 'ROI',
      experience: 'Experience',
    } as Record<string, string>,
  },
  ja: {
    bands: { green: '緑', lime: 'ライム', yellow: '黄', red: '赤' } as Record<string, string>,
    allSegment: 'すべて',
    diagram: '現状',
    dimensions: {
      deployment: '導入',
      engagement: 'エンゲージメント',
      adoption: '活用',
      roi: 'ROI',
      experience: '体験',
    } as Record<string, string>,
  },
} as const;

/** A new, empty project: valid, with the account key field only; default names in `lang`. */
export function emptyProject(
  name: string,
  now = new Date().toISOString(),
  lang: 'ja' | 'en' = 'en',
): Project {
  const names = DEFAULT_NAMES[lang];
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    id: newId('p_'),
    meta: { name, description: '', createdAt: now, updatedAt: now },
    diagrams: [{ id: newId('d_'), name: names.diagram, nodes: [], edges: [] }],
    journey: { goal: '', stages: [], stageSource: { kind: 'inferred' } },
    fields: {
      accountKey: 'account_id',
      fields: [
        {
          id: 'account_id',
          label: { ja: 'アカウントID', en: 'Account ID' },
          type: 'string',
          required: true,
        },
      ],
    },
    segments: { items: [{ id: 'all', label: names.allSegment, when: '' }], defaultId: 'all' },
    // Copies: a caller that edits its new project must not change the defaults of the next one.
    health: {
      dimensions: DEFAULT_DIMENSIONS.map((d) => ({ ...d, label: names.dimensions[d.id] })),
      measures: [],
      bands: DEFAULT_BANDS.map((b) => ({ ...b, label: names.bands[b.id] })),
      missing: 'exclude',
      overrides: [],
    },
    ctas: [],
    routing: { rules: [], defaultOwner: 'CS' },
  };
}
