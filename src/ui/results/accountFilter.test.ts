import { describe, expect, it } from 'vitest';
import type { AccountSelection } from '../../engine';
import { parseRoute } from '../shell/routes';
import { filterHash } from './accountFilter';
import { parsePlace, placeSelection } from './place';

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
  it('round-trips every selection and stays a Results route on the accounts tab', () => {
    for (const sel of cases) {
      const route = parseRoute(filterHash('p 1', sel));
      expect(route).toMatchObject({ kind: 'project', id: 'p 1', view: 'results' });
      const place = parsePlace(route.kind === 'project' ? route.query : undefined);
      expect(place.tab).toBe('accounts');
      expect(placeSelection(place)).toEqual(sel);
    }
  });
  it('drops live values it does not know', () => {
    expect(parsePlace('status=maybe&criterion=x').live).toBeUndefined();
    expect(parsePlace('progress=late').live).toBeUndefined();
    expect(parsePlace('ctaType=nope').live).toBeUndefined();
    expect(parsePlace('criterion=x&status=met').live).toEqual({ criterion: 'x', status: 'met' });
  });
});
