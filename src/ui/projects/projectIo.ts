import i18next from 'i18next';
import type { Project } from '../../model';
import { addImportedProject } from '../../store/projects';
import {
  exportProjectText,
  parseProjectText,
  projectFileName,
  type ImportError,
} from '../../store/projectFile';
import { downloadText, notify, readFileText } from '../common';
import { navigate } from '../shell/routes';

const MAX_LISTED = 12;

/** The lines that explain a failed import (translated), most useful first. */
function importErrorLines(err: ImportError): { summary: string; detail: string[] } {
  const t = i18next.getFixedT(null, 'projects');
  switch (err.kind) {
    case 'empty':
      return { summary: t('import.empty'), detail: [] };
    case 'json':
      return {
        summary: t('import.json', { line: err.line, column: err.column, message: err.message }),
        detail: [],
      };
    case 'invalid': {
      const detail = err.issues
        .slice(0, MAX_LISTED)
        .map((i) => t('import.issue', { path: i.path, message: i.message }));
      if (err.issues.length > MAX_LISTED)
        detail.push(t('import.more', { count: err.issues.length - MAX_LISTED }));
      return { summary: t('import.invalid', { count: err.issues.length }), detail };
    }
  }
}

/** Download a project as its JSON file. */
export function exportProject(p: Project): void {
  const file = projectFileName(p);
  downloadText(exportProjectText(p), file, 'application/json');
  notify({ kind: 'success', text: i18next.t('projects:exported', { file }) });
}

/**
 * Import a project file: parse, migrate, validate, then store as a new project and open it.
 * Any failure is reported with its place and nothing is stored.
 */
export async function importProjectFile(file: File): Promise<Project | null> {
  const t = i18next.getFixedT(null, 'projects');
  // Account data picked by mistake: say where it goes instead of "not valid JSON".
  if (/\.(csv|tsv|tab|txt|xlsx|xls|ndjson|jsonl)$/i.test(file.name)) {
    notify({ kind: 'error', text: t('import.dataFile', { file: file.name }) });
    return null;
  }
  let text: string;
  try {
    text = await readFileText(file);
  } catch (e) {
    notify({
      kind: 'error',
      text: t('import.failed', { file: file.name }),
      detail: [t('import.read', { message: String(e) })],
    });
    return null;
  }
  const r = parseProjectText(text);
  if (!r.ok) {
    const { summary, detail } = importErrorLines(r.error);
    notify({
      kind: 'error',
      text: `${t('import.failed', { file: file.name })} ${summary}`,
      detail,
    });
    return null;
  }
  try {
    const stored = await addImportedProject(r.project);
    const from = r.migratedFrom;
    notify({
      kind: 'success',
      text:
        from < stored.schemaVersion
          ? t('import.migrated', { name: stored.meta.name, from })
          : t('import.ok', { name: stored.meta.name }),
    });
    navigate({ kind: 'project', id: stored.id, view: 'diagrams' });
    return stored;
  } catch (e) {
    notify({
      kind: 'error',
      text: t('import.failed', { file: file.name }),
      detail: [String((e as Error)?.message ?? e)],
    });
    return null;
  }
}
