import { useEffect, useRef } from 'react';
import { actionForKey, type PrepAction } from './actionRegistry';

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.closest) return false;
  return !!el.closest(
    'input, textarea, select, [contenteditable="true"], [role="dialog"], [role="alertdialog"]',
  );
}

/**
 * The editor's shortcuts, from the action registry (actionRegistry.ts). Undo/redo keys belong to
 * the shell. Ignored while typing in a field or when a dialog is open; Enter on a focused button
 * or link is that button's click.
 */
export function useEditorKeys(actions: PrepAction[]): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || typingIn(e.target)) return;
      if (
        (e.key === 'Enter' || e.key === ' ') &&
        (e.target as HTMLElement | null)?.closest?.('button, a, summary')
      )
        return;
      const a = actionForKey(ref.current, e);
      if (!a) return;
      e.preventDefault();
      a.run(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
