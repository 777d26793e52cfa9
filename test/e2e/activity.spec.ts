import { expect, test } from '@playwright/test';
import { shotPath } from './shots';
import {
  createProject,
  currentProjectId,
  exportOpenProject,
  gotoApp,
  importProjectFile,
  openView,
  readStoredProject,
  waitSaved,
} from './helpers';

// Issue 15: a project that declares activity sources (playbook v2) lets the expression editors
// type-check and autocomplete windowed aggregates. The app loads activity files (Data view:
// activity-import.spec.ts); until one is imported for a source, the preview says none is loaded
// and where to import it, instead of showing values computed from no events.
test('a measure over activity: checked, autocompleted, stored, honest preview', async ({
  page,
}) => {
  await gotoApp(page, { lang: 'en' });
  await createProject(page, { name: 'Activity', template: 'demo' });
  await waitSaved(page);
  const project = JSON.parse(await exportOpenProject(page));
  project.meta.name = 'Activity imported';
  project.activity = [
    {
      id: 'logins',
      label: { ja: 'ログイン', en: 'Logins' },
      account: { column: 'account_id', match: 'key' },
      time: { column: 'logged_in_at' },
      attributes: [{ id: 'user', label: { ja: 'ユーザー', en: 'User' }, type: 'string' }],
    },
  ];
  await importProjectFile(page, {
    name: 'activity.waymark.json',
    content: JSON.stringify(project),
  });
  await expect(page.getByTestId('message-success').filter({ hasText: 'Imported' })).toBeVisible();
  await page.waitForURL((u) => !u.hash.includes(project.id));
  const id = currentProjectId(page);
  await openView(page, 'health');
  const card = page.locator('[data-measure="setup"]');
  const input = card.getByTestId('expr-input');

  // A typo in the source name: a positioned error with the suggestion.
  await input.fill('count(login, 30d)');
  await expect(card.getByTestId('expr-error')).toContainText('did you mean `logins`');

  // Autocomplete offers the source's attributes after a dot.
  await input.fill('count_distinct(logins');
  await input.pressSequentially('.');
  await expect(page.getByRole('option', { name: /^user\s*attribute/ })).toBeVisible();

  await input.fill('change(count(logins, 30d))');
  await expect(card.getByTestId('expr-error')).toHaveCount(0);
  await expect(card.getByTestId('expr-preview')).toContainText(
    'No activity data loaded (logins): import it in the Data view',
  );
  await page.screenshot({ path: shotPath('activity-measure-en.png') });
  await waitSaved(page);
  const stored = await readStoredProject(page, id);
  expect(stored.activity[0].id).toBe('logins');
  expect(stored.health.measures.find((m: { id: string }) => m.id === 'setup').expr).toBe(
    'change(count(logins, 30d))',
  );
});
