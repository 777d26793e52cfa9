// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../i18n';
import { ExportStatus } from './ExportStatus';
import { progressLine, type ExportState } from './useFileExport';

afterEach(cleanup);

describe('the export progress line', () => {
  it('follows the progress messages without redrawing the view that holds the export', () => {
    const progress = progressLine();
    const state: ExportState = {
      status: 'running',
      what: 'the CTA queue (CSV)',
      file: 'queue.csv',
      target: 'download',
      progress,
    };
    let viewDraws = 0;
    // The view holding the export (the CTA queue, the accounts table): drawn once.
    function View() {
      viewDraws++;
      return <ExportStatus state={state} onCancel={() => {}} onDismiss={() => {}} />;
    }
    render(
      <I18nextProvider i18n={initI18n('en')}>
        <View />
      </I18nextProvider>,
    );
    const line = screen.getByTestId('export-progress');
    expect([line.dataset.done, line.dataset.total]).toEqual(['0', '0']);
    // Before the first progress message: no made-up "0 of 0 rows", and no value on the bar.
    expect(line.textContent).toContain('Starting the export of the CTA queue (CSV) to queue.csv');
    expect(line.textContent).not.toMatch(/0 of 0/);
    expect(line.querySelector('progress')!.hasAttribute('value')).toBe(false);
    act(() => progress.set({ phase: 'write', done: 250_000, total: 1_000_000 }));
    expect([line.dataset.done, line.dataset.total]).toEqual(['250000', '1000000']);
    expect(line.textContent).toContain('25% (250,000 of 1,000,000 rows)');
    act(() => progress.set({ phase: 'pack', done: 1_000_000, total: 1_000_000 }));
    expect(line.textContent).toContain('Packing the CTA queue (CSV) into queue.csv');
    expect(viewDraws).toBe(1);
  });
});
