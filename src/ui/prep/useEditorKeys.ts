import { useEffect, useRef } from 'react';

export interface EditorKeyHandlers {
  deleteSelection(): void;
  copy(): void;
  cut(): void;
  paste(): void;
  duplicate(): void;
  selectAll(): void;
  clearSelection(): void;
  nudge(dx: number, dy: number): void;
  /** Enter or F2: edit the selected box's label in place. */
  editLabel(): void;
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  return !!el.closest(
    'input, textarea, select, [contenteditable="true"], [role="dialog"], [role="alertdialog"]',
  );
}

/**
 * Editor shortcuts (Delete, Ctrl+C/X/V/D/A, arrows, Escape, Enter/F2). Undo/redo keys belong to the
 * shell. Ignored while typing in a field or when a dialog is open.
 */
export function useEditorKeys(handlers: EditorKeyHandlers, step: number): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingIn(e.target)) return;
      const h = ref.current;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      let handled = true;
      if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) h.deleteSelection();
      else if (mod && !e.shiftKey && k === 'c') h.copy();
      else if (mod && !e.shiftKey && k === 'x') h.cut();
      else if (mod && !e.shiftKey && k === 'v') h.paste();
      else if (mod && !e.shiftKey && k === 'd') h.duplicate();
      else if (mod && !e.shiftKey && k === 'a') h.selectAll();
      else if (e.key === 'Escape') h.clearSelection();
      else if ((e.key === 'Enter' || e.key === 'F2') && !mod && !e.shiftKey) {
        // Enter on a focused button or link is its own click, not a label edit.
        if ((e.target as HTMLElement | null)?.closest?.('button, a, summary')) handled = false;
        else h.editLabel();
      } else if (!mod && e.key.startsWith('Arrow')) {
        const s = e.shiftKey ? step * 4 : step;
        const d = { ArrowLeft: [-s, 0], ArrowRight: [s, 0], ArrowUp: [0, -s], ArrowDown: [0, s] }[
          e.key
        ];
        if (d) h.nudge(d[0], d[1]);
        else handled = false;
      } else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);
}
