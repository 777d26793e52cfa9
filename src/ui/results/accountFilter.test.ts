import { describe, expect, it } from 'vitest';
import type { AccountSelection } from '../../engine';
import { parseRoute } from '../shell/routes';
import { filterHash, parseFilterHash } from './accountFilter';

describe('account filter in the address', () => {
  const cases: AccountSelection[] = [
    { stage: 'onboarding' },
    { stage: '', segment: 'smb' },
    { stage: '利用定着', criterion: 'ob 2&x=1', status: 'not_met', segment: 'mid' },
    { stage: 'value', color: '', ready: true },
    { stage: 'value', progress: 'stuck', daysKnown: true },
    { stage: 'value', cta: 'champion_left' },
    { stage: 'value', ctaType: 'risk' },
  ];
  it('round-trips every selection and stays a Results route', () => {
    for (const sel of cases) {
      const hash = filterHash('p 1', sel);
      expect(parseFilterHash(hash)).toEqual(sel);
      expect(parseRoute(hash)).toEqual({ kind: 'project', id: 'p 1', view: 'results' });
    }
  });
  it('is absent from other addresses and refuses values it does not know', () => {
    expect(parseFilterHash('#/p/x/results')).toBeNull();
    expect(parseFilterHash('#/p/x/journey')).toBeNull();
    expect(parseFilterHash('#/p/x/results/accounts?status=maybe')).toBeNull();
    expect(parseFilterHash('#/p/x/results/accounts?progress=late')).toBeNull();
    expect(parseFilterHash('#/p/x/results/accounts?ctaType=nope')).toBeNull();
  });
});
