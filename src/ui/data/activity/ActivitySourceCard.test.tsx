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
import type { ActivitySetRow } from '../../../store/db';

// The import hook talks to a worker; here only "was the file taken?" matters.
const pick = vi.fn(async () => {});
vi.mock('./useActivityImport', () => ({
  headerKey: () => '',
  useActivityImport: () => ({
    flow: { step: 'idle' },
    setFlow: () => {},
    pick,
    setMapping: () => {},
    run: async () => {},
    save: async () => {},
    remove: async () => null,
    cancel: () => {},
  }),
}));

const i18n = initI18n('en');
const project = demoActivityProject(demoProject, 'en');
const source = project.activity![0];

function renderCard(
  accounts: ReturnType<typeof generateDemoTable> | null,
  loading: boolean,
  stored?: ActivitySetRow,
) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ActivitySourceCard
        projectId="p"
        source={source}
        contract={project.fields}
        accounts={accounts}
        accountsLoading={loading}
        stored={stored}
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

  it('takes every file dropped on one source, in order: a new source stores them, a stored one adds them', () => {
    renderCard(generateDemoTable({ rows: 3, seed: 1 }), false);
    drop(screen.getByTestId(`activity-source-${source.id}`), 3);
    expect(pick).toHaveBeenCalledTimes(1);
    const [files, mode] = pick.mock.calls[0] as unknown as [File[], string];
    expect(files.map((f) => f.name)).toEqual(['logins-0.csv', 'logins-1.csv', 'logins-2.csv']);
    expect(mode).toBe('replace');
    cleanup();
    const file = {
      name: 'jan.csv',
      rows: 10,
      kept: 9,
      unknownAccount: 1,
      ambiguousAccount: 0,
      future: 0,
      badTime: 0,
      badValues: 0,
      byName: 0,
      review: 0,
    };
    renderCard(generateDemoTable({ rows: 3, seed: 1 }), false, {
      id: 's',
      projectId: 'p',
      source: source.id,
      createdAt: '2026-11-30T00:00:00Z',
      files: [file, { ...file, name: 'feb.csv', size: 2048, from: '2026-02-01', to: '2026-02-27' }],
      rowCount: 18,
      columns: [],
      chunkCount: 1,
    });
    // The stored files listed: a file stored before (no size, dates) shows dashes.
    const rows = screen.getAllByTestId('activity-file');
    expect(rows.map((r) => r.getAttribute('data-file'))).toEqual(['jan.csv', 'feb.csv']);
    expect(rows[1].textContent).toContain('2.0 KB');
    expect(rows[1].textContent).toContain('2026-02-01 – 2026-02-27');
    expect(rows[0].textContent).toContain('—');
    drop(screen.getByTestId(`activity-source-${source.id}`), 2);
    expect((pick.mock.calls[1] as unknown as [File[], string])[1]).toBe('add');
  });
});
