import { expect, test, type Page } from '@playwright/test';
import { generateDemoTable } from '../../src/data/demo/generate';
import { isoToDays, MISSING_BOOL, type Column } from '../../src/table/columns';
import { shotPath } from './shots';
import {
  gotoApp,
  openProject,
  openView,
  readStoredProject,
  waitSaved,
  withoutDemoRun,
} from './helpers';

// Issue 18, points 1 and 2: the journey map shows the last run on its stages. The counts must
// equal the Results stage funnel, and the exit-criteria counts must equal a count made here,
// by hand, over the demo dataset (the same seeded generator the app stores on first run).

const DEMO = { rows: 2000, seed: 42 };
const STAGES = ['onboarding', 'adoption', 'value', 'advocate'];

/** The demo's exit criteria written out by hand (1 met, 0 not met, 2 unknown). */
function criteria(asOf: string): Record<string, Record<string, (i: number) => number>> {
  const t = generateDemoTable(DEMO);
  const num = (id: string) => (t.columns[id] as Extract<Column, { type: 'number' }>).values;
  const bool = (id: string) => (t.columns[id] as Extract<Column, { type: 'boolean' }>).values;
  const b = (id: string) => (i: number) => (bool(id)[i] === MISSING_BOOL ? 2 : bool(id)[i] ? 1 : 0);
  const cmp = (v: (i: number) => number, ok: (x: number) => boolean) => (i: number) =>
    Number.isNaN(v(i)) ? 2 : ok(v(i)) ? 1 : 0;
  const day = isoToDays(asOf);
  return {
    onboarding: {
      ob1: b('kickoff_done'),
      ob2: cmp(
        (i) => num('setup_progress')[i],
        (x) => x >= 80,
      ),
      ob3: b('training_completed'),
    },
    adoption: {
      ad1: cmp(
        (i) => (num('licenses')[i] === 0 ? NaN : num('active_users')[i] / num('licenses')[i]),
        (x) => x >= 0.6,
      ),
      ad2: cmp(
        (i) => num('feature_adoption')[i],
        (x) => x >= 40,
      ),
      ad3: cmp(
        (i) => num('contacts')[i],
        (x) => x > 3,
      ),
    },
    value: {
      va1: cmp(
        (i) => num('outcomes_achieved')[i],
        (x) => x >= 3,
      ),
      va2: cmp(
        (i) => day - num('last_meeting_date')[i],
        (x) => x <= 90,
      ),
    },
    advocate: {
      av1: cmp(
        (i) => num('nps')[i],
        (x) => x >= 9,
      ),
    },
  };
}

/** Per stage: the rows in it (optionally of one segment, by the demo's segment rules). */
function stageRows(segment?: 'enterprise' | 'mid' | 'smb'): Record<string, number[]> {
  const t = generateDemoTable(DEMO);
  const st = t.columns.stage as Extract<Column, { type: 'string' }>;
  const mrr = (t.columns.mrr as Extract<Column, { type: 'number' }>).values;
  const emp = (t.columns.employees as Extract<Column, { type: 'number' }>).values;
  const segOf = (i: number) =>
    mrr[i] >= 500000 || emp[i] >= 1000 ? 'enterprise' : mrr[i] >= 100000 ? 'mid' : 'smb';
  const out: Record<string, number[]> = Object.fromEntries(STAGES.map((s) => [s, []]));
  for (let i = 0; i < t.rowCount; i++)
    if (!segment || segOf(i) === segment) out[st.dict[st.codes[i]]].push(i);
  return out;
}

const count = async (page: Page, testId: string) =>
  Number(await page.getByTestId(testId).getAttribute('data-count'));
const text = async (page: Page, testId: string) =>
  Number((await page.getByTestId(testId).textContent())!.replace(/,/g, ''));

test('the map shows the last run: counts, exit criteria, links, segment, toggle', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'en' });
  // Starts from a demo with no run yet.
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'journey');

  // No run: a plain message and a run button, no numbers.
  await expect(page.getByTestId('live-empty')).toContainText('No run yet');
  await expect(page.locator('.jm-num')).toHaveCount(0);
  await page.getByTestId('live-run').click();
  await expect(page.getByTestId('live-row')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('live-model')).toHaveText(
    'The model has not changed since this run.',
  );
  await waitSaved(page);
  const asOf: string = (await readStoredProject(page, 'demo')).asOf;
  await expect(page.getByTestId('live-run-info')).toContainText(`as of ${asOf}`);

  // The map's numbers per stage.
  const map: Record<string, { count: number; ready: number; stuck: number }> = {};
  for (const s of STAGES)
    map[s] = {
      count: await count(page, `live-${s}-count`),
      ready: await count(page, `live-${s}-ready`),
      stuck: await count(page, `live-${s}-stuck`),
    };

  // Exit criteria against the count made here over the dataset.
  const crit = criteria(asOf);
  const rows = stageRows();
  for (const s of STAGES) {
    expect(map[s].count).toBe(rows[s].length);
    for (const [id, status] of Object.entries(crit[s])) {
      const n = [0, 0, 0];
      for (const i of rows[s]) n[status(i)]++;
      const shown = [
        await count(page, `live-${s}-crit-${id}-not_met`),
        await count(page, `live-${s}-crit-${id}-met`),
        await count(page, `live-${s}-crit-${id}-unknown`),
      ];
      expect(shown, `${s}/${id}`).toEqual(n);
    }
  }
  // The wall: the required criterion most accounts do not meet.
  await expect(page.getByTestId('live-onboarding').locator('.jm-wall')).toHaveCount(1);
  await page.screenshot({ path: shotPath('journey-live-en.png'), fullPage: true });

  // The same run's Results funnel agrees stage by stage.
  await openView(page, 'results');
  await expect(page.getByTestId('stage-funnel')).toBeVisible();
  for (const s of STAGES) {
    expect(await text(page, `funnel-${s}-count`)).toBe(map[s].count);
    expect(await text(page, `funnel-${s}-ready`)).toBe(map[s].ready);
    expect(await text(page, `funnel-${s}-stuck`)).toBe(map[s].stuck);
  }

  // A number opens exactly its accounts.
  await openView(page, 'journey');
  const notMet = await count(page, 'live-onboarding-crit-ob2-not_met');
  expect(notMet).toBeGreaterThan(0);
  await page.getByTestId('live-onboarding-crit-ob2-not_met').click();
  await page.waitForURL(/results\?tab=accounts&/);
  await expect(page.getByTestId('account-filter-text')).toHaveText(
    'stage Onboarding · exit criterion “Setup at least 80% done” not met',
  );
  await expect(page.getByTestId('account-count')).toHaveText(`${notMet} accounts`);
  const ids = await page.getByTestId('account-row').locator('a').allTextContents();
  expect(ids.length).toBeGreaterThan(0);
  const t = generateDemoTable(DEMO);
  const idCol = t.columns.account_id as Extract<Column, { type: 'string' }>;
  for (const id of ids) {
    const i = idCol.codes.findIndex((c) => idCol.dict[c] === id);
    expect(rows.onboarding).toContain(i);
    expect(crit.onboarding.ob2(i)).toBe(0);
  }
  await page.screenshot({ path: shotPath('journey-live-filtered.png') });
  // Back returns to the map; a reload keeps the filtered list.
  await page.goBack();
  await expect(page.getByTestId('live-row')).toBeVisible();
  await page.getByTestId('live-value-stuck').click();
  await page.waitForURL(/results\?tab=accounts&/);
  await page.reload();
  await expect(page.getByTestId('account-count')).toHaveText(
    `${map.value.stuck} ${map.value.stuck === 1 ? 'account' : 'accounts'}`,
    { timeout: 30_000 },
  );
  await page.getByTestId('account-filter-clear').click();
  await expect(page.getByTestId('account-count')).toHaveText('2,000 accounts');

  // The segment picker: only SMB accounts, counted here by the demo's segment rules.
  await openView(page, 'journey');
  await page.getByTestId('live-segment').selectOption('smb');
  const smb = stageRows('smb');
  for (const s of STAGES)
    await expect(page.getByTestId(`live-${s}-count`)).toHaveAttribute(
      'data-count',
      String(smb[s].length),
    );
  expect(smb.onboarding.length).toBeLessThan(rows.onboarding.length);
  for (const [id, status] of Object.entries(crit.adoption)) {
    const n = [0, 0, 0];
    for (const i of smb.adoption) n[status(i)]++;
    expect(await count(page, `live-adoption-crit-${id}-met`)).toBe(n[1]);
  }
  // A number under a segment opens that segment's accounts only.
  await page.getByTestId('live-adoption-count').click();
  await page.waitForURL(/results\?tab=accounts&/);
  await expect(page.getByTestId('filter-stage')).toHaveValue('adoption');
  await expect(page.getByTestId('filter-segment')).toHaveValue('smb');
  await expect(page.getByTestId('account-count')).toHaveText(`${smb.adoption.length} accounts`);
  await page.goBack();

  // The toggle hides the live layer (and the choice survives a reload).
  await expect(page.getByTestId('live-segment')).toHaveValue('smb');
  await page.getByTestId('live-toggle').uncheck();
  await expect(page.getByTestId('live-row')).toHaveCount(0);
  await expect(page.locator('.jm-num')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('live-toggle')).not.toBeChecked({ timeout: 30_000 });
  await expect(page.getByTestId('live-row')).toHaveCount(0);
  await page.getByTestId('live-toggle').check();
  await expect(page.getByTestId('live-row')).toBeVisible();

  // The model changes: the map says so (the numbers stay those of the run).
  const before = await count(page, 'live-onboarding-count');
  await page.getByRole('spinbutton', { name: 'Expected days in Onboarding' }).fill('30');
  await expect(page.getByTestId('stale-model')).toContainText('1 stage');
  expect(await count(page, 'live-onboarding-count')).toBe(before);
  // Behind/stuck were judged against the run's 60 days: that is what the cell still says.
  await expect(page.getByTestId('live-onboarding-days')).toContainText('expected 60 d');
});

test('screenshots: ja and en, 4 and 15 stages', async ({ page }) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'ja' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'journey');
  await page.getByTestId('live-run').click();
  await expect(page.getByTestId('live-row')).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: shotPath('journey-live-ja.png'), fullPage: true });
  for (let k = 5; k <= 15; k++)
    await page.getByRole('button', { name: '+ ステージを追加' }).first().click();
  await expect(page.locator('.jm-stage-head')).toHaveCount(15);
  await page.screenshot({ path: shotPath('journey-live-15-ja.png') });
  await expect(page.getByTestId('stale-model')).toBeVisible();
  await openView(page, 'results');
  await openView(page, 'journey');
  await expect(page.getByTestId('live-row')).toBeVisible();
  await page.getByTestId('live-advocate').scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('journey-live-15-ja-scrolled.png') });
});

test('experience on the map: designed feelings, measured NPS per stage, persona card', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'en' });
  // Starts from a demo with no run yet.
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'journey');

  // Designed feelings, entered on the map, one per moment of truth.
  const feelings: [string, number, string][] = [
    ['onboarding', 0, '1'],
    ['onboarding', 1, '-1'],
    ['adoption', 0, '-2'],
    ['adoption', 1, '0'],
    ['value', 0, '2'],
    ['advocate', 0, '1'],
  ];
  for (const [s, k, v] of feelings) await page.getByTestId(`feeling-${s}-${k}`).selectOption(v);
  await expect(page.locator('.jm-emo-pt')).toHaveCount(6);
  // The curve runs through every stage: at least one segment per column.
  for (const s of STAGES)
    expect(
      await page.getByTestId(`emotion-${s}`).locator('.jm-emo-designed').count(),
    ).toBeGreaterThan(0);
  await waitSaved(page);
  let stored = await readStoredProject(page, 'demo');
  expect(stored.journey.stages[1].momentsOfTruth[0].feeling).toBe(-2);
  expect(stored.journey.stages[0].momentsOfTruth[1].feeling).toBe(-1);

  // No run yet: no measured values, even with a field chosen.
  await page.getByTestId('experience-field').selectOption('nps');
  await expect(page.locator('.jm-emo-measured-pt')).toHaveCount(0);
  await page.getByTestId('live-run').click();
  await expect(page.getByTestId('live-row')).toBeVisible({ timeout: 30_000 });

  // The measured mean per stage with its n, against a count made here.
  const t = generateDemoTable(DEMO);
  const nps = (t.columns.nps as Extract<Column, { type: 'number' }>).values;
  const rows = stageRows();
  for (const s of STAGES) {
    const v = rows[s].map((i) => nps[i]).filter((x) => !Number.isNaN(x));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    await expect(page.getByTestId(`emotion-${s}-mean`)).toHaveText(
      `NPS (0–10) ${mean.toFixed(1)} (n=${v.length.toLocaleString('en-US')})`,
    );
  }
  await expect(page.locator('.jm-emo-measured-pt')).toHaveCount(4);

  // The persona card links the map to a segment: the live layer follows it.
  await page.getByTestId('persona-add').click();
  await page.getByTestId('persona-name').fill('IT manager at a 50-person company');
  await page.getByTestId('persona-description').fill('Wants the team selling, not typing.');
  await page.getByTestId('persona-segment').selectOption('smb');
  await expect(page.getByTestId('live-segment')).toHaveValue('smb');
  const smb = stageRows('smb');
  await expect(page.getByTestId('live-onboarding-count')).toHaveAttribute(
    'data-count',
    String(smb.onboarding.length),
  );
  await waitSaved(page);
  stored = await readStoredProject(page, 'demo');
  expect(stored.journey.persona).toEqual({
    name: 'IT manager at a 50-person company',
    description: 'Wants the team selling, not typing.',
    segment: 'smb',
  });
  expect(stored.journey.experienceField).toBe('nps');
  // A fresh session opens the map on the persona's segment.
  await page.reload();
  await expect(page.getByTestId('live-segment')).toHaveValue('smb', { timeout: 30_000 });
  await page.screenshot({ path: shotPath('journey-experience-en.png') });
  await page.getByTestId('emotion-row').screenshot({ path: shotPath('journey-emotion-en.png') });

  await page.getByTestId('lang-switch').selectOption('ja');
  await expect(page.getByTestId('emotion-onboarding-mean')).toContainText('NPS');
  await page.screenshot({ path: shotPath('journey-experience-ja.png') });
});
