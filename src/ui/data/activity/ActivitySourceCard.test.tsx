// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../../i18n';
import { demoProject } from '../../../data/testing/helpers';
import { generateDemoTable } from '../../../data/demo/generate';
import { demoActivityProject } from '../../../data/demo/activityPlaybook';
import { messageStore } from '../../common/messages';
import { ActivitySourceCard } from './ActivitySourceCard';

// The import hook talks to a worker; here only "was the file taken?" matters.
const pick = vi.fn(async () => {});
vi.mock('./useActivityImport', () => ({
  useActivityImport: () => ({
    flow: { step: 'idle' },
    setFlow: () => {},
    pick,
    run: async () => {},
    save: async () => {},
    cancel: () => {},
  }),
}));

const i18n = initI18n('en');
const project = demoActivityProject(demoProject, 'en');
const source = project.activity![0];

function renderCard(accounts: ReturnType<typeof generateDemoTable> | null, loading: boolean) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ActivitySourceCard
        projectId="p"
        source={source}
        contract={project.fields}
        accounts={accounts}
        accountsLoading={loading}
        stored={undefined}
        asOf="2026-12-01"
      />
    </I18nextProvider>,
  );
}

function drop(card: HTMLElement, count = 1) {
  const files = Array.from(
    { length: count },
    (_, i) => new File(['account_id,logged_in_at\n'], `logins-${i}.csv`, { type: 'text/csv' }),
  );
  fireEvent.drop(card.querySelector('.dz')!, { dataTransfer: { files } });
}

describe('ActivitySourceCard: a file given before the accounts are there', () => {
  afterEach(() => {
    cleanup();
    pick.mockClear();
  });

  it('takes a drop while the stored accounts are still being read (the CI flake: it was ignored)', () => {
    renderCard(null, true);
    expect(screen.getByTestId('activity-accounts-hint').textContent).toMatch(/Reading the stored/);
    expect(screen.getByTestId(`activity-choose-${source.id}`)).not.toBeDisabled();
    drop(screen.getByTestId(`activity-source-${source.id}`));
    expect(pick).toHaveBeenCalledTimes(1);
  });

  it('refuses a drop aloud when the project has no account data, and takes it once it has', () => {
    const before = messageStore.current.length;
    renderCard(null, false);
    expect(screen.getByTestId(`activity-choose-${source.id}`)).toBeDisabled();
    drop(screen.getByTestId(`activity-source-${source.id}`));
    expect(pick).not.toHaveBeenCalled();
    const said = messageStore.current.slice(before);
    expect(said.map((m) => [m.kind, m.text])).toEqual([
      ['error', i18n.t('data:activityView.needAccounts')],
    ]);
    cleanup();
    renderCard(generateDemoTable({ rows: 3, seed: 1 }), false);
    expect(screen.queryByTestId('activity-accounts-hint')).toBeNull();
    drop(screen.getByTestId(`activity-source-${source.id}`));
    expect(pick).toHaveBeenCalledTimes(1);
  });

  it('refuses two files dropped on one source instead of taking the first silently', () => {
    const before = messageStore.current.length;
    renderCard(generateDemoTable({ rows: 3, seed: 1 }), false);
    drop(screen.getByTestId(`activity-source-${source.id}`), 2);
    expect(pick).not.toHaveBeenCalled();
    const said = messageStore.current.slice(before);
    expect(said).toHaveLength(1);
    expect(said[0].text).toMatch(/^2 files were dropped on .+: import one file per source/);
  });
});
