import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffPlaybooks, playbookFingerprint, type Project } from '../../model';
import { migratedAccounts, migrationMatrix } from '../../engine/migration';
import { summaryMoves, type CountMove } from '../../engine/summaryMoves';
import { runHeader } from '../../store/runStore';
import type { Summary } from '../../engine';
import { Button } from '../common';
import { colorLabel } from './colors';
import { resultLabels } from './labels';
import { MigrationTable, type MigrationCell } from './MigrationTable';
import { whatIfSides, whatIfStore, type WhatIf } from './whatIf';

/**
 * A what-if preview (whatIf.ts) beside the stored run it would replace: which accounts change
 * colour (the History tab's matrix, cells list their accounts), how the colour distribution, CTA
 * counts by type and accounts per segment move. Labelled as not saved, naming the model and the
 * stored run; Save goes through the replace dialog, Discard forgets it.
 */
export function WhatIfPanel({
  w,
  project,
  onSave,
}: {
  w: WhatIf;
  project: Project;
  onSave: () => void;
}) {
  const { t, i18n } = useTranslation('history');
  const { t: tr } = useTranslation('results');
  const against = w.against;
  const model = useMemo(() => {
    const fingerprint = playbookFingerprint(w.opts.playbook).slice(0, 8);
    const list = against.playbook
      ? diffPlaybooks(against.playbook, w.opts.playbook)
          .map((c) => t(`stale.kinds.${c.kind}`, { count: c.count }))
          .join(t('stale.separator'))
      : '';
    return list
      ? t('whatIf.model', { fingerprint, changes: list })
      : t('whatIf.modelSame', { fingerprint });
  }, [w.opts.playbook, against.playbook, t]);
  const sides = useMemo(() => whatIfSides(w), [w]);
  const matrix = useMemo(() => sides && migrationMatrix(sides[0], sides[1]), [sides]);
  const [cell, setCell] = useState<MigrationCell | null>(null);
  const accounts = useMemo(
    () =>
      sides && cell && w.result
        ? migratedAccounts(sides[0], sides[1], cell.from, cell.to).map(
            (j) => w.result!.accountIds[j],
          )
        : [],
    [sides, cell, w.result],
  );
  const labels = resultLabels(project, tr);
  const label = (c: string) => (c ? colorLabel(project.health, c, tr) : tr('colors.none'));
  const moves = useMemo(
    () =>
      w.summary &&
      summaryMoves(runHeader(against).summary as Summary, w.summary, {
        colors: project.health.bands.map((b) => b.id),
        segments: project.segments.items.map((s) => s.id),
      }),
    [w.summary, against, project.health.bands, project.segments.items],
  );
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  const table = (
    testid: string,
    title: string,
    keyHead: string,
    rows: CountMove[],
    name: (key: string) => string,
  ) => (
    <>
      <h3>{title}</h3>
      <table className="grid" data-testid={testid}>
        <thead>
          <tr>
            <th>{keyHead}</th>
            <th className="num">{t('whatIf.colStored')}</th>
            <th className="num">{t('whatIf.colPreview')}</th>
            <th className="num">{t('whatIf.colChange')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <td>{name(r.key)}</td>
              <td className="num">{fmt(r.before)}</td>
              <td className="num">{fmt(r.after)}</td>
              <td className="num">
                {r.after === r.before
                  ? '±0'
                  : (r.after > r.before ? '+' : '−') + fmt(Math.abs(r.after - r.before))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );

  return (
    <section className="what-if" data-testid="what-if">
      <div className="warning-box what-if-label" role="status" data-testid="what-if-label">
        <strong>{t('whatIf.title')}</strong>
        <div data-testid="what-if-model">{model}</div>
        <div data-testid="what-if-against">
          {t(against.datasetId === w.opts.datasetId ? 'whatIf.against' : 'whatIf.againstOther', {
            asOf: against.asOf,
            date: new Date(against.createdAt).toLocaleString(i18n.language),
            fingerprint: (against.fingerprint ?? '').slice(0, 8) || '—',
            dataset: against.imported?.dataset ?? runHeader(against).datasetName ?? '',
            current: w.opts.datasetName ?? '',
          })}
        </div>
        <div>{t('whatIf.notSaved')}</div>
        <div className="what-if-actions">
          <Button
            variant="primary"
            data-testid="what-if-save"
            disabled={w.status !== 'ready'}
            onClick={onSave}
          >
            {t('whatIf.save', { asOf: w.opts.asOf })}
          </Button>{' '}
          <Button data-testid="what-if-discard" onClick={() => whatIfStore.discard()}>
            {t('whatIf.discard')}
          </Button>
        </div>
      </div>
      {w.status === 'running' && (
        <p className="run-progress" data-testid="what-if-running">
          <span>
            {t('whatIf.running', { phase: tr(`run.phases.${w.phase}`, { defaultValue: w.phase }) })}
          </span>
          <progress max={1} value={w.fraction} />
        </p>
      )}
      {w.status === 'failed' && (
        <p className="card-error" role="alert" data-testid="what-if-error">
          {t('whatIf.failed', { message: w.error })}
        </p>
      )}
      {matrix && moves && (
        <>
          <section className="card what-if-counts">
            <div>
              {table(
                'what-if-colors',
                t('whatIf.colorsTitle'),
                t('whatIf.colColor'),
                moves.colors,
                label,
              )}
            </div>
            <div>
              {table(
                'what-if-ctas',
                t('whatIf.ctasTitle'),
                t('whatIf.colType'),
                moves.ctaTypes,
                labels.ctaType,
              )}
            </div>
            <div>
              {table(
                'what-if-segments',
                t('whatIf.segmentsTitle'),
                t('whatIf.colSegment'),
                moves.segments,
                labels.segment,
              )}
            </div>
          </section>
          <section className="card" data-testid="migration">
            <h3>{t('whatIf.matrixTitle')}</h3>
            <MigrationTable
              matrix={matrix}
              label={label}
              cell={cell}
              accounts={accounts}
              onCell={setCell}
            />
          </section>
        </>
      )}
    </section>
  );
}
