import { useTranslation } from 'react-i18next';
import type { StepInfo } from '../../store/history';
import { projectStore } from '../../store/projectStore';
import { Button } from '../common';
import { useHistoryState, useOpenProject } from '../common/useProject';
import { diagramOfScope, useOpenDiagram } from '../common/openDiagram';
import { useRoute } from './useRoute';

/**
 * Undo / redo, naming the step they apply ("Undo: Move 3 boxes"). A step made in another diagram
 * says which; undoing it from the diagrams view opens that diagram (PrepView follows the scope).
 */
export function UndoButtons() {
  const { t } = useTranslation('shell');
  const { canUndo, canRedo, undoStep, redoStep } = useHistoryState();
  const project = useOpenProject();
  const route = useRoute();
  const openDiagram = useOpenDiagram();
  const describe = (step: StepInfo | undefined, key: 'undoStep' | 'redoStep', keys: string) => {
    if (!step) return `${t(key === 'undoStep' ? 'undo' : 'redo')} (${keys})`;
    const text = t(key, { label: step.label });
    const id = diagramOfScope(step.scope);
    const name = id && project?.diagrams.find((d) => d.id === id)?.name;
    if (!id || name === undefined || name === null) return `${text} (${keys})`;
    const here = route.kind === 'project' && route.view === 'diagrams';
    if (here && openDiagram === id) return `${text} (${keys})`;
    return here
      ? t('stepInDiagram', { step: text, name })
      : t('stepInView', { step: text, view: t('nav.diagrams'), name });
  };
  return (
    <div className="topbar-group" role="group">
      <Button
        variant="ghost"
        data-testid="undo"
        disabled={!canUndo}
        title={describe(undoStep, 'undoStep', 'Ctrl+Z / ⌘Z')}
        onClick={() => projectStore.undo()}
      >
        ↶ {t('undo')}
      </Button>
      <Button
        variant="ghost"
        data-testid="redo"
        disabled={!canRedo}
        title={describe(redoStep, 'redoStep', 'Ctrl+Shift+Z / Ctrl+Y')}
        onClick={() => projectStore.redo()}
      >
        ↷ {t('redo')}
      </Button>
    </div>
  );
}
