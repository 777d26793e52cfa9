// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { initI18n } from '../../i18n';

// The project's opening never answers here: what Results needs is asked for meanwhile.
const opened = vi.hoisted(() => [] as string[]);
const listed = vi.hoisted(() => [] as string[]);
vi.mock('../../store/openProject', () => ({
  openProject: (id: string) => {
    opened.push(id);
    return new Promise(() => undefined);
  },
}));
vi.mock('../results/runState', () => ({
  resultsStore: {
    open: (id: string) => {
      listed.push(id);
      return Promise.resolve();
    },
  },
}));
vi.mock('./views', () => ({ VIEW_COMPONENTS: {} }));

const { ProjectWorkspace } = await import('./ProjectWorkspace');
const i18n = initI18n('en');

describe('ProjectWorkspace at start', () => {
  afterEach(() => {
    cleanup();
    opened.length = 0;
    listed.length = 0;
  });
  it("lists Results' stored runs while the project opens", async () => {
    await act(async () => {
      render(
        <I18nextProvider i18n={i18n}>
          <ProjectWorkspace id="p1" view="results" onReady={() => undefined} />
        </I18nextProvider>,
      );
    });
    await vi.waitFor(() => expect(listed).toEqual(['p1']));
    expect(opened).toEqual(['p1']);
  });
  it('lists nothing for another view', async () => {
    await act(async () => {
      render(
        <I18nextProvider i18n={i18n}>
          <ProjectWorkspace id="p2" view="data" onReady={() => undefined} />
        </I18nextProvider>,
      );
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(opened).toEqual(['p2']);
    expect(listed).toEqual([]);
  });
});
