import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './shots';
import { createProject, gotoApp, readStoredProject, waitReady, waitSaved } from './helpers';

// Two tabs on one project: edits from one appear in the other; when both edited, the user
// chooses; nothing is lost silently.

async function rename(page: Page, name: string) {
  await page.getByTestId('project-name').click();
  await page.getByTestId('project-name-input').fill(name);
  await page.getByTestId('project-name-input').press('Enter');
  await expect(page.getByTestId('project-name')).toHaveText(name);
}

test('an edit in one tab appears in the other', async ({ context }) => {
  const a = await context.newPage();
  await gotoApp(a, { lang: 'en' });
  const id = await createProject(a, { name: 'Shared', template: 'demo' });
  await waitSaved(a);
  const b = await context.newPage();
  await b.goto(`/#/p/${id}/journey`);
  await waitReady(b);
  await rename(a, 'Renamed in A');
  await waitSaved(a);
  await expect(b.getByTestId('project-name')).toHaveText('Renamed in A');
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await rename(b, 'Then renamed in B');
  await waitSaved(b);
  await expect(a.getByTestId('project-name')).toHaveText('Then renamed in B');
  expect((await readStoredProject(a, id)).meta.name).toBe('Then renamed in B');
});

/** Both tabs commit a rename at the same moment (well inside the autosave throttle). */
async function renameBothAtOnce(a: Page, b: Page, nameA: string, nameB: string) {
  for (const [p, n] of [
    [a, nameA],
    [b, nameB],
  ] as const) {
    await p.getByTestId('project-name').click();
    await p.getByTestId('project-name-input').fill(n);
  }
  await Promise.all([
    a.getByTestId('project-name-input').press('Enter'),
    b.getByTestId('project-name-input').press('Enter'),
  ]);
}

/** Opens one project in two tabs, renames in both at once; returns [loser, winner] tabs. */
async function contest(context: import('@playwright/test').BrowserContext, name: string) {
  const a = await context.newPage();
  await gotoApp(a, { lang: 'en' });
  const id = await createProject(a, { name });
  await waitSaved(a);
  const b = await context.newPage();
  // From the list, so Back has somewhere to go inside the app.
  await b.goto('/#/');
  await waitReady(b);
  await b.goto(`/#/p/${id}/diagrams`);
  await waitReady(b);
  await renameBothAtOnce(a, b, 'A version', 'B version');
  // The first save wins the revision; the other tab must ask.
  const conflictIn = async (p: Page) => (await p.getByTestId('conflict-dialog').count()) > 0;
  await expect
    .poll(async () => (await conflictIn(a)) || (await conflictIn(b)), { timeout: 10_000 })
    .toBe(true);
  const [loser, winner] = (await conflictIn(a)) ? [a, b] : [b, a];
  await waitSaved(winner);
  return {
    id,
    loser,
    winner,
    loserName: loser === a ? 'A version' : 'B version',
    winnerName: winner === a ? 'A version' : 'B version',
  };
}

test('both tabs edit: a conflict dialog, and the chosen version is stored', async ({ context }) => {
  const { id, loser, winner, loserName, winnerName } = await contest(context, 'Contested');
  await expect(loser.getByTestId('save-status')).toHaveAttribute('data-state', 'conflict');
  await loser.screenshot({ path: shotPath('foundation-conflict.png') });
  // Nothing of the loser was written over the winner's save.
  expect((await readStoredProject(winner, id)).meta.name).toBe(winnerName);
  await loser.getByTestId('conflict-keep-mine').click();
  await expect(loser.getByTestId('conflict-dialog')).toBeHidden();
  await waitSaved(loser);
  expect((await readStoredProject(loser, id)).meta.name).toBe(loserName);
  // The winner had nothing unsaved, so it follows.
  await expect(winner.getByTestId('project-name')).toHaveText(loserName);
});

test('"take theirs" drops this tab\'s edit and shows the other tab\'s version', async ({
  context,
}) => {
  const { id, loser, winnerName } = await contest(context, 'Contested 2');
  await loser.getByTestId('conflict-take-theirs').click();
  await expect(loser.getByTestId('project-name')).toHaveText(winnerName);
  await expect(loser.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect((await readStoredProject(loser, id)).meta.name).toBe(winnerName);
});

test('a project deleted in another tab is not lost in the tab that has it open', async ({
  context,
}) => {
  const a = await context.newPage();
  await gotoApp(a, { lang: 'en' });
  const id = await createProject(a, { name: 'Deleted elsewhere' });
  await waitSaved(a);
  const b = await context.newPage();
  await b.goto('/#/');
  await waitReady(b);
  await b
    .getByTestId('project-row')
    .filter({ hasText: 'Deleted elsewhere' })
    .getByTestId('project-delete')
    .click();
  await b.getByTestId('confirm-ok').click();
  await expect(a.getByTestId('deleted-dialog')).toBeVisible();
  expect(await readStoredProject(a, id)).toBeNull();
  await a.getByTestId('deleted-restore').click();
  await expect(a.getByTestId('deleted-dialog')).toBeHidden();
  await waitSaved(a);
  expect((await readStoredProject(a, id)).meta.name).toBe('Deleted elsewhere');
  await expect(
    b.getByTestId('project-row-name').filter({ hasText: 'Deleted elsewhere' }),
  ).toBeVisible();
});

// (B) Back during a conflict keeps both versions: the dialog stays until the user chooses.
test('pressing Back while the conflict dialog is open keeps both versions', async ({ context }) => {
  const { id, loser, winner, loserName, winnerName } = await contest(context, 'Contested 3');
  await loser.goBack();
  await expect(loser.getByTestId('conflict-dialog')).toBeVisible();
  expect(loser.url()).toContain(`#/p/${id}/`);
  await expect(loser.getByTestId('conflict-mine-name')).toHaveText(loserName);
  await expect(loser.getByTestId('conflict-theirs-name')).toHaveText(winnerName);
  await expect(loser.getByTestId('message-info')).toContainText('both versions are kept');
  // Mine is journaled, theirs is stored.
  const journal = await loser.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('waymark.unsaved.'))
      .map((k) => JSON.parse(localStorage.getItem(k)!).doc.meta.name),
  );
  expect(journal).toEqual([loserName]);
  expect((await readStoredProject(winner, id)).meta.name).toBe(winnerName);
  await loser.screenshot({ path: shotPath('persist-conflict-back.png') });
  await loser.getByTestId('conflict-keep-mine').click();
  await waitSaved(loser);
  expect((await readStoredProject(loser, id)).meta.name).toBe(loserName);
  // Now nothing is at stake: Back leaves.
  await loser.goBack();
  await loser.waitForURL(/#\/$/);
});
