import type { ImportIssue } from './issues';

/**
 * A picked file that no longer reads as it did at the pick (changed, moved or deleted on disk),
 * where the page kept only its start (a big file): it cannot be imported as previewed, and the
 * new content was never previewed, so the user picks it again (the mapping is kept when its
 * columns are the same).
 */
export function fileChangedIssue(file: string): ImportIssue {
  return {
    code: 'file_changed',
    severity: 'fatal',
    file,
    params: {},
    message: `${file} changed on disk after it was picked (or was moved or deleted), so it was not imported. Pick it again: the column mapping you set is kept if its columns are the same.`,
  };
}
