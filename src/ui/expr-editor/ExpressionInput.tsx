import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkExpression, localiseExprError, type ExprError, type Scope } from '../../expr';
import { applyCompletion, completionsAt, type Completion } from './complete';
import { useExprEnv } from './useExprEnv';
import { CreateFieldFix } from './CreateFieldFix';
import { MatchPreview } from './MatchPreview';
import './expr-editor.css';

export interface ExpressionInputProps {
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  ariaLabel: string;
  /** Where the expression is used: decides the built-ins it may use and the result it must give. */
  scope: Scope;
  placeholder?: string;
  /** Empty is fine (the default segment). */
  allowEmpty?: boolean;
  /**
   * Show "N accounts match" (default). Off where the count alone would mislead: a segment's rule
   * is tried after the ones above it, so the segments editor shows what first-match-wins assigns.
   */
  preview?: boolean;
}

/** Position as people count it: 1-based column (the source is one line in practice). */
const col = (n: number) => n + 1;

/**
 * The one editor for every rule (exit criteria, measures, CTA triggers, segments, routing):
 * autocomplete of field ids (by id or label), built-ins and functions; errors checked as you
 * type and underlined at their position, with a one-click fix when the checker suggests one;
 * and, when a dataset is loaded, how many accounts match.
 */
export default function ExpressionInput({
  value,
  onChange,
  onBlur,
  ariaLabel,
  scope,
  placeholder,
  allowEmpty,
  preview = true,
}: ExpressionInputProps) {
  const { t, i18n } = useTranslation('fields');
  const { t: tw } = useTranslation('resultsWork');
  const env = useExprEnv(scope);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();
  const errId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const [requested, setRequested] = useState(false);
  const lang = i18n.language?.startsWith('ja') ? 'ja' : 'en';

  const result = useMemo(
    () => (value.trim() === '' ? null : checkExpression(value, env)),
    [value, env],
  );
  const errors: ExprError[] = result && !result.ok ? result.errors : [];
  const emptyProblem = value.trim() === '' && !allowEmpty;

  const items = useMemo(() => {
    if (caret === null || closed) return [];
    const list = completionsAt(value, caret, env, lang);
    // Between words the list opens only on request (Ctrl+Space), not after every space; after
    // `source.` it opens by itself, like a value list inside quotes.
    if (
      !requested &&
      list.length > 0 &&
      list[0].kind !== 'value' &&
      list[0].kind !== 'attribute' &&
      list[0].from === list[0].to
    )
      return [];
    // Nothing to offer when the word typed is already complete and the only match.
    if (list.length === 1 && value.slice(list[0].from, list[0].to) === list[0].insert) return [];
    return list;
  }, [value, caret, env, lang, closed, requested]);
  const open = items.length > 0;

  const accept = (c: Completion) => {
    const next = applyCompletion(value, c);
    onChange(next.source);
    setCaret(next.caret);
    setRequested(false);
    setActive(0);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return; // Japanese IME: Enter confirms the conversion
    if (e.key === 'Enter' && !open) {
      e.preventDefault(); // one-line language: Enter never inserts a newline
      return;
    }
    if (!open) {
      if (e.key === ' ' && e.ctrlKey) {
        e.preventDefault();
        setClosed(false);
        setRequested(true);
      }
      return;
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (a + 1) % items.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a - 1 + items.length) % items.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      accept(items[Math.min(active, items.length - 1)]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setClosed(true);
      setRequested(false);
    }
  };

  // The expr namespace holds the messages; fall back to the checker's English when a key is missing.
  const translate = (er: ExprError) =>
    i18n.exists(`expr:errors.${er.code}`)
      ? localiseExprError(er, (key, params) => i18n.t(key, params) as string)
      : er.message;

  return (
    <div className={`ex-input${errors.length || emptyProblem ? ' ex-has-error' : ''}`}>
      <textarea
        ref={ref}
        className="ex-text"
        rows={1}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        value={value}
        placeholder={placeholder ?? t('exprEditor.placeholder')}
        aria-label={ariaLabel}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errId}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${Math.min(active, items.length - 1)}` : undefined}
        data-testid="expr-input"
        onChange={(e) => {
          onChange(e.target.value.replace(/\r?\n/g, ' '));
          setCaret(e.target.selectionStart);
          setClosed(false);
          setRequested(false);
          setActive(0);
        }}
        onSelect={(e) => setCaret((e.target as HTMLTextAreaElement).selectionStart)}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          setCaret(e.target.selectionStart);
          setClosed(true);
        }}
        onBlur={() => {
          setCaret(null);
          onBlur?.();
        }}
      />
      {open && (
        <ul
          className="ex-suggest"
          role="listbox"
          id={listId}
          aria-label={t('exprEditor.suggestions')}
        >
          {items.map((c, i) => (
            <li
              key={`${c.kind}:${c.label}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`ex-opt ex-${c.kind}${i === active ? ' ex-active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(c);
              }}
            >
              <span className="ex-opt-label">{c.label}</span>
              <span className="ex-opt-kind">{t(`exprEditor.kind.${c.kind}`)}</span>
              <span className="ex-opt-detail">
                {c.kind === 'function'
                  ? `${c.detail} — ${t(`functions.${c.label}`, { ns: 'expr', defaultValue: '' })}`
                  : c.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div id={errId} className="ex-status" aria-live="polite">
        {emptyProblem && (
          <p className="ex-hint">
            {/* A measure gives a value to score, not a condition. */}
            {scope === 'measure' ? tw('exprEmptyValue') : t('exprEditor.empty')}
          </p>
        )}
        {errors.map((er, i) => (
          <div
            key={i}
            className="ex-error"
            role="alert"
            data-testid="expr-error"
            data-code={er.code}
          >
            <span className="ex-pos">
              {er.end > er.start
                ? t('exprEditor.range', { from: col(er.start), to: er.end })
                : t('exprEditor.at', { at: col(er.start) })}
            </span>{' '}
            {translate(er)}
            {er.end > er.start && er.code !== 'empty' && (
              <code className="ex-excerpt" aria-hidden="true">
                {value.slice(Math.max(0, er.start - 20), er.start)}
                <mark>{value.slice(er.start, er.end)}</mark>
                {value.slice(er.end, er.end + 20)}
              </code>
            )}
            {er.suggestion !== undefined && (
              <button
                type="button"
                className="ex-fix"
                onClick={() =>
                  onChange(value.slice(0, er.start) + er.suggestion + value.slice(er.end))
                }
              >
                {t('exprEditor.fix', { suggestion: er.suggestion })}
              </button>
            )}
            {er.code === 'unknown_field' && <CreateFieldFix name={value.slice(er.start, er.end)} />}
          </div>
        ))}
      </div>
      {result?.ok && preview && (
        <MatchPreview
          expr={result.expr}
          scope={scope}
          fields={result.fields}
          builtins={result.builtins}
          sources={[...new Set(result.aggregates.map((a) => a.source))]}
          aggregates={result.aggregates}
        />
      )}
    </div>
  );
}
