import { describe, expect, it } from 'vitest';
import { parsePlace, placeNow, placeQuery } from './place';

// A tab, sort or filter builds on `placeNow`: the search box writes its text into the address in
// place (no re-render) and keeps what was typed since, so the last render's place is stale.
describe('placeNow', () => {
  const rendered = parsePlace('tab=accounts&color=red&sort=score:desc');

  it('reads the address, not the last render, when the address is a project view', () => {
    const now = placeNow('tab=accounts&color=red&q=acme&sort=score:desc', rendered, null);
    expect(now.filter.q).toBe('acme');
    expect(placeQuery({ ...now, sort: { key: 'company', dir: 'asc' } })).toBe(
      'tab=accounts&color=red&q=acme&sort=company%3Aasc',
    );
  });

  it('falls back to the last render when the address is not a project view', () => {
    expect(placeNow(null, rendered, null)).toEqual(rendered);
  });

  it('puts the text typed since over the address, and an empty text clears the search', () => {
    const addr = 'tab=accounts&q=old';
    expect(placeNow(addr, rendered, 'newer').filter.q).toBe('newer');
    const cleared = placeNow(addr, rendered, '');
    expect(cleared.filter.q).toBeUndefined();
    expect(placeQuery(cleared)).toBe('tab=accounts');
  });

  it('an empty address query is the dashboard with no filter', () => {
    expect(placeNow('', rendered, null)).toEqual({ tab: 'dashboard', filter: {} });
  });

  it('does not change the place it was given', () => {
    const before = JSON.stringify(rendered);
    placeNow(null, rendered, 'x');
    expect(JSON.stringify(rendered)).toBe(before);
  });
});
