import { useTranslation } from 'react-i18next';
import type { PrepEdgeKind, PrepNodeKind } from '../../model';
import type { Alignment } from '../../layout/align';
import type { LayoutRun } from '../../layout/layoutClient';
import { Button } from '../common';
import type { Stamp } from './actions';
import { paletteDragProps } from './paletteDrag';
import type { ViewMode } from './prepUi';

const ALIGNMENTS: Alignment[] = ['left', 'center', 'right', 'top', 'middle', 'bottom'];

/** The editor's toolbar: palette and stamps, link kind, view, layout, align, exports. */
export function EditorToolbar(p: {
  addNode(kind: PrepNodeKind): void;
  addStamp(stamp: Stamp): void;
  linkKind: PrepEdgeKind;
  setLinkKind(k: PrepEdgeKind): void;
  snap: boolean;
  setSnap(on: boolean): void;
  minimap: boolean;
  setMinimap(on: boolean): void;
  mode: ViewMode;
  setMode(m: ViewMode): void;
  layoutRun: LayoutRun | null;
  runLayout(): void;
  boxes: number;
  exportNotice: boolean;
  selectedBoxes: number;
  align(a: Alignment): void;
  distribute(axis: 'horizontal' | 'vertical'): void;
  openShortcuts(): void;
  exportImage(format: 'png' | 'svg'): void;
  exportJson(): void;
  exportReport(format: 'md' | 'csv'): void;
  /** "Action (shortcut)" for a registry action, as its tooltip. */
  actionTitle(id: string): string;
}) {
  const { t } = useTranslation('prep');
  const lanes = p.mode === 'lanes';
  return (
    <div className="prep-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="prep-group" aria-label={t('palette.label')}>
        <Button
          onClick={() => p.addNode('deliverable')}
          {...paletteDragProps({ node: 'deliverable' })}
          data-testid="palette-deliverable"
          title={`${t('palette.deliverableHint')}\n${t('palette.dragHint')}\n${p.actionTitle('addDeliverable')}`}
        >
          ▭ {t('palette.deliverable')}
        </Button>
        <Button
          onClick={() => p.addNode('knowhow')}
          {...paletteDragProps({ node: 'knowhow' })}
          data-testid="palette-knowhow"
          title={`${t('palette.knowhowHint')}\n${t('palette.dragHint')}\n${p.actionTitle('addKnowhow')}`}
        >
          ⬚ {t('palette.knowhow')}
        </Button>
        {(
          [
            ['basic', 'stamp.basic', 'stamp.basicHint'],
            ['knowhow', 'stamp.knowhowPattern', 'stamp.knowhowHint'],
            ['sync', 'stamp.sync', 'stamp.syncHint'],
          ] as const
        ).map(([stamp, label, hint]) => (
          <Button
            key={stamp}
            variant="ghost"
            onClick={() => p.addStamp(stamp)}
            {...paletteDragProps({ stamp })}
            data-testid={`stamp-${stamp}`}
            title={`${t(hint)}\n${t('palette.dragHint')}`}
          >
            {t(label)}
          </Button>
        ))}
      </div>
      <div className="prep-group">
        <label className="prep-inline" title={t('toolbar.linkKindHint')}>
          <span>{t('toolbar.linkKind')}</span>
          <select
            value={p.linkKind}
            onChange={(e) => p.setLinkKind(e.target.value as PrepEdgeKind)}
            data-testid="link-kind"
          >
            <option value="io">{t('edgeKind.io')}</option>
            <option value="sync">{t('edgeKind.sync')}</option>
          </select>
        </label>
        <label className="prep-inline">
          <input
            type="checkbox"
            checked={p.snap}
            onChange={(e) => p.setSnap(e.target.checked)}
            data-testid="snap"
          />
          <span>{t('toolbar.snap')}</span>
        </label>
        <label className="prep-inline">
          <input
            type="checkbox"
            checked={p.minimap}
            onChange={(e) => p.setMinimap(e.target.checked)}
            data-testid="minimap-toggle"
          />
          <span>{t('toolbar.minimap')}</span>
        </label>
      </div>
      <div className="prep-group prep-segmented" role="group" aria-label={t('lanes.view')}>
        {(['free', 'lanes'] as ViewMode[]).map((m) => (
          <button
            key={m}
            type="button"
            className={`btn btn-ghost${p.mode === m ? ' active' : ''}`}
            aria-pressed={p.mode === m}
            onClick={() => p.setMode(m)}
            data-testid={`view-${m}`}
            title={t(`lanes.${m}Hint`)}
          >
            {t(`lanes.${m}`)}
          </button>
        ))}
      </div>
      <div className="prep-group">
        {p.layoutRun ? (
          <Button onClick={() => p.layoutRun?.cancel()} data-testid="layout-cancel">
            {t('layout.cancel')}
          </Button>
        ) : (
          <Button
            onClick={p.runLayout}
            data-testid="layout-run"
            disabled={p.boxes === 0 || lanes}
            title={lanes ? t('lanes.layoutOff') : p.actionTitle('layout')}
          >
            {t('layout.run')}
          </Button>
        )}
        {p.layoutRun && (
          <span className="hint" role="status" data-testid="layout-running">
            {t('layout.running')}
          </span>
        )}
        {p.exportNotice && (
          <span className="hint" role="status" data-testid="export-running">
            {t('export.running')}
          </span>
        )}
      </div>
      {p.selectedBoxes >= 2 && !lanes && (
        <div className="prep-group" data-testid="align-tools">
          {ALIGNMENTS.map((a) => (
            <Button
              key={a}
              variant="ghost"
              onClick={() => p.align(a)}
              data-testid={`align-${a}`}
              title={t(`align.${a}`)}
            >
              {t(`alignShort.${a}`)}
            </Button>
          ))}
          <Button
            variant="ghost"
            onClick={() => p.distribute('horizontal')}
            disabled={p.selectedBoxes < 3}
            data-testid="distribute-h"
          >
            {t('align.distributeH')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => p.distribute('vertical')}
            disabled={p.selectedBoxes < 3}
            data-testid="distribute-v"
          >
            {t('align.distributeV')}
          </Button>
        </div>
      )}
      <div className="prep-group prep-push">
        <Button
          variant="ghost"
          onClick={p.openShortcuts}
          data-testid="shortcuts-open"
          title={p.actionTitle('shortcuts')}
          aria-label={t('actions.shortcuts')}
        >
          ?
        </Button>
        <Button variant="ghost" onClick={() => p.exportImage('png')} data-testid="export-png">
          PNG
        </Button>
        <Button variant="ghost" onClick={() => p.exportImage('svg')} data-testid="export-svg">
          SVG
        </Button>
        <Button variant="ghost" onClick={p.exportJson} data-testid="export-json">
          JSON
        </Button>
        <span className="prep-inline" title={t('report.downloadHint')}>
          <span>{t('report.download')}:</span>
          <Button
            variant="ghost"
            onClick={() => p.exportReport('md')}
            data-testid="export-report-md"
          >
            {t('report.md')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => p.exportReport('csv')}
            data-testid="export-report-csv"
          >
            {t('report.csv')}
          </Button>
        </span>
      </div>
    </div>
  );
}
