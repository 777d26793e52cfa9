// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { playbookFromProject } from '../../model';
import { validatePlaybook } from '../../playbook/validate';
import { projectStore } from '../../store/projectStore';
import { openForTest, templateProject } from '../testing/testProject';
import PlaybookActions from './PlaybookActions';

vi.mock('../data/useActiveDataset', () => ({ useActiveDataset: () => null }));
const downloads: { text: string; name: string }[] = [];
vi.mock('../common/download', async (orig) => ({
  ...(await orig<typeof import('../common/download')>()),
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
}));

// jsdom's Blob has no text(); the browser's does.
if (!Blob.prototype.text) {
  Blob.prototype.text = function text(this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(String(r.result));
      r.onerror = () => reject(r.error);
      r.readAsText(this);
    });
  };
}

function pick(name: string) {
  const content = readFileSync(`test/fixtures/editors/${name}`, 'utf8');
  const input = screen.getByTestId('import-playbook-input') as HTMLInputElement;
  fireEvent.change(input, {
    target: { files: [new File([content], name, { type: 'application/json' })] },
  });
}

describe('PlaybookActions', () => {
  beforeEach(() => {
    openForTest(templateProject('demo'));
    downloads.length = 0;
  });
  afterEach(cleanup);

  it('exports the project’s playbook as a download that validates', () => {
    render(<PlaybookActions />);
    fireEvent.click(screen.getByTestId('export-playbook'));
    expect(downloads).toHaveLength(1);
    // The file is named after the project (the demo in the test's UI language); ':' is not
    // allowed in file names.
    expect(downloads[0].name).toBe(
      `${projectStore.current!.meta.name.replace(/:/g, '_')}.playbook.json`,
    );
    expect(downloads[0].name).toMatch(
      /^(Demo_ SaaS customer success|デモ_ SaaS カスタマーサクセス)\.playbook\.json$/,
    );
    const pb = JSON.parse(downloads[0].text);
    expect(pb).toEqual(JSON.parse(JSON.stringify(playbookFromProject(projectStore.current!))));
    expect(validatePlaybook(pb)).toEqual([]);
  });

  it('writes the project’s as-of date into the exported playbook (issue 14 point 1)', () => {
    act(() => {
      projectStore.edit('as of', (d) => {
        d.asOf = '2026-11-01';
      });
    });
    render(<PlaybookActions />);
    fireEvent.click(screen.getByTestId('export-playbook'));
    // Read from the file itself, not compared with playbookFromProject (which could drop it too).
    expect(JSON.parse(downloads[0].text).asOf).toBe('2026-11-01');
  });

  for (const [file, paths] of [
    ['import-not-json.json', ['$']],
    ['import-wrong-format.json', ['$.format']],
    ['import-bad-schema.playbook.json', ['$.health.measures[0].weight', '$.health.bands']],
    ['import-bad-refs.playbook.json', ['$.ctas[1].stages[0]', '$.ctas[0].trigger']],
  ] as const) {
    it(`refuses ${file}, listing problems by JSON path, and changes nothing`, async () => {
      const before = projectStore.current;
      render(<PlaybookActions />);
      pick(file);
      const dialog = await screen.findByTestId('playbook-import-errors');
      const items = screen
        .getAllByTestId('playbook-issue')
        .map((li) => li.querySelector('code')!.textContent);
      expect(items).toEqual(paths);
      expect(dialog).toHaveTextContent('Nothing was changed');
      expect(projectStore.current).toBe(before);
      expect(projectStore.canUndo).toBe(false);
    });
  }

  it('lists the problems in Japanese when the UI is in Japanese', async () => {
    openForTest(templateProject('demo'), 'ja');
    render(<PlaybookActions />);
    pick('import-bad-refs.playbook.json');
    await screen.findByTestId('playbook-import-errors');
    expect(screen.getAllByTestId('playbook-issue')[0]).toHaveTextContent(
      '$.ctas[1].stages[0] 不明なステージ "no_such_stage"',
    );
    expect(screen.getByTestId('playbook-import-errors')).toHaveTextContent('何も変更していません');
  });

  it('imports a valid playbook as one undo step, keeping the lanes of stages with the same id', async () => {
    const lanesBefore = projectStore.current!.journey.stages.find(
      (s) => s.id === 'onboarding',
    )!.momentsOfTruth;
    render(<PlaybookActions />);
    pick('import-good.playbook.json');
    await waitFor(() => expect(projectStore.current!.journey.stages).toHaveLength(2));
    const p = projectStore.current!;
    const onboarding = p.journey.stages.find((s) => s.id === 'onboarding')!;
    expect(onboarding.momentsOfTruth).toEqual(lanesBefore);
    expect(onboarding.expectedDays).toBe(45);
    expect(p.ctas.map((c) => c.id)).toEqual([
      'renewal_6m',
      'champion_left',
      'quota_80',
      'setup_stalled',
    ]);
    expect(p.journey.stageSource).toEqual({ kind: 'inferred' });
    expect(p.diagrams).toHaveLength(1);
    act(() => projectStore.undo());
    expect(projectStore.current!.journey.stages).toHaveLength(4);
    expect(projectStore.canUndo).toBe(false);
  });
});

describe('templates of the editors issue', () => {
  for (const name of ['dear-starter', 'saas-4-stage', 'onboarding-2-stage']) {
    it(`${name} is a valid project whose playbook has no issues`, () => {
      const p = templateProject(name);
      expect(validatePlaybook(playbookFromProject(p))).toEqual([]);
      const pb = playbookFromProject(p);
      const ids = pb.ctas.map((c) => c.trigger);
      // Drawn from the domain brief: six months before renewal, champion left, quota over 80%.
      expect(ids).toEqual(
        expect.arrayContaining([
          'days_until(renewal_date) <= 180 and days_until(renewal_date) > 150',
          'champion_left',
          'quota_usage > 80',
        ]),
      );
      expect(pb.stages.every((s) => s.exitCriteria.length > 0)).toBe(true);
    });
  }
});
