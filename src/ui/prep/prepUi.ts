/** View state of the diagrams view that outlives switching diagrams (the editor remounts per diagram). */
export type Panel = 'inspect' | 'findings' | 'compare';
/** free: the boxes where the consultant put them; lanes: grouped by organisation (layout/lanes.ts). */
export type ViewMode = 'free' | 'lanes';

export interface ComparePair {
  fromId: string;
  toId: string;
}

export interface PrepUi {
  panel: Panel;
  setPanel(p: Panel): void;
  mode: ViewMode;
  setMode(m: ViewMode): void;
  /** The pair picked in Compare; null = the default pick (analysis/comparePick.ts). */
  compare: ComparePair | null;
  setCompare(p: ComparePair | null): void;
  /** Whether Compare marks the difference on the canvas. */
  showDiff: boolean;
  setShowDiff(on: boolean): void;
  openDiagram(id: string): void;
}
