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

/** A new, empty project: valid, with the account key field only. */
export function emptyProject(name: string, now = new Date().toISOString()): Project {
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    id: newId('p_'),
    meta: { name, description: '', createdAt: now, updatedAt: now },
    diagrams: [{ id: newId('d_'), name: 'As-is', nodes: [], edges: [] }],
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
    segments: { items: [{ id: 'all', label: 'All', when: '' }], defaultId: 'all' },
    // Copies: a caller that edits its new project must not change the defaults of the next one.
    health: {
      dimensions: DEFAULT_DIMENSIONS.map((d) => ({ ...d })),
      measures: [],
      bands: DEFAULT_BANDS.map((b) => ({ ...b })),
      missing: 'exclude',
      overrides: [],
    },
    ctas: [],
    routing: { rules: [], defaultOwner: 'CS' },
  };
}
