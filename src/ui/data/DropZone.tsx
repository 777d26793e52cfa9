import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../common';

const ACCEPT =
  '.csv,.tsv,.txt,.tab,.json,.ndjson,.jsonl,.xlsx,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Drag-and-drop target plus a multi-file picker (data-testid="data-file-input" for tests). */
export function DropZone({
  onFiles,
  disabled,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('data');
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={`dz${over ? ' dz-over' : ''}`}
      data-testid="data-dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length && !disabled) onFiles(files);
      }}
    >
      <strong>{t('drop.title')}</strong>
      <span className="hint">{t('drop.or')}</span>
      <Button
        variant="primary"
        disabled={disabled}
        onClick={() => input.current?.click()}
        data-testid="data-choose"
      >
        {t('drop.choose')}
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="data-file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
      <p className="hint">{t('drop.hint')}</p>
    </div>
  );
}
