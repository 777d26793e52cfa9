// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseProjectText } from '../../store/projectFile';
import { projectStore } from '../../store/projectStore';
import { markCta } from '../results/CtaMarks';
import { openForTest, templateProject } from '../testing/testProject';
import { exportProject } from './projectIo';

const downloads: { text: string; name: string }[] = [];
vi.mock('../common/download', async (orig) => ({
  ...(await orig<typeof import('../common/download')>()),
  downloadText: (text: string, name: string) => downloads.push({ text, name }),
}));

const t = (key: string) => key;

// Issue 14 points 1 and 3: the as-of date and the marks on CTA tasks are kept with the project
// and in its export, and come back when the file is imported.
describe('project export', () => {
  beforeEach(() => {
    openForTest(templateProject('demo'));
    downloads.length = 0;
  });

  it('writes the as-of date and every CTA mark (done, snoozed until, dismissed with reason)', () => {
    projectStore.edit('as of', (d) => {
      d.asOf = '2026-11-01';
    });
    const since = '2026-06-01';
    markCta({ accountId: 'AC0000001', dedupeKey: 'champion_left', state: 'done', since }, t);
    markCta(
      { accountId: 'AC0000002', dedupeKey: 'red', state: 'snoozed', since, until: '2026-12-01' },
      t,
    );
    markCta(
      {
        accountId: 'AC0000003',
        dedupeKey: 'renewal',
        state: 'dismissed',
        since,
        reason: '更新済み / renewal already signed',
      },
      t,
    );
    exportProject(projectStore.current!);
    expect(downloads).toHaveLength(1);
    const file = JSON.parse(downloads[0].text);
    expect(file.asOf).toBe('2026-11-01');
    const marks = file.ctaMarks.map(({ markedAt, ...m }: { markedAt: string }) => {
      expect(markedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      return m;
    });
    expect(marks).toEqual([
      { accountId: 'AC0000001', dedupeKey: 'champion_left', state: 'done', since },
      { accountId: 'AC0000002', dedupeKey: 'red', state: 'snoozed', since, until: '2026-12-01' },
      {
        accountId: 'AC0000003',
        dedupeKey: 'renewal',
        state: 'dismissed',
        since,
        reason: '更新済み / renewal already signed',
      },
    ]);
    // Imported again, the project has them all.
    const back = parseProjectText(downloads[0].text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.project.asOf).toBe('2026-11-01');
    expect(back.project.ctaMarks).toEqual(projectStore.current!.ctaMarks);
  });
});
