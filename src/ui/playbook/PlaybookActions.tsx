import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readPlaybookDocument } from '../../engine';
import { playbookFromProject } from '../../model';
import { formatPlaybookIssue, validatePlaybook, type PlaybookIssue } from '../../playbook/validate';
import { projectStore } from '../../store/projectStore';
import {
  Button,
  Dialog,
  FileButton,
  downloadText,
  notify,
  readFileText,
  safeFileName,
} from '../common';
import { applyPlaybook } from './applyPlaybook';
import './playbook.css';

/**
 * Top-bar actions: download the open project's playbook (what CS Ops runs with `waymark
 * score`), and import a playbook into the project — validated first, errors listed by JSON
 * path, applied as one undo step, nothing changed when anything is wrong.
 */
export default function PlaybookActions() {
  const { t, i18n } = useTranslation('fields');
  const lang = i18n.language?.startsWith('ja') ? 'ja' : 'en';
  const [failed, setFailed] = useState<{
    file: string;
    issues: { path: string; text: string }[];
  } | null>(null);
  // Issues in the UI language (the validator's codes and params; English if a code is unknown).
  const texts = (issues: PlaybookIssue[]) =>
    issues.map((i) => ({ path: i.path, text: formatPlaybookIssue(i, lang) || i.message }));

  const exportPlaybook = () => {
    const p = projectStore.current;
    if (!p) return;
    const pb = playbookFromProject(p);
    const issues = validatePlaybook(pb);
    downloadText(
      `${JSON.stringify(pb, null, 2)}\n`,
      `${safeFileName(p.meta.name)}.playbook.json`,
      'application/json',
    );
    if (issues.length) {
      notify({
        kind: 'error',
        text: t('playbook.exportedWithIssues', { count: issues.length }),
        detail: texts(issues.slice(0, 20)).map((i) => `${i.path}: ${i.text}`),
      });
    } else notify({ kind: 'success', text: t('playbook.exported') });
  };

  const importPlaybook = async (file: File) => {
    let text: string;
    try {
      text = await readFileText(file);
    } catch (e) {
      setFailed({
        file: file.name,
        issues: [
          {
            path: '$',
            text: t('playbook.unreadable', { detail: String((e as Error).message ?? e) }),
          },
        ],
      });
      return;
    }
    const r = readPlaybookDocument(text);
    if (!r.ok) {
      setFailed({ file: file.name, issues: texts(r.issues) });
      return;
    }
    const pb = r.playbook;
    const changed = projectStore.edit(t('playbook.undoImport', { file: file.name }), (p) =>
      applyPlaybook(p, pb),
    );
    notify({
      kind: 'success',
      text: changed
        ? t('playbook.imported', {
            file: file.name,
            stages: pb.stages.length,
            ctas: pb.ctas.length,
            measures: pb.health.measures.length,
          })
        : t('playbook.importedSame', { file: file.name }),
    });
  };

  return (
    <div className="pb-actions" role="group" aria-label={t('playbook.group')}>
      <Button
        data-testid="export-playbook"
        title={t('playbook.exportTitle')}
        onClick={exportPlaybook}
      >
        ⤓ {t('playbook.export')}
      </Button>
      <FileButton
        testId="import-playbook"
        accept=".json,application/json"
        title={t('playbook.importTitle')}
        onFile={(f) => void importPlaybook(f)}
      >
        ⤒ {t('playbook.import')}
      </FileButton>
      <Dialog
        open={failed !== null}
        role="alertdialog"
        wide
        testId="playbook-import-errors"
        title={t('playbook.importFailed', { file: failed?.file ?? '' })}
        onClose={() => setFailed(null)}
        footer={
          <Button variant="primary" onClick={() => setFailed(null)}>
            {t('playbook.close')}
          </Button>
        }
      >
        <p>{t('playbook.nothingChanged', { count: failed?.issues.length ?? 0 })}</p>
        <ul className="pb-issues">
          {failed?.issues.slice(0, 200).map((i, k) => (
            <li key={k} data-testid="playbook-issue">
              <code>{i.path}</code> {i.text}
            </li>
          ))}
        </ul>
        {failed && failed.issues.length > 200 && (
          <p>{t('playbook.more', { count: failed.issues.length - 200 })}</p>
        )}
      </Dialog>
    </div>
  );
}
