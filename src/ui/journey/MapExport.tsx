import { useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { toPng, toSvg } from 'html-to-image';
import type { Cta, Stage } from '../../model';
import { downloadBlob, safeFileName } from '../common/download';
import { dataUrlToBlob, paintedFrame } from '../prep/exportImage';
import { PrintMap } from './PrintMap';

/**
 * PNG and SVG of the whole map: every stage in one table of plain text (the printed form, not
 * the editing grid with its scroll area), drawn off-screen and captured with html-to-image.
 * PDF goes through the browser's print ("Print / PDF"), which splits the map by stage groups.
 */
export function MapExport({
  name,
  goal,
  stages,
  ctas,
  onError,
}: {
  name: string;
  goal: string;
  stages: Stage[];
  ctas: Cta[];
  onError: (message: string) => void;
}) {
  const { t } = useTranslation('mapCells');
  const [busy, setBusy] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const run = async (format: 'png' | 'svg') => {
    setBusy(true);
    try {
      await paintedFrame();
      const node = host.current?.querySelector<HTMLElement>('.jm-export');
      if (!node) throw new Error('map not drawn');
      const opts = {
        backgroundColor: '#ffffff',
        pixelRatio: format === 'png' ? 2 : 1,
        width: node.scrollWidth,
        height: node.scrollHeight,
      };
      const url = format === 'png' ? await toPng(node, opts) : await toSvg(node, opts);
      downloadBlob(dataUrlToBlob(url), `${safeFileName(name, 'journey-map')}.${format}`);
    } catch (e) {
      onError(t('export.failed', { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        disabled={busy || stages.length === 0}
        title={t('export.pngTitle')}
        data-testid="jm-export-png"
        onClick={() => void run('png')}
      >
        {t('export.png')}
      </button>
      <button
        type="button"
        disabled={busy || stages.length === 0}
        title={t('export.svgTitle')}
        data-testid="jm-export-svg"
        onClick={() => void run('svg')}
      >
        {t('export.svg')}
      </button>
      {busy &&
        createPortal(
          <div className="jm-export-host" ref={host} aria-hidden="true">
            <PrintMap
              goal={goal}
              stages={stages}
              ctas={ctas}
              groupSize={Math.max(1, stages.length)}
              className="jm-export"
            />
          </div>,
          document.body,
        )}
    </>
  );
}
