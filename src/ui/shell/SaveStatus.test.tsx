// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emptyProject } from '../../model';
import { initI18n, setLanguage } from '../../i18n';
import { projectStore } from '../../store/projectStore';
import { saveStatus } from '../../store/saveStatus';
import { MessageArea } from '../common';
import { ConflictDialogs } from './ConflictDialogs';
import { SaveStatus } from './SaveStatus';

beforeAll(() => {
  initI18n('en');
});
afterEach(() => {
  cleanup();
  act(() => saveStatus.set({ state: 'saved' }));
  setLanguage('en');
});

describe('save status', () => {
  it('shows saved, saving and a located storage error with what to do', () => {
    projectStore.load(emptyProject('Mine'));
    render(
      <>
        <SaveStatus />
        <MessageArea />
      </>,
    );
    const status = screen.getByTestId('save-status');
    expect(status).toHaveTextContent('Saved');
    act(() => saveStatus.set({ state: 'saving' }));
    expect(status).toHaveAttribute('data-state', 'saving');
    act(() =>
      saveStatus.set({ state: 'error', problem: { kind: 'quota', detail: 'QuotaExceededError' } }),
    );
    expect(status).toHaveTextContent('Could not save: browser storage is full');
    expect(screen.getByTestId('save-export')).toBeInTheDocument();
    expect(screen.getByTestId('message-error')).toHaveTextContent(
      'Export the project to a file now',
    );
    act(() => saveStatus.set({ state: 'saved' }));
    expect(screen.queryByTestId('message-error')).toBeNull();
  });

  it('speaks Japanese when the UI does', () => {
    act(() => setLanguage('ja'));
    projectStore.load(emptyProject('Mine'));
    render(<SaveStatus />);
    act(() => saveStatus.set({ state: 'error', problem: { kind: 'connection', detail: 'lost' } }));
    expect(screen.getByTestId('save-status')).toHaveTextContent(
      '保存できませんでした: ブラウザーのデータベースとの接続が切れました',
    );
  });
});

describe('conflict dialog', () => {
  it('names both versions and cannot be dismissed with Escape', () => {
    projectStore.load(emptyProject('Mine'));
    const theirs = { ...emptyProject('Theirs') };
    render(<ConflictDialogs />);
    expect(screen.queryByTestId('conflict-dialog')).toBeNull();
    act(() => saveStatus.set({ state: 'conflict', theirs, theirRev: 4 }));
    const dialog = screen.getByTestId('conflict-dialog');
    expect(screen.getByTestId('conflict-mine-name')).toHaveTextContent('Mine');
    expect(screen.getByTestId('conflict-theirs-name')).toHaveTextContent('Theirs');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.getByTestId('conflict-dialog')).toBeInTheDocument();
  });
});
