import { useState, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import type { Diagram } from '../../model';
import type { LintResult } from '../../analysis/lint';
import type { PresetName } from '../../analysis/presets';
import { diagramSvg } from '../../layout/diagramSvg';
import { findingsReport } from '../../analysis/report';
import { downloadBlob, downloadText, notify, safeFileName } from '../common';
import type { PrepFlowEdge, PrepFlowNode } from './flowModel';
import { dataUrlToBlob, paintedFrame, renderDiagramImage, untilDrawn } from './exportImage';
import { measuredSizes } from './measuredSizes';

export interface Exports {
  /** An image export is drawing every box in full (culling and the zoomed-out drawing are off). */
  exporting: boolean;
  exportNotice: boolean;
  exportImage(format: 'png' | 'svg'): Promise<void>;
  exportReport(format: 'md' | 'csv'): void;
  exportJson(): void;
}

/** PNG (a snapshot), vector SVG (from the model), the findings report and the diagram's JSON. */
export function useExports(opts: {
  diagram: Diagram;
  nodes: PrepFlowNode[];
  shownEdges: PrepFlowEdge[];
  markers: Map<string, 'error' | 'warn'>;
  lint: LintResult;
  preset: PresetName;
  wrapper: RefObject<HTMLDivElement | null>;
  big: boolean;
  lang: 'ja' | 'en';
  t: TFunction<'prep'>;
}): Exports {
  const { diagram, nodes, shownEdges, markers, lint, preset, wrapper, big, lang, t } = opts;
  const [exporting, setExporting] = useState(false);
  // The status is shown a frame before the full drawing starts, which keeps the page busy for a
  // while: set together, it was painted only once the drawing was done.
  const [exportNotice, setExportNotice] = useState(false);
  const base = safeFileName(diagram.name, 'diagram');

  const exportImage = async (format: 'png' | 'svg') => {
    if (!wrapper.current || nodes.length === 0) {
      notify({ kind: 'error', text: t('export.empty') });
      return;
    }
    if (format === 'svg') {
      // Real vector from the model and the measured sizes (diagramSvg.ts): no DOM snapshot.
      const svg = diagramSvg(diagram, { lang, sizes: measuredSizes(nodes), markers });
      downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${base}.svg`);
      return;
    }
    const root = wrapper.current;
    try {
      // A big diagram renders only the boxes in view, and zoomed out without text: the image needs
      // every box and link fully drawn, so both are off until it is taken.
      if (big) {
        setExportNotice(true);
        await paintedFrame();
        setExporting(true);
        if (!(await untilDrawn(root, nodes.length, shownEdges.length)))
          throw new Error(t('export.notDrawn'));
      }
      const url = await renderDiagramImage(root, nodes, format);
      downloadBlob(dataUrlToBlob(url), `${base}.${format}`);
    } catch (e) {
      notify({
        kind: 'error',
        text: t('export.failed', { format: format.toUpperCase(), reason: (e as Error).message }),
      });
    } finally {
      setExporting(false);
      setExportNotice(false);
    }
  };
  const exportReport = (format: 'md' | 'csv') => {
    const text = findingsReport([{ diagram, lint, preset }], format, lang);
    // A BOM so that Excel reads the CSV's Japanese as UTF-8.
    downloadText(
      format === 'csv' ? `\uFEFF${text}` : text,
      `${base}-findings.${format}`,
      format === 'csv' ? 'text/csv' : 'text/markdown',
    );
  };
  const exportJson = () =>
    downloadText(JSON.stringify(diagram, null, 2) + '\n', `${base}.json`, 'application/json');
  return { exporting, exportNotice, exportImage, exportReport, exportJson };
}
