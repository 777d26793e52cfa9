import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { splitHolders } from '../../model/holders';

/** A separator typed at the end of the draft commits what came before it. */
const ENDS_WITH_SEPARATOR = /[,，、;；・]$/;

/**
 * Holders as separate people (chips). Enter, Tab-less blur, or typing a separator (、 , ; ・)
 * commits the draft; a pasted or typed "佐藤、田中" becomes two chips; Backspace in an empty
 * draft removes the last chip. `onChange` gets the whole list, deduplicated.
 */
export function HoldersInput({
  value,
  onChange,
  onDone,
  autoFocus,
  testId = 'inspector-holders',
}: {
  value: string[];
  onChange: (holders: string[]) => void;
  /** Called on blur (to seal the undo step). */
  onDone?: () => void;
  autoFocus?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation('prep');
  const [draft, setDraft] = useState('');
  const people = splitHolders(value.join('\n'));
  const commit = (text: string) => {
    const added = splitHolders(text);
    if (added.length) onChange(splitHolders([...people, ...added].join('\n')));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      commit(draft);
      setDraft('');
    } else if (e.key === 'Backspace' && draft === '' && people.length) {
      e.preventDefault();
      onChange(people.slice(0, -1));
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (splitHolders(text).length < 2 && !/[\n\r]/.test(text)) return;
    e.preventDefault();
    commit(draft + text);
    setDraft('');
  };
  return (
    <div className="prep-chips" data-testid={`${testId}-chips`}>
      {people.map((p, i) => (
        <span key={`${p}:${i}`} className="prep-chip" data-testid="holder-chip">
          {p}
          <button
            type="button"
            className="prep-chip-x"
            aria-label={t('holders.remove', { name: p })}
            title={t('holders.remove', { name: p })}
            onClick={() => onChange(people.filter((x) => x !== p))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        data-testid={testId}
        value={draft}
        autoFocus={autoFocus}
        placeholder={people.length ? t('holders.more') : t('inspector.holdersHint')}
        aria-label={t('field.holders')}
        onChange={(e) => {
          const v = e.target.value;
          // Typing "佐藤、" commits 佐藤 at once (IME-composed text arrives here finished).
          if (ENDS_WITH_SEPARATOR.test(v)) {
            commit(v);
            setDraft('');
          } else setDraft(v);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => {
          commit(draft);
          setDraft('');
          onDone?.();
        }}
      />
    </div>
  );
}
