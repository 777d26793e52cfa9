/**
 * Reading a playbook (or project) file for a command and reporting what is wrong with it on
 * stderr. Apart from src/cli/load.ts (which re-exports it) so that `waymark validate` loads the
 * playbook reader and compiler only, not the account importers (start-up, docs/cli.md).
 */
import type { Playbook } from '../model';
import { readPlaybookDocument } from '../engine/readPlaybook';
import type { CliIO } from './types';
import { readInput } from './io';
import { cliLanguage, t } from './messages';
import { formatPlaybookIssue, type PlaybookIssue } from '../playbook/validate';

/** The issues printed per file before "…and N more". */
export const MAX_PRINTED = 50;

export async function loadPlaybook(io: CliIO, file: string): Promise<Playbook | null> {
  const bytes = await readInput(io, file);
  if (!bytes) return null;
  const r = readPlaybookDocument(bytes);
  if (!r.ok) {
    for (const i of r.issues.slice(0, MAX_PRINTED))
      io.stderr(
        t('error.issue', { file, path: i.path, message: formatPlaybookIssue(i, cliLanguage()) }) +
          '\n',
      );
    if (r.issues.length > MAX_PRINTED)
      io.stderr(t('usage.more', { count: r.issues.length - MAX_PRINTED }) + '\n');
    io.stderr(t('error.invalidPlaybook', { file, count: r.issues.length }) + '\n');
    return null;
  }
  return r.playbook;
}

/** What compilePlaybook refused (an impossible asOf such as 2024-02-30, expressions…), on stderr. */
export function reportCompileIssues(
  io: CliIO,
  file: string,
  issues: ReadonlyArray<{ path: string; message: string }>,
): void {
  for (const i of issues.slice(0, MAX_PRINTED))
    io.stderr(
      t('error.issue', {
        file,
        path: i.path,
        message: 'code' in i ? formatPlaybookIssue(i as PlaybookIssue, cliLanguage()) : i.message,
      }) + '\n',
    );
  io.stderr(t('error.invalidPlaybook', { file, count: issues.length }) + '\n');
}
