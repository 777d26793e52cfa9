/**
 * The editor's actions in one place (as tldraw's actions.tsx): id, label (i18n key
 * prep:actions.<id>), shortcuts, whether it applies now, and what it does. The keyboard, the
 * context menu, the toolbar's tooltips and the shortcut sheet (?) all read this list, so a
 * shortcut shown is the shortcut that works. Pure (no React, no DOM): tested in Node.
 */
export interface KeySpec {
  /** KeyboardEvent.key; letters compared case-insensitively. */
  key: string;
  /** Ctrl, or ⌘ on a Mac. */
  mod?: boolean;
  shift?: boolean;
}

export type MenuPlace = 'box' | 'canvas';

export interface PrepAction {
  id: ActionId;
  keys: KeySpec[];
  enabled: boolean;
  /** Where the context menu offers it (none: keyboard and toolbar only). */
  menu?: MenuPlace[];
  /** `key`: the key that ran it (arrows move by direction). */
  run(key?: KeyEventLike): void;
}

export interface KeyEventLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

export const ACTION_IDS = [
  'editLabel',
  'addDeliverable',
  'addKnowhow',
  'copy',
  'cut',
  'paste',
  'duplicate',
  'delete',
  'selectAll',
  'clearSelection',
  'move',
  'layout',
  'shortcuts',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface ActionHandlers {
  editLabel(): void;
  addNode(kind: 'deliverable' | 'knowhow'): void;
  copy(): void;
  cut(): void;
  paste(): void;
  duplicate(): void;
  deleteSelection(): void;
  selectAll(): void;
  clearSelection(): void;
  nudge(dx: number, dy: number): void;
  layout(): void;
  shortcuts(): void;
}

export interface ActionState {
  selectedNodes: number;
  selectedEdges: number;
  hasClipboard: boolean;
  boxes: number;
  layoutRunning: boolean;
  /** Grid step for arrow moves (×4 with Shift). */
  step: number;
  /** The lane view places boxes itself: no moving them by hand, no auto-layout. */
  lanes?: boolean;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export function buildActions(h: ActionHandlers, s: ActionState): PrepAction[] {
  const any = s.selectedNodes + s.selectedEdges > 0;
  return [
    {
      id: 'editLabel',
      keys: [{ key: 'Enter' }, { key: 'F2' }],
      enabled: s.selectedNodes === 1 && s.selectedEdges === 0,
      menu: ['box'],
      run: h.editLabel,
    },
    {
      id: 'addDeliverable',
      keys: [{ key: 'n' }],
      enabled: true,
      menu: ['canvas'],
      run: () => h.addNode('deliverable'),
    },
    {
      id: 'addKnowhow',
      keys: [{ key: 'k' }],
      enabled: true,
      menu: ['canvas'],
      run: () => h.addNode('knowhow'),
    },
    {
      id: 'copy',
      keys: [{ key: 'c', mod: true }],
      enabled: s.selectedNodes > 0,
      menu: ['box'],
      run: h.copy,
    },
    {
      id: 'cut',
      keys: [{ key: 'x', mod: true }],
      enabled: s.selectedNodes > 0,
      menu: ['box'],
      run: h.cut,
    },
    {
      id: 'paste',
      keys: [{ key: 'v', mod: true }],
      enabled: s.hasClipboard,
      menu: ['box', 'canvas'],
      run: h.paste,
    },
    {
      id: 'duplicate',
      keys: [{ key: 'd', mod: true }],
      enabled: s.selectedNodes > 0,
      menu: ['box'],
      run: h.duplicate,
    },
    {
      id: 'delete',
      keys: [{ key: 'Delete' }, { key: 'Backspace' }],
      enabled: any,
      menu: ['box'],
      run: h.deleteSelection,
    },
    {
      id: 'selectAll',
      keys: [{ key: 'a', mod: true }],
      enabled: s.boxes > 0,
      menu: ['canvas'],
      run: h.selectAll,
    },
    { id: 'clearSelection', keys: [{ key: 'Escape' }], enabled: any, run: h.clearSelection },
    {
      id: 'move',
      keys: Object.keys(ARROWS).flatMap((key) => [{ key }, { key, shift: true }]),
      enabled: s.selectedNodes > 0 && !s.lanes,
      run: (e) => {
        const d = e && ARROWS[e.key];
        if (!d) return;
        const step = e.shiftKey ? s.step * 4 : s.step;
        h.nudge(d[0] * step, d[1] * step);
      },
    },
    {
      id: 'layout',
      keys: [{ key: 'l', mod: true, shift: true }],
      enabled: s.boxes > 0 && !s.layoutRunning && !s.lanes,
      menu: ['canvas'],
      run: h.layout,
    },
    { id: 'shortcuts', keys: [{ key: '?' }], enabled: true, menu: ['canvas'], run: h.shortcuts },
  ];
}

function matches(k: KeySpec, e: KeyEventLike): boolean {
  const mod = !!(e.ctrlKey || e.metaKey);
  if (!!k.mod !== mod) return false;
  // '?' is Shift+/ on most layouts: Shift is part of the character, not a modifier to check.
  if (k.key !== '?' && !!k.shift !== !!e.shiftKey) return false;
  return k.key.length === 1 ? e.key.toLowerCase() === k.key.toLowerCase() : e.key === k.key;
}

/** The enabled action a key press runs, if any. */
export function actionForKey(actions: PrepAction[], e: KeyEventLike): PrepAction | undefined {
  return actions.find((a) => a.enabled && a.keys.some((k) => matches(k, e)));
}

/** "Ctrl+Shift+L" / "⌘⇧L"; arrows and named keys spelled out. */
export function formatKey(k: KeySpec, mac: boolean): string {
  const names: Record<string, string> = {
    ArrowLeft: '←',
    ArrowRight: '→',
    ArrowUp: '↑',
    ArrowDown: '↓',
    Escape: 'Esc',
    Delete: 'Del',
    Backspace: mac ? '⌫' : 'Backspace',
    Enter: mac ? '↩' : 'Enter',
  };
  const key = names[k.key] ?? (k.key.length === 1 ? k.key.toUpperCase() : k.key);
  if (mac) return `${k.mod ? '⌘' : ''}${k.shift ? '⇧' : ''}${key}`;
  return [k.mod && 'Ctrl', k.shift && 'Shift', key].filter(Boolean).join('+');
}

/** The shortcuts of an action as shown to the user (arrows collapsed to one entry). */
export function shortcutText(a: PrepAction, mac: boolean): string {
  if (a.id === 'move') return mac ? '←↑↓→ (⇧ ×4)' : '←↑↓→ (Shift ×4)';
  return a.keys.map((k) => formatKey(k, mac)).join(' / ');
}
