import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import {
  gotoApp,
  openProject,
  openView,
  readStoredProject,
  waitSaved,
  withoutDemoRun,
} from './helpers';
import { pdfPageTexts } from './pdfText';

// Issue 18, points 3–5: the map's cells are the playbook's own objects (a CTA added in a stage
// cell is a real CTA scoped to the stage and fires in the next run), the model overview and
// CTA table, and a 15-stage map printed to PDF names its stages on every page.

/** The newest stored run of a project, read straight from IndexedDB: CTA ids, stage per account. */
async function newestRun(page: Page, projectId: string) {
  return page.evaluate(
    (pid) =>
      new Promise<{
        ctaIds: string[];
        stageIds: string[];
        stage: number[];
        total: number[];
        fired: number[][];
      }>((resolve, reject) => {
        const open = indexedDB.open('waymark');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction(['runs', 'runColumns'], 'readonly');
          const all = tx.objectStore('runs').getAll();
          all.onsuccess = () => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const runs = (all.result as any[]).filter((r) => r.projectId === pid);
            runs.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
            const run = runs[runs.length - 1];
            const cols = tx.objectStore('runColumns').index('owner').getAll(run.id);
            cols.onsuccess = () => {
              // Run format 2 (docs/history-format.md): one record per column piece, decoded
              // here independently of the app's runCodec.ts.
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              const byName = new Map((cols.result as any[]).map((c) => [c.name, c.data]));
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              const decode = (c: any): number[] =>
                Array.from({ length: c.n }, (_, i) => {
                  switch (c.enc) {
                    case 'const':
                      return c.value;
                    case 'bits':
                      return (c.data[i >> 3] >> (i & 7)) & 1;
                    case 'intnan':
                      return c.data[i] === c.nan ? NaN : c.data[i];
                    case 'dict':
                      return c.dict[c.data[i]];
                    default:
                      return c.data[i];
                  }
                });
              const col = (name: string) => decode(byName.get(`${name}#0`));
              const h = run.summary;
              resolve({
                ctaIds: h.ctas.map((c: { id: string }) => c.id),
                stageIds: h.stageIds,
                stage: col('stage'),
                total: col('total'),
                fired: h.ctas.map((_: unknown, k: number) => col(`cta.${k}`)),
              });
              idb.close();
            };
          };
        };
      }),
    projectId,
  );
}

async function runDemo(page: Page, asOf: string) {
  await openView(page, 'results');
  await page.getByTestId('run-asof').fill(asOf);
  await page.getByTestId('run-playbook').click();
  await expect(page.getByTestId('run-info')).toContainText(`as of ${asOf}`, { timeout: 60_000 });
}

test('a CTA added in a stage cell is a real CTA scoped to the stage and fires in the next run', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'en' });
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'journey');
  const adoption = 'Adoption';
  // The map's CTA row lists the playbook's CTAs: the onboarding-only one is in onboarding only.
  const ctaCell = (stage: string) => page.getByRole('cell', { name: `CTAs — ${stage}` });
  await expect(ctaCell('Onboarding').getByRole('button', { name: /Onboarding stuck/ })).toHaveCount(
    1,
  );
  await expect(ctaCell(adoption).getByRole('button', { name: /Onboarding stuck/ })).toHaveCount(0);

  await page.getByRole('button', { name: `Add a CTA for ${adoption}` }).click();
  // The CTA editor opens on the new CTA, prefilled and scoped to the stage.
  await page.waitForURL(/#\/p\/demo\/ctas$/);
  const label = `New CTA for ${adoption}`;
  await expect(page.getByTestId('cta-focus-note')).toContainText(label);
  const card = page.locator('.cta-card.cta-focused');
  await expect(card).toHaveCount(1);
  await expect(card.locator('input.cta-label')).toHaveValue(label);
  await expect(card.getByRole('checkbox', { name: adoption, exact: true })).toBeChecked();
  await expect(card.getByRole('checkbox', { name: 'Onboarding', exact: true })).not.toBeChecked();
  const id = (await card.getAttribute('data-cta'))!;
  await page.screenshot({ path: shotPath('journey-cells-cta-editor.png') });

  // The user says when it fires: any scored account. "Other" keeps it apart in the queue.
  await card.getByRole('combobox', { name: `Type of ${label}` }).selectOption('other');
  const trigger = card.getByRole('combobox', { name: `Trigger of ${label}` });
  await trigger.fill('score >= 0');
  await trigger.press('Escape');
  await waitSaved(page);
  const stored = (await readStoredProject(page, 'demo')).ctas.find(
    (c: { id: string }) => c.id === id,
  );
  expect(stored).toMatchObject({ stages: ['adoption'], trigger: 'score >= 0', type: 'other' });

  // Back on the map, the adoption cell shows it and opens it; other stages do not list it.
  await openView(page, 'journey');
  await expect(ctaCell(adoption).getByRole('button', { name: new RegExp(label) })).toBeVisible();
  await expect(ctaCell('Value').getByRole('button', { name: new RegExp(label) })).toHaveCount(0);

  // Run: it fires for exactly the scored accounts of the adoption stage (counted from the run).
  await runDemo(page, '2026-11-01');
  await page.getByTestId('tab-ctas').click();
  await page.getByTestId('queue-type').selectOption('other');
  const run = await newestRun(page, 'demo');
  const k = run.ctaIds.indexOf(id);
  expect(k).toBeGreaterThanOrEqual(0);
  const ad = run.stageIds.indexOf('adoption');
  let expected = 0;
  let firedOutside = 0;
  let fired = 0;
  for (let i = 0; i < run.stage.length; i++) {
    if (run.stage[i] === ad && !Number.isNaN(run.total[i])) expected++;
    if (run.fired[k][i]) {
      fired++;
      if (run.stage[i] !== ad) firedOutside++;
    }
  }
  expect(expected).toBeGreaterThan(0);
  expect(firedOutside).toBe(0);
  expect(fired).toBe(expected);
  await expect(page.getByTestId('queue-count')).toContainText(expected.toLocaleString('en'));
  await expect(page.getByTestId('queue-row').first()).toContainText(label);

  // The CTA table shows the same count for it.
  await openView(page, 'overview');
  const row = page.getByTestId('ov-cta-table').locator(`tr[data-cta="${id}"]`);
  await expect(row.getByTestId('ov-fired')).toHaveText(expected.toLocaleString('en'));
  await expect(row).toContainText(adoption);
});

test('the overview shows the demo health model and every CTA with its last run count', async ({
  page,
}) => {
  test.setTimeout(120_000);
  for (const lang of ['ja', 'en'] as const) {
    if (lang === 'ja') {
      await gotoApp(page, { lang });
      // Starts from a demo with no run yet.
      await withoutDemoRun(page);
    } else {
      await page.evaluate(() => localStorage.setItem('waymark.lang', 'en'));
      await page.reload();
    }
    await openProject(page, 'demo', 'overview');
    const project = await readStoredProject(page, 'demo');
    const measures = page.getByTestId('ov-measures');
    for (const m of project.health.measures) {
      await expect(measures.locator(`tr[data-measure="${m.id}"]`)).toContainText(m.label);
    }
    for (const d of project.health.dimensions) {
      await expect(measures.locator(`tr[data-dimension="${d.id}"]`)).toContainText(d.label);
    }
    for (const b of project.health.bands)
      await expect(page.getByTestId('ov-bands')).toContainText(b.label);
    const table = page.getByTestId('ov-cta-table');
    await expect(table.locator('tbody tr')).toHaveCount(project.ctas.length);
    for (const c of project.ctas)
      await expect(table.locator(`tr[data-cta="${c.id}"]`)).toContainText(c.label);
    if (lang === 'en') {
      await runDemo(page, '2026-11-01');
      await openView(page, 'overview');
      const run = await newestRun(page, 'demo');
      for (const c of project.ctas) {
        const n = run.fired[run.ctaIds.indexOf(c.id)].reduce((a, b) => a + b, 0);
        await expect(table.locator(`tr[data-cta="${c.id}"]`).getByTestId('ov-fired')).toHaveText(
          n.toLocaleString('en'),
        );
      }
      await expect(page.getByTestId('ov-run')).toContainText('as of 2026-11-01');
    } else {
      await expect(page.getByTestId('ov-fired').first()).toHaveText('未実行');
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: shotPath(`overview-${lang}.png`) });
  }
});

test('a 15-stage map prints to PDF with its stage names on every page and scrolls in one area', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'en' });
  await openProject(page, 'demo', 'journey');
  for (let n = 5; n <= 15; n++) {
    await page.getByRole('button', { name: '+ Add stage' }).first().click();
    const label = page.locator('textarea.jm-stage-label').last();
    await expect(label).toBeFocused();
    await label.fill(`Step ${n} — a long stage name`);
  }
  await expect(page.locator('th.jm-stage-head')).toHaveCount(15);
  await waitSaved(page);
  const stages: { label: string }[] = (await readStoredProject(page, 'demo')).journey.stages;

  // Laptop screens: one scroll area (the grid's); the page itself does not scroll, so no row
  // hides behind a second scrollbar; the stage header row and lane column stay in view.
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    const m = await page.evaluate(() => {
      const view = document.querySelector('main.view') as HTMLElement;
      const grid = document.querySelector('.jm-scroll') as HTMLElement;
      grid.scrollTop = grid.scrollHeight;
      grid.scrollLeft = grid.scrollWidth;
      const head = document.querySelector('.jm-grid thead th:nth-child(15)') as HTMLElement;
      const lane = document.querySelector('.jm-grid tbody tr:last-child th') as HTMLElement;
      const label = lane.querySelector('.jm-lane-label') as HTMLElement;
      const thead = document.querySelector('.jm-grid thead') as HTMLElement;
      const g = grid.getBoundingClientRect();
      const h = head.getBoundingClientRect();
      const l = lane.getBoundingClientRect();
      return {
        viewScrolls: view.scrollHeight > view.clientHeight + 1,
        gridHeight: g.height,
        windowHeight: window.innerHeight,
        headerAtTop: Math.abs(h.top - g.top) < 3,
        laneAtLeft: Math.abs(l.left - g.left) < 3,
        gridBottom: g.bottom,
        // The bottom row's lane label stays in view below the stage header row.
        labelShown:
          label.getBoundingClientRect().top >= thead.getBoundingClientRect().bottom - 1 &&
          label.getBoundingClientRect().bottom <= g.bottom,
      };
    });
    expect(m.viewScrolls).toBe(false);
    expect(m.gridBottom).toBeLessThanOrEqual(m.windowHeight);
    expect(m.gridHeight).toBeGreaterThan(height * 0.45);
    expect(m.headerAtTop).toBe(true);
    expect(m.laneAtLeft).toBe(true);
    expect(m.labelShown).toBe(true);
    await page.screenshot({ path: shotPath(`journey-15-stages-${width}.png`) });
  }

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const pages = await pdfPageTexts(new Uint8Array(pdf));
  expect(pages.length).toBeGreaterThanOrEqual(3);
  // Every page names the stages printed on it (its group's whole header row) and the range.
  const groups = [stages.slice(0, 5), stages.slice(5, 10), stages.slice(10, 15)];
  // pdf.js gives CJK text glyph by glyph, some as compatibility forms (⽤ for 用): NFKC.
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  for (const [i, text] of pages.entries()) {
    const g = groups.findIndex((grp) => grp.every((s) => norm(text).includes(norm(s.label))));
    expect(
      g,
      `page ${i + 1} names no whole stage group: ${text.slice(0, 300)}`,
    ).toBeGreaterThanOrEqual(0);
    expect(text).toContain(`Stages ${g * 5 + 1}–${g * 5 + 5} of 15`);
  }
  // And every stage group is printed.
  for (const grp of groups)
    expect(pages.some((p) => grp.every((s) => norm(p).includes(norm(s.label))))).toBe(true);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: shotPath('journey-15-stages-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // PNG and SVG exports of the whole map carry every stage name.
  const svgDl = page.waitForEvent('download');
  await page.getByTestId('jm-export-svg').click();
  const svg = await svgDl;
  const svgText = await (await svg.createReadStream()).toArray();
  const svgBody = Buffer.concat(svgText).toString('utf8');
  for (const s of stages) expect(svgBody).toContain(s.label.split(' / ')[0]);
  const pngDl = page.waitForEvent('download');
  await page.getByTestId('jm-export-png').click();
  const png = await pngDl;
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const pngBytes = Buffer.concat(await (await png.createReadStream()).toArray());
  expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(pngBytes.readUInt32BE(16)).toBeGreaterThan(15 * 200);
});

test('a KPI bound to a measure or an expression shows its value from the latest run, or "not run"', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await gotoApp(page, { lang: 'en' });
  // Starts from a demo with no run yet.
  await withoutDemoRun(page);
  await openProject(page, 'demo', 'journey');
  const adoption = 'Adoption';
  const kpiCell = page.getByRole('cell', { name: `KPIs — ${adoption}` });
  // Bind the stage's second KPI (a note, "Feature adoption") to the health measure.
  await kpiCell
    .getByRole('combobox', { name: `What KPI 2 of ${adoption} measures` })
    .selectOption({ label: 'Feature adoption' });
  // And add a third, bound to an expression: the share of accounts whose champion stayed.
  await kpiCell.getByRole('button', { name: `Add to KPIs of ${adoption}` }).click();
  await kpiCell.getByRole('textbox', { name: `KPIs 3 of ${adoption}` }).fill('Champion kept');
  await kpiCell
    .getByRole('combobox', { name: `What KPI 3 of ${adoption} measures` })
    .selectOption({ label: 'Expression…' });
  const expr = kpiCell.getByRole('combobox', { name: `Expression of KPI 3 of ${adoption}` });
  await expr.fill('not champion_left');
  await expr.press('Escape');
  await expect(kpiCell.getByTestId('kpi-live')).toHaveText(['not run', 'not run']);
  await waitSaved(page);
  const kpis = (await readStoredProject(page, 'demo')).journey.stages[1].kpis;
  expect(kpis[1]).toMatchObject({ text: 'Feature adoption', measure: 'features' });
  expect(kpis[2]).toMatchObject({ text: 'Champion kept', expr: 'not champion_left' });

  await runDemo(page, '2026-11-01');
  const run = await newestRun(page, 'demo');
  const inStage = run.stage.filter((s) => s === run.stageIds.indexOf('adoption')).length;
  const stored = await page.evaluate(
    () =>
      new Promise<{ id: string; value: number; n: number; of: number }[]>((resolve) => {
        const open = indexedDB.open('waymark');
        open.onsuccess = () => {
          const all = open.result.transaction('runs').objectStore('runs').getAll();
          all.onsuccess = () => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const runs = (all.result as any[]).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
            resolve(runs[runs.length - 1].summary.summary.kpis);
          };
        };
      }),
  );
  const feat = stored.find((k) => k.id === kpis[1].id)!;
  const champ = stored.find((k) => k.id === kpis[2].id)!;
  // Each KPI covers exactly the accounts the run put in the stage.
  expect(feat.of).toBe(inStage);
  expect(champ.of).toBe(inStage);
  expect(champ.value).toBeGreaterThan(0);
  expect(champ.value).toBeLessThanOrEqual(1);

  await openView(page, 'journey');
  const live = kpiCell.getByTestId('kpi-live');
  const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
  await expect(live.nth(0)).toContainText(fmt.format(feat.value));
  await expect(live.nth(0)).toContainText(
    `${feat.n} of ${feat.of} accounts · run as of 2026-11-01`,
  );
  await expect(live.nth(1)).toContainText(`${pct.format(champ.value)} true`);
  await kpiCell.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('journey-kpi-live-en.png') });

  // Changing the binding makes the number stale: "not run" until the next run.
  await kpiCell
    .getByRole('combobox', { name: `What KPI 2 of ${adoption} measures` })
    .selectOption({ label: 'Setup progress' });
  await expect(live.nth(0)).toHaveText('not run: bound after the last run (as of 2026-11-01)');

  // The same map in Japanese.
  await page.getByRole('combobox', { name: /Language|言語/ }).selectOption('ja');
  const jaLive = page.getByRole('cell', { name: `KPI — ${adoption}` }).getByTestId('kpi-live');
  await expect(jaLive.nth(1)).toContainText('が真');
  await expect(jaLive.nth(1)).toContainText('基準日 2026-11-01');
  await jaLive.nth(1).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('journey-kpi-live-ja.png') });
});
