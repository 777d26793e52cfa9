import { useMemo, useState } from 'react';
import type { ComparePair, Panel, PrepUi, ViewMode } from './prepUi';

/** Held by the diagrams view, so the panel, the lane view and the comparison survive a tab switch. */
export function usePrepUi(openDiagram: (id: string) => void): PrepUi {
  const [panel, setPanel] = useState<Panel>('findings');
  const [mode, setMode] = useState<ViewMode>('free');
  const [compare, setCompare] = useState<ComparePair | null>(null);
  const [showDiff, setShowDiff] = useState(true);
  return useMemo(
    () => ({
      panel,
      setPanel,
      mode,
      setMode,
      compare,
      setCompare,
      showDiff,
      setShowDiff,
      openDiagram,
    }),
    [panel, mode, compare, showDiff, openDiagram],
  );
}
