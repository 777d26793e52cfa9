import { useEffect, useState, type InputHTMLAttributes } from 'react';

/**
 * A number field that lets the user pass through invalid text ("", "-", "0.") while typing and
 * only commits a finite number within [min, max]; on blur it shows the stored value again.
 */
export function NumberInput({
  value,
  onCommit,
  min,
  max,
  integer,
  onBlur,
  ...rest
}: {
  value: number | undefined;
  onCommit: (n: number | undefined) => void;
  min?: number;
  max?: number;
  integer?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'min' | 'max'>) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value === undefined ? '' : String(value));
  }, [value, focused]);
  const parse = (s: string): number | undefined | null => {
    if (s.trim() === '') return undefined;
    const n = Number(s);
    if (!Number.isFinite(n)) return null;
    if (integer && !Number.isInteger(n)) return null;
    if (min !== undefined && n < min) return null;
    if (max !== undefined && n > max) return null;
    return n;
  };
  const invalid = parse(text) === null;
  return (
    <input
      {...rest}
      inputMode="decimal"
      value={text}
      aria-invalid={invalid || undefined}
      className={`num-input${invalid ? ' invalid' : ''}${rest.className ? ` ${rest.className}` : ''}`}
      onFocus={() => setFocused(true)}
      onChange={(e) => {
        setText(e.target.value);
        const n = parse(e.target.value);
        if (n !== null) onCommit(n);
      }}
      onBlur={(e) => {
        setFocused(false);
        onBlur?.(e);
      }}
    />
  );
}
