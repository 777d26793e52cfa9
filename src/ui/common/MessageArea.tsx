import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { dismiss, messageStore } from './messages';

/** Shows the posted messages at the bottom right; errors are announced as alerts. */
export function MessageArea() {
  const list = useSyncExternalStore(messageStore.subscribe, () => messageStore.current);
  const { t } = useTranslation('common');
  return (
    <div className="message-area" aria-live="polite" data-testid="messages">
      {list.map((m) => (
        <div
          key={m.id}
          className={`message message-${m.kind}`}
          role={m.kind === 'error' ? 'alert' : 'status'}
          data-testid={`message-${m.kind}`}
        >
          <div className="message-text">{m.text}</div>
          {m.detail && m.detail.length > 0 && (
            <ul className="message-detail">
              {m.detail.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
          <div className="message-actions">
            {m.action && (
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => {
                  m.action!.run();
                  dismiss(m.id);
                }}
              >
                {m.action.label}
              </button>
            )}
            <button
              type="button"
              className="btn btn-ghost"
              aria-label={t('close')}
              onClick={() => dismiss(m.id)}
            >
              ×
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
