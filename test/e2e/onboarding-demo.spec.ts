import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import { waitReady, type Lang } from './helpers';

// Issue 19, points 1 and 2: a new user opens the app and lands on the demo's Results dashboard,
// whose numbers are those of a run stored at first start (in the scoring worker, like any run),
// with the demo's texts in the UI language, and screens that say one run has no trend yet.

interface StoredRun {
  id: string;
  projectId: string;
  asOf: string;
  rowCount: number;
  summary: { summary: { byColor: { color: string; count: number }[]; rowCount: number } };
}

/** The stored runs of the page's database. */
function storedRuns(page: Page): Promise<StoredRun[]> {
  return page.evaluate(
    () =>
      new Promise<StoredRun[]>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const q = open.result.transaction('runs').objectStore('runs').getAll();
          q.onsuccess = () => {
            open.result.close();
            resolve(q.result as StoredRun[]);
          };
          q.onerror = () => reject(q.error);
        };
      }),
  );
}

/** First start at the bare address, with the browser's language set to `lang`. */
async function firstStart(page: Page, lang: Lang) {
  await page.addInitScript((l) => {
    if (!sessionStorage.getItem('waymark.e2e.lang')) {
      sessionStorage.setItem('waymark.e2e.lang', '1');
      localStorage.setItem('waymark.lang', l);
    }
  }, lang);
  await page.goto('/');
  await waitReady(page);
  await page.waitForURL(/#\/p\/demo\/results/);
  await expect(page.getByTestId('dashboard')).toBeVisible({ timeout: 40_000 });
}

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));

for (const lang of ['en', 'ja'] as const) {
  test(`first start (${lang}): the demo opens on a dashboard of its stored first run`, async ({
    page,
  }) => {
    await firstStart(page, lang);
    const runs = await storedRuns(page);
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run.projectId).toBe('demo');
    expect(run.rowCount).toBe(2000);
    // Every colour count on the dashboard is the stored run's.
    const byColor = run.summary.summary.byColor;
    expect(byColor.reduce((a, c) => a + c.count, 0)).toBe(2000);
    for (const c of byColor.filter((x) => x.color))
      expect(num(await page.getByTestId(`color-count-${c.color}`).textContent()), c.color).toBe(
        c.count,
      );
    await expect(page.getByTestId('kpi-accounts')).toHaveText('2,000');
    // One run: the run line says there is nothing to compare with yet.
    const info = page.getByTestId('run-info');
    await expect(info).toContainText(
      lang === 'en' ? 'First run: the next run will show trends' : '初回',
    );
    await expect(page.getByTestId('run-model')).toContainText('demo-accounts.csv');
    // Texts in the UI language only: stage and band names, not "日本語 / English".
    const dash = page.getByTestId('dashboard');
    await expect(dash).not.toContainText(' / Onboarding');
    await expect(page.getByTestId('stage-funnel')).toContainText(
      lang === 'en' ? 'Onboarding' : 'オンボーディング',
    );
    await page.screenshot({
      path: shotPath(`onboarding-demo-dashboard-${lang}.png`),
      fullPage: true,
    });

    // The history tab is honest about a single run.
    await page.getByTestId('tab-history').click();
    await page.screenshot({
      path: shotPath(`onboarding-demo-history-${lang}.png`),
      fullPage: true,
    });

    // Reload: the same stored run, not a new one.
    await page.reload();
    await waitReady(page);
    await expect(page.getByTestId('project-name')).toBeVisible();
    expect(await storedRuns(page)).toHaveLength(1);
  });
}

test('the demo project in Japanese: journey, health and PReP boxes in Japanese only', async ({
  page,
}) => {
  await firstStart(page, 'ja');
  for (const view of ['journey', 'health', 'ctas', 'diagrams'] as const) {
    await page.getByTestId(`nav-${view}`).click();
    const v = page.getByTestId(`view-${view}`);
    await expect(v).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: shotPath(`onboarding-demo-${view}-ja.png`), fullPage: true });
    await expect(v).not.toContainText(/Onboarding|Enterprise|Customer request list|Champion left/);
  }
});
