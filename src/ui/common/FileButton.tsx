import { useRef, type ReactNode } from 'react';
import { Button, type ButtonVariant } from './Button';

/**
 * A button that opens the file picker. The hidden input carries `${testId}-input` so tests can
 * also call setInputFiles on it directly. The input is reset after each pick, so picking the
 * same file twice still fires.
 */
export function FileButton({
  accept,
  onFile,
  children,
  testId,
  variant = 'secondary',
  title,
  disabled,
}: {
  accept?: string;
  onFile: (file: File) => void;
  children: ReactNode;
  testId?: string;
  variant?: ButtonVariant;
  title?: string;
  disabled?: boolean;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button
        variant={variant}
        data-testid={testId}
        title={title}
        disabled={disabled}
        onClick={() => input.current?.click()}
      >
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={testId ? `${testId}-input` : undefined}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </>
  );
}

/** Read a picked file as UTF-8 text (a BOM is dropped). */
export async function readFileText(file: Blob): Promise<string> {
  const text = await file.text();
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
