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

describe('what cannot be stored is said', () => {
  it('a stored copy from a newer Waymark: named as such, never dismissed, with both exports', () => {
    projectStore.load(emptyProject('Mine'));
    render(<ConflictDialogs />);
    act(() =>
      saveStatus.set({
        state: 'unreadable',
        theirRev: 7,
        theirRaw: { schemaVersion: 3 },
        newerVersion: 3,
      }),
    );
    const dialog = screen.getByTestId('unreadable-dialog');
    expect(screen.getByTestId('unreadable-body')).toHaveTextContent(
      'stored “Mine” as document version 3; this tab understands version 1. It will not overwrite that copy.',
    );
    expect(screen.getByTestId('unreadable-export-theirs')).toBeInTheDocument();
    expect(screen.getByTestId('conflict-export-mine')).toBeInTheDocument();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.getByTestId('unreadable-dialog')).toBeInTheDocument();
    act(() =>
      saveStatus.set({ state: 'unreadable', theirRev: 8, theirRaw: {}, newerVersion: null }),
    );
    expect(screen.getByTestId('unreadable-body')).toHaveTextContent(
      'cannot be read by this Waymark',
    );
  });

  it('a journal that could not be written shows a mark and a message until it can', () => {
    projectStore.load(emptyProject('Mine'));
    render(
      <>
        <SaveStatus />
        <MessageArea />
      </>,
    );
    expect(screen.queryByTestId('journal-problem')).toBeNull();
    act(() => saveStatus.setJournalProblem('QuotaExceededError: full'));
    expect(screen.getByTestId('journal-problem')).toBeInTheDocument();
    const emergency = () =>
      screen
        .queryAllByTestId('message-error')
        .filter((m) => m.textContent?.includes('emergency copy'));
    expect(emergency()).toHaveLength(1);
    expect(emergency()[0]).toHaveTextContent(
      'The emergency copy of your edits could not be written to this browser either (QuotaExceededError: full)',
    );
    act(() => saveStatus.setJournalProblem(null));
    expect(screen.queryByTestId('journal-problem')).toBeNull();
    expect(emergency()).toHaveLength(0);
  });
});
