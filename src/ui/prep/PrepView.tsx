import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './prep.css';
import { useProject } from '../common/useProject';
import { isPresetName, type PresetName } from '../../analysis/presets';
import { Button } from '../common';
import { newId, type Diagram } from '../../model';
import { projectStore } from '../../store/projectStore';
import { DiagramTabs } from './DiagramTabs';
import { DiagramEditor } from './DiagramEditor';
import { useFindings } from './useFindings';
import { useBenchHook } from './benchHook';
import { usePrepUi } from './usePrepUi';
import type { PrepUi } from './prepUi';
import { diagramOfScope, setOpenDiagram } from '../common/openDiagram';

const PRESET_KEY = 'waymark.prep.preset';
function savedPreset(): PresetName {
  try {
    const v = localStorage.getItem(PRESET_KEY);
    if (v && isPresetName(v)) return v;
  } catch {
    /* storage blocked */
  }
  return 'recommended';
}

/** The diagram last open in a project, per browser: coming back opens it again. */
const lastKey = (projectId: string) => `waymark.prep.diagram.${projectId}`;
function lastDiagram(projectId: string): string | null {
  try {
    return localStorage.getItem(lastKey(projectId));
  } catch {
    return null;
  }
}

/** The PReP deliverable-diagram editor: diagrams of the open project, findings, comparison. */
export default function PrepView() {
  const { t } = useTranslation('prep');
  const diagrams = useProject((p) => p.diagrams);
  const projectId = useProject((p) => p.id);
  // The pick belongs to its project: after switching projects, that project's last diagram.
  const [picked, setPicked] = useState<{ project: string; id: string } | null>(null);
  const currentId = picked?.project === projectId ? picked.id : lastDiagram(projectId);
  const setCurrentId = useCallback(
    (id: string) => setPicked({ project: projectId, id }),
    [projectId],
  );
  const [preset, setPreset] = useState<PresetName>(savedPreset);
  const diagram = diagrams.find((d) => d.id === currentId) ?? diagrams[0];
  useBenchHook(setCurrentId);
  const ui = usePrepUi(setCurrentId);

  // The shell's undo button names the diagram a step was made in; undoing or redoing a step of
  // another diagram opens that diagram, so the change is seen where it happens.
  useEffect(() => {
    setOpenDiagram(diagram?.id ?? null);
  }, [diagram?.id]);
  useEffect(() => () => setOpenDiagram(null), []);
  useEffect(
    () =>
      projectStore.onChange((p, _patches, source, scope) => {
        const id = diagramOfScope(scope);
        if ((source === 'undo' || source === 'redo') && id && p.diagrams.some((d) => d.id === id))
          setCurrentId(id);
      }),
    [setCurrentId],
  );

  useEffect(() => {
    if (!diagram) return;
    try {
      localStorage.setItem(lastKey(projectId), diagram.id);
    } catch {
      /* ignore */
    }
  }, [projectId, diagram]);

  useEffect(() => {
    try {
      localStorage.setItem(PRESET_KEY, preset);
    } catch {
      /* ignore */
    }
  }, [preset]);

  if (!diagram) {
    return (
      <div className="page-message" data-testid="prep-no-diagram">
        <p>{t('diagram.none')}</p>
        <Button
          variant="primary"
          data-testid="diagram-create-first"
          onClick={() => {
            const id = newId('d_');
            projectStore.edit(
              t('cmd.addDiagram'),
              (p) =>
                void p.diagrams.push({
                  id,
                  name: t('diagram.newName', { n: 1 }),
                  nodes: [],
                  edges: [],
                }),
            );
            setCurrentId(id);
          }}
        >
          {t('diagram.add')}
        </Button>
      </div>
    );
  }
  return (
    <div className="prep-view" data-testid="prep-view" data-diagram-id={diagram.id}>
      <DiagramTabs diagrams={diagrams} currentId={diagram.id} onSelect={setCurrentId} />
      <ReactFlowProvider key={diagram.id}>
        <EditorWithFindings
          diagram={diagram}
          diagrams={diagrams}
          preset={preset}
          onPreset={setPreset}
          ui={ui}
        />
      </ReactFlowProvider>
    </div>
  );
}

/** Findings live here so a re-lint re-renders the editor, not the tabs. */
function EditorWithFindings(props: {
  diagram: Diagram;
  diagrams: Diagram[];
  preset: PresetName;
  onPreset: (p: PresetName) => void;
  ui: PrepUi;
}) {
  const lint = useFindings(props.diagram, props.preset);
  return <DiagramEditor {...props} lint={lint} />;
}
