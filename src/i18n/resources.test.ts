import { describe, expect, it } from 'vitest';
import { resources } from './resources';

/** Every key in English has a Japanese counterpart and vice versa. */
function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('i18n resources', () => {
  for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
    it(`namespace ${ns} has the same keys in ja and en`, () => {
      expect(keys(resources.ja[ns]).sort()).toEqual(keys(resources.en[ns]).sort());
    });
  }
});
