import { execFileSync } from 'node:child_process';
import { shotPath } from './shots';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createProject, gotoApp, openView, readStoredProject, waitSaved } from './helpers';

// Issue 5, point 7: from an empty project, build a four-stage journey with exit criteria, a
// health model and three CTAs; export the playbook; `waymark validate` and `waymark score` run it.

const OUT = join('test-results', 'editors-e2e');

async function addField(page: Page, id: string, type: string, values?: string) {
  await page.getByRole('button', { name: '+ Add field' }).click();
  const fresh = page.locator('.fc-table tbody tr').last().locator('.fc-id input');
  await fresh.fill(id);
  await fresh.press('Enter');
  await expect(page.getByTestId(`field-id-${id}`)).toBeVisible();
  await page.getByRole('combobox', { name: `Type of ${id}`, exact: true }).selectOption(type);
  if (values) {
    const v = page.getByRole('textbox', { name: `Allowed values of ${id}, separated by commas` });
    await v.fill(values);
    await v.press('Enter');
  }
}

async function addStage(page: Page, name: string) {
  await page.getByRole('button', { name: '+ Add stage' }).first().click();
  const label = page.locator('textarea.jm-stage-label').last();
  await expect(label).toBeFocused();
  await label.fill(name);
}

async function addExit(page: Page, stage: string, n: number, label: string, expr: string) {
  await page.getByRole('button', { name: `Add exit criterion to ${stage}` }).click();
  await page.getByRole('textbox', { name: `Exit criterion ${n} of ${stage}` }).fill(label);
  const cond = page.getByRole('combobox', { name: `Condition of exit criterion ${n} of ${stage}` });
  await cond.fill(expr);
  await cond.press('Escape');
}

test('build a journey, health model and CTAs from scratch; the exported playbook runs in the CLI', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Acme success roadmap' });

  // Field contract: what the account data (the demo generator's columns) holds.
  await openView(page, 'fields');
  await addField(page, 'setup_progress', 'number');
  await addField(page, 'kickoff_done', 'boolean');
  await addField(page, 'active_users', 'integer');
  await addField(page, 'licenses', 'integer');
  await addField(page, 'feature_adoption', 'number');
  await addField(page, 'outcomes_achieved', 'integer');
  await addField(page, 'nps', 'integer');
  await addField(page, 'renewal_date', 'date');
  await addField(page, 'champion_left', 'boolean');
  await addField(page, 'quota_usage', 'number');
  await addField(page, 'relationship', 'category', 'strong, normal, weak, unknown');

  // Journey: goal, four stages, exit criteria.
  await openView(page, 'journey');
  await page
    .getByRole('textbox', { name: 'Customer goal (why they bought)' })
    .fill('Raise sales productivity: +20% opportunity conversion in six months');
  for (const s of ['Onboarding', 'Adoption', 'Value', 'Advocate']) await addStage(page, s);
  await expect(page.locator('th.jm-stage-head')).toHaveCount(4);
  await page
    .getByRole('textbox', { name: 'Definition of Onboarding' })
    .fill('Contract signed; environment being set up.');
  await addExit(page, 'Onboarding', 1, 'Kickoff held', 'kickoff_done');
  await addExit(page, 'Onboarding', 2, 'Setup 80% done', 'setup_progress >= 80');
  await addExit(page, 'Adoption', 1, '60% of licences active', 'active_users / licenses >= 0.6');
  await addExit(page, 'Value', 1, 'Three outcomes', 'outcomes_achieved >= 3');

  // Autocomplete: typing part of a field id offers it; Enter accepts.
  await page.getByRole('button', { name: 'Add exit criterion to Advocate' }).click();
  await page.getByRole('textbox', { name: 'Exit criterion 1 of Advocate' }).fill('Promoter');
  const adv = page.getByRole('combobox', { name: 'Condition of exit criterion 1 of Advocate' });
  await adv.pressSequentially('np');
  await expect(page.getByRole('listbox').getByRole('option', { name: /^nps/ })).toBeVisible();
  await adv.press('Enter');
  await expect(adv).toHaveValue('nps');
  // Live error at its position, with a one-click fix from the checker's suggestion.
  await adv.pressSequentially(' >= 9 and championleft');
  await adv.press('Escape');
  const err = page.locator('td').filter({ has: adv }).getByTestId('expr-error');
  await expect(err).toContainText('championleft');
  await expect(err).toContainText(/At \d+–\d+/);
  await err.getByRole('button', { name: /champion_left/ }).click();
  await expect(adv).toHaveValue('nps >= 9 and champion_left');
  await adv.fill('nps >= 9');
  await expect(page.getByTestId('expr-error')).toHaveCount(0);
  await page.screenshot({ path: shotPath('editors-journey-en.png') });

  // Health model: one measure each for deployment, adoption, engagement (category map), experience.
  await openView(page, 'health');
  const addMeasure = async (dim: string, label: string, expr: string) => {
    await page.getByRole('button', { name: `+ Add measure to ${dim}` }).click();
    const card = page.locator(`[data-dimension="${dim.toLowerCase()}"] li.hm-measure`).last();
    await card.getByRole('textbox', { name: 'Measure name' }).fill(label);
    await card.getByRole('combobox', { name: `Raw value expression of ${label}` }).fill(expr);
    await card.getByRole('combobox', { name: `Raw value expression of ${label}` }).press('Escape');
    return card;
  };
  await addMeasure('Deployment', 'Setup progress', 'setup_progress');
  const lic = await addMeasure('Adoption', 'Licence utilisation', 'active_users / licenses');
  await lic.getByRole('textbox', { name: 'Raw value that gives 0 points' }).fill('0.2');
  await lic.getByRole('textbox', { name: 'Raw value that gives 100 points' }).fill('0.9');
  const rel = await addMeasure('Engagement', 'Relationship', 'relationship');
  await rel.getByRole('combobox', { name: 'Normalisation kind' }).selectOption('category');
  await expect(rel.getByRole('textbox', { name: 'Points for weak' })).toBeVisible();
  const nps = await addMeasure('Experience', 'NPS', 'nps');
  await nps.getByRole('combobox', { name: 'Normalisation kind' }).selectOption('tiers');
  await nps.getByRole('textbox', { name: 'Weight of NPS' }).fill('20');
  await expect(page.getByTestId('expr-error')).toHaveCount(0);
  // Weights shown as shares: 10 + 10 + 10 + 20 = 50 → NPS is 40%.
  await expect(page.getByLabel('Share of the total score for NPS')).toHaveText('40.0%');

  // Three CTAs from the domain brief.
  await openView(page, 'ctas');
  const addCta = async (type: string, label: string, trigger: string, owner: string) => {
    await page.getByRole('button', { name: new RegExp(`^\\+ ${type}`) }).click();
    const card = page.locator('li.cta-card').last();
    await card.locator('input.cta-label').fill(label);
    const trig = card.getByRole('combobox', { name: `Trigger of ${label}` });
    await trig.fill(trigger);
    await trig.press('Escape');
    await card.getByRole('combobox', { name: `Owner role of ${label}` }).fill(owner);
  };
  await addCta(
    'Lifecycle',
    'Six months to renewal: book the renewal meeting',
    'days_until(renewal_date) <= 180 and days_until(renewal_date) > 150',
    'CS Ops',
  );
  await addCta('Risk', 'Champion left', 'champion_left', 'CS high-touch');
  await addCta('Expansion', 'Quota over 80%: offer more', 'quota_usage > 80', 'Inside sales');
  await expect(page.locator('li.cta-card')).toHaveCount(3);
  await expect(page.getByTestId('expr-error')).toHaveCount(0);

  // The journey's CTA lane shows them (they apply to every stage).
  await openView(page, 'journey');
  await expect(page.locator('tr.jm-lane-ctas td').first().locator('li')).toHaveCount(3);

  await waitSaved(page);
  const doc = await readStoredProject(page, id);
  expect(doc.journey.stages.map((s: { label: string }) => s.label)).toEqual([
    'Onboarding',
    'Adoption',
    'Value',
    'Advocate',
  ]);
  expect(doc.ctas).toHaveLength(3);
  expect(doc.health.measures).toHaveLength(4);

  // Export the playbook and run it as CS Ops would.
  mkdirSync(OUT, { recursive: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-playbook').click(),
  ]);
  expect(download.suggestedFilename()).toBe('Acme success roadmap.playbook.json');
  const file = join(OUT, 'acme.playbook.json');
  await download.saveAs(file);
  const pb = JSON.parse(readFileSync(file, 'utf8'));
  expect(pb.format).toBe('waymark-playbook');
  // New stages took their ids from their names.
  expect(pb.stages.map((s: { id: string }) => s.id)).toEqual([
    'onboarding',
    'adoption',
    'value',
    'advocate',
  ]);

  const csv = join(OUT, 'demo.csv');
  execFileSync('node', ['bin/demo-data.mjs', '--rows', '300', '--seed', '7', '--out', csv], {
    stdio: 'pipe',
  });
  const validate = execFileSync('node', ['bin/waymark.mjs', 'validate', file], {
    encoding: 'utf8',
    stdio: 'pipe',
  });
  expect(validate).toMatch(/valid|ok/i);
  const scored = execFileSync(
    'node',
    ['bin/waymark.mjs', 'score', file, csv, '--as-of', '2026-11-23', '--format', 'json'],
    { encoding: 'utf8', stdio: 'pipe', maxBuffer: 64 << 20 },
  );
  const rows = JSON.parse(scored);
  const list = Array.isArray(rows) ? rows : (rows.accounts ?? rows.rows);
  expect(list).toHaveLength(300);
});

test('stages reorder by drag and by keyboard, cells navigate with arrow keys', async ({ page }) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Reorder', template: 'demo' });
  await openView(page, 'journey');
  const heads = page.locator('th.jm-stage-head textarea.jm-stage-label');
  await expect(heads).toHaveCount(4);
  const first = await heads.nth(0).inputValue();
  const last = await heads.nth(3).inputValue();
  await page.locator('th.jm-stage-head').nth(3).dragTo(page.locator('th.jm-stage-head').nth(0));
  await expect(heads.nth(0)).toHaveValue(last);
  await expect(heads.nth(1)).toHaveValue(first);
  await page.getByTestId('undo').click();
  await expect(heads.nth(0)).toHaveValue(first);
  await page.getByRole('button', { name: `Move “${first}” right` }).click();
  await expect(heads.nth(1)).toHaveValue(first);

  // Arrow keys between cells; Enter edits inside; Escape returns to the cell.
  const cell = page.locator('[data-cell="0:0"]');
  await cell.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-cell="0:1"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-cell="1:1"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('[data-cell="1:3"]')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-cell="1:3"] textarea').first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-cell="1:3"]')).toBeFocused();
});
