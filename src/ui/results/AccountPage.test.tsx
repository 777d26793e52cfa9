// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../i18n';
import { demoProject } from '../../data/testing/helpers';
import { AccountPage } from './AccountPage';
import { demoOutcome } from './demoOutcome.testing';

/**
 * The account page is drawn in two commits (its head, then the rest as a deferred render): once
 * settled it shows the whole page of the account asked for, and another account opened on the
 * same page never shows a part of the previous one.
 */
const outcome = demoOutcome(demoProject, 300, 9);
const { result } = outcome;
const i18n = initI18n('en');
afterEach(cleanup);
/** The rest comes a frame after the head: time enough on a loaded machine. */
const WAIT = { timeout: 10_000 };

const page = (row: number) => (
  <I18nextProvider i18n={i18n}>
    <AccountPage outcome={outcome} project={demoProject} row={row} onBack={() => undefined} />
  </I18nextProvider>
);
/** Rows whose CTAs differ (one with none, one with some), so a mix-up shows. */
const withCtas = [...result.accountIds.keys()].find((i) => result.ctaFired.some((f) => f[i]))!;
const without = [...result.accountIds.keys()].find((i) => !result.ctaFired.some((f) => f[i]))!;

describe('the account page', () => {
  it('shows every section of the account once settled', async () => {
    const v = render(page(withCtas));
    // The head first, the rest after a frame.
    expect(v.queryByTestId('account-contributions')).toBeNull();
    await waitFor(() => expect(v.getByTestId('account-contributions')).toBeTruthy(), WAIT);
    const p = v.getByTestId('account-page');
    for (const id of ['account-score', 'account-contributions', 'account-criteria', 'account-ctas'])
      expect(within(p).getByTestId(id)).toBeTruthy();
    expect(within(p).getByTestId('contribution-sum').textContent).not.toBe('');
    expect(p.querySelectorAll('[data-cta]').length).toBeGreaterThan(0);
  });

  it('another account on the same page: never a part of the previous one', async () => {
    const v = render(page(withCtas));
    await waitFor(() => expect(v.getByTestId('account-contributions')).toBeTruthy(), WAIT);
    const seen: string[] = [];
    // Each commit's page: the CTAs shown belong to the account in the title.
    const check = () => {
      const p = v.getByTestId('account-page');
      const title = p.querySelector('h2')!.textContent!;
      const ctas = p.querySelectorAll('[data-cta]').length;
      seen.push(`${title}:${ctas}`);
      if (title.includes(result.accountIds[without])) expect(ctas).toBe(0);
    };
    const obs = new MutationObserver(check);
    obs.observe(v.container, { subtree: true, childList: true, characterData: true });
    v.rerender(page(without));
    check();
    await waitFor(() => expect(v.getByTestId('account-contributions')).toBeTruthy(), WAIT);
    check();
    obs.disconnect();
    expect(v.getByTestId('account-page').querySelector('h2')!.textContent).toContain(
      result.accountIds[without],
    );
    expect(v.getByTestId('account-ctas').textContent).toContain(i18n.t('results:account.noCtas'));
  });
});
