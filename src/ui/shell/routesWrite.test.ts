// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { setViewQuery, writeViewQuery } from './routes';

describe('writing a view query in place', () => {
  afterEach(() => history.replaceState(null, '', '#/'));

  it('changes the address without a hashchange and without a history entry', () => {
    history.replaceState(null, '', '#/p/abc/results?tab=accounts');
    const entries = history.length;
    let changes = 0;
    const count = () => changes++;
    window.addEventListener('hashchange', count);
    try {
      writeViewQuery('tab=accounts&q=ab');
      expect(location.hash).toBe('#/p/abc/results?tab=accounts&q=ab');
      writeViewQuery('tab=accounts&q=abc');
      expect(location.hash).toBe('#/p/abc/results?tab=accounts&q=abc');
      expect(changes).toBe(0);
      expect(history.length).toBe(entries);
      // setViewQuery (a tab, a sort) still tells the app.
      setViewQuery('tab=ctas&q=abc', true);
      expect(changes).toBe(1);
    } finally {
      window.removeEventListener('hashchange', count);
    }
  });

  it('writes nothing outside a project', () => {
    history.replaceState(null, '', '#/');
    writeViewQuery('q=x');
    expect(location.hash).toBe('#/');
  });
});
