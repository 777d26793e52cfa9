import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Dialog } from '../common';
import { shortcutText, type MenuPlace, type PrepAction } from './actionRegistry';

export const isMac = () =>
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Right-click menu: the registry's actions for a box or the canvas, with their shortcuts. */
export function ContextMenu({
  actions,
  place,
  x,
  y,
  onClose,
}: {
  actions: PrepAction[];
  place: MenuPlace;
  x: number;
  y: number;
  onClose: () => void;
}) {
  const { t } = useTranslation('prep');
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away, true);
    document.addEventListener('wheel', away, true);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      document.removeEventListener('wheel', away, true);
    };
  }, [onClose]);
  const mac = isMac();
  return (
    <div
      ref={ref}
      className="prep-context-menu"
      role="menu"
      aria-label={t('shortcutSheet.menu')}
      data-testid="prep-context-menu"
      style={{ left: x, top: y }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          e.stopPropagation();
          const items = [
            ...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []),
          ];
          const i = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      {actions
        .filter((a) => a.menu?.includes(place))
        .map((a) => (
          <button
            key={a.id}
            type="button"
            role="menuitem"
            disabled={!a.enabled}
            data-testid={`menu-${a.id}`}
            onClick={() => {
              onClose();
              a.run();
            }}
          >
            <span>{t(`actions.${a.id}`)}</span>
            <kbd>{shortcutText(a, mac)}</kbd>
          </button>
        ))}
    </div>
  );
}

/** The `?` sheet: every action with its keys, straight from the registry. */
export function ShortcutSheet({
  actions,
  open,
  onClose,
}: {
  actions: PrepAction[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('prep');
  const mac = isMac();
  return (
    <Dialog
      open={open}
      title={t('shortcutSheet.title')}
      onClose={onClose}
      testId="shortcut-sheet"
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('shortcutSheet.close')}
        </Button>
      }
    >
      <table className="prep-shortcuts">
        <thead>
          <tr>
            <th>{t('shortcutSheet.action')}</th>
            <th>{t('shortcutSheet.keys')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} data-testid="shortcut-row" data-action={a.id}>
              <td>{t(`actions.${a.id}`)}</td>
              <td>
                <kbd>{shortcutText(a, mac)}</kbd>
              </td>
            </tr>
          ))}
          <tr>
            <td>{t('shortcutSheet.shell')}</td>
            <td>
              <kbd>{mac ? '⌘Z / ⌘⇧Z' : 'Ctrl+Z / Ctrl+Y'}</kbd>
            </td>
          </tr>
        </tbody>
      </table>
    </Dialog>
  );
}
