import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diffPlaybooks, mrrFieldOf, playbookFingerprint, type Project } from '../../model';
import { migratedAccounts, migrationMatrix } from '../../engine/migration';
import { mrrNotes, summaryMoves, type ColorMove, type CountMove } from '../../engine/summaryMoves';
import { runHeader } from '../../store/runStore';
import type { Summary } from '../../engine';
import { formatCount, formatNumber } from '../../util/format';
import { Button } from '../common';
import { accountNames } from './accountNames';
import { colorLabel } from './colors';
import { resultLabels } from './labels';
import { MigrationTable, type MigrationCell } from './MigrationTable';
import { whatIfSides, whatIfStore, type WhatIf } from './whatIf';
import { idAt } from '../../table/runIds';

/** A signed change: +12 / −3 / ±0 (a true minus sign), `text` formats the magnitude. */
const signed = (d: number, text: (v: number) => string) =>
  d === 0 ? `±${text(0)}` : (d > 0 ? '+' : '−') + text(Math.abs(d));

/**
 * A what-if preview (whatIf.ts) beside the stored run it would replace: which accounts change
 * colour (the History tab's matrix; a cell lists its accounts with their company names, linked
 * to their account pages, and downloads as CSV), how the colour distribution (accounts, share of
 * accounts, MRR), CTA counts by type and accounts per segment move. Labelled as not saved, naming
 * the model and the stored run; Save goes through the replace dialog, Discard forgets it.
 */
export function WhatIfPanel({
  w,
  project,
  onSave,
  onOpenAccount,
}: {
  w: WhatIf;
  project: Project;
  onSave: () => void;
  /** Open an account's page (the stored run's); the preview is kept for Back. */
  onOpenAccount?: (accountId: string) => void;
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
  // In the preview's state: Back from an account page opened from the list finds it still open.
  const cell: MigrationCell | null = w.cell ?? null;
  const accounts = useMemo(
    () =>
      sides && cell && w.result
        ? migratedAccounts(sides[0], sides[1], cell.from, cell.to).map((j) => idAt(w.result!, j))
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
  const lang = i18n.language;
  const fmt = (n: number) => n.toLocaleString(lang);
  // The preview's accounts are the rows of the data it scored: names from there.
  const names = useMemo(
    () => w.result && accountNames(w.result, w.opts.table, project.fields.nameField),
    [w.result, w.opts.table, project.fields.nameField],
  );
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
              <td className="num">{signed(r.after - r.before, fmt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );

  const colorTable = (rows: ColorMove[]) => {
    const m = moves!.mrr;
    const field = m.after?.field ?? m.before?.field ?? null;
    const ja = lang.startsWith('ja');
    const fieldDef = field ? project.fields.fields.find((f) => f.id === field) : undefined;
    const fieldName = fieldDef?.label[ja ? 'ja' : 'en'] || field || '';
    const money = (v: number | null) => formatNumber(v, lang, { unit: fieldDef?.unit });
    const pct = (v: number) => formatNumber(v, lang, { digits: 1, unit: '%' });
    const pts = (v: number) => formatNumber(v, lang, { digits: 1 });
    const showMrr = !!field;
    const notes = mrrNotes(m, mrrFieldOf(project.fields)).map((n): [string, string] => {
      switch (n.kind) {
        case 'no-field':
          return [n.kind, t('whatIf.mrrNoField')];
        case 'not-summed':
          return [n.kind, t('whatIf.mrrNotSummed', { field: n.field })];
        case 'not-stored':
          return [n.kind, t('whatIf.mrrNotStored')];
        case 'not-preview':
          return [n.kind, t('whatIf.mrrNotPreview')];
        case 'other-field':
          return [n.kind, t('whatIf.mrrOtherField', { before: n.before, after: n.after })];
        case 'missing':
          return [
            n.kind,
            t('whatIf.mrrMissing', {
              before: n.before === null ? '—' : formatCount(n.before, lang),
              after: n.after === null ? '—' : formatCount(n.after, lang),
            }),
          ];
      }
    });
    const ofMrr = (v: number | null, side: { total: number } | null) =>
      v !== null && side && side.total ? (
        <span className="hint">
          {' '}
          ({t('whatIf.mrrShareHint', { share: pct((100 * v) / side.total) })})
        </span>
      ) : null;
    const groups: ['before' | 'after' | 'change', string][] = [
      ['before', t('whatIf.colStored')],
      ['after', t('whatIf.colPreview')],
      ['change', t('whatIf.colChange')],
    ];
    return (
      <>
        <h3>{t('whatIf.colorsTitle')}</h3>
        <div className="what-if-scroll">
          <table className="grid what-if-colors" data-testid="what-if-colors">
            <thead>
              <tr>
                <th rowSpan={2}>{t('whatIf.colColor')}</th>
                {groups.map(([k, title]) => (
                  <th key={k} colSpan={showMrr ? 3 : 2} className="group">
                    {title}
                  </th>
                ))}
              </tr>
              <tr>
                {groups.map(([k]) => (
                  <Fragment key={k}>
                    <th className="num">{t('whatIf.colAccounts')}</th>
                    <th className="num">
                      {k === 'change' ? t('whatIf.colShareChange') : t('whatIf.colShare')}
                    </th>
                    {showMrr && (
                      <th className="num">
                        {/* The field named unless it is called MRR already. */}
                        {/^mrr$/i.test(fieldName)
                          ? t('whatIf.colMrrPlain')
                          : t('whatIf.colMrr', { field: fieldName })}
                      </th>
                    )}
                  </Fragment>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-key={r.key}>
                  <td>{label(r.key)}</td>
                  <td className="num" data-col="before">
                    {fmt(r.before)}
                  </td>
                  <td className="num" data-col="before-share">
                    {pct(r.shareBefore)}
                  </td>
                  {showMrr && (
                    <td className="num" data-col="before-mrr">
                      {money(r.mrrBefore)}
                      {ofMrr(r.mrrBefore, m.before)}
                    </td>
                  )}
                  <td className="num" data-col="after">
                    {fmt(r.after)}
                  </td>
                  <td className="num" data-col="after-share">
                    {pct(r.shareAfter)}
                  </td>
                  {showMrr && (
                    <td className="num" data-col="after-mrr">
                      {money(r.mrrAfter)}
                      {ofMrr(r.mrrAfter, m.after)}
                    </td>
                  )}
                  <td className="num" data-col="change">
                    {signed(r.after - r.before, fmt)}
                  </td>
                  <td className="num" data-col="change-share">
                    {Number.isNaN(r.shareAfter - r.shareBefore)
                      ? '—'
                      : signed(
                          // Rounded first: a change that shows as 0.0 is ±0.0, not +0.0.
                          Math.round(10 * (r.shareAfter - r.shareBefore)) / 10,
                          pts,
                        )}
                  </td>
                  {showMrr && (
                    <td className="num" data-col="change-mrr">
                      {m.comparable && r.mrrBefore !== null && r.mrrAfter !== null
                        ? signed(r.mrrAfter - r.mrrBefore, money)
                        : '—'}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {notes.map(([k, text]) => (
          <p key={k} className="hint" data-testid={`what-if-mrr-${k}`}>
            {text}
          </p>
        ))}
      </>
    );
  };

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
          <section className="card">{colorTable(moves.colors)}</section>
          <section className="card what-if-counts">
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
              onCell={whatIfStore.setCell}
              onOpenAccount={onOpenAccount}
              names={names || undefined}
              fileName={`what-if-${w.opts.asOf}`}
            />
          </section>
        </>
      )}
    </section>
  );
}
