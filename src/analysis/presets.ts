import type { RuleSetting } from './types';

/** Rule id → severity. `recommended` errs on the two findings the method is built for (inputs, 属人化). */
export type RuleConfig = Record<string, RuleSetting>;

export const PRESETS = {
  recommended: {
    'single-person-dependency': 'error',
    'insufficient-inputs': 'error',
    'missing-knowhow': 'warn',
    'coordination-bottleneck': 'warn',
    'rework-loop': 'warn',
    'disconnected-deliverable': 'warn',
    'holders-not-recorded': 'info',
  },
  strict: {
    'single-person-dependency': 'error',
    'insufficient-inputs': 'error',
    'missing-knowhow': 'error',
    'coordination-bottleneck': 'error',
    'rework-loop': 'error',
    'disconnected-deliverable': 'error',
    'holders-not-recorded': 'info',
  },
  /** Only the structural problems: a quick check while the first draft is being drawn. */
  relaxed: {
    'single-person-dependency': 'warn',
    'insufficient-inputs': 'warn',
    'missing-knowhow': 'off',
    'coordination-bottleneck': 'off',
    'rework-loop': 'warn',
    'disconnected-deliverable': 'warn',
    'holders-not-recorded': 'info',
  },
} as const satisfies Record<string, RuleConfig>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(s: string): s is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, s);
}
