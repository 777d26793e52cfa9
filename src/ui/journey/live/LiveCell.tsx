import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSelection, StageLive } from '../../../engine';
import type { Project, Stage } from '../../../model';
import { colorHex, colorLabel } from '../../results/colors';

/** The default locale's number format (what toLocaleString() gives), made once, not per number. */
const numberFormat = new Intl.NumberFormat();

const pct = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.001 ? 2 : 1)}%`;
const fmtDays = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** A number that opens the Results account list holding exactly its accounts. */
function Num({
  n,
  what,
  sel,
  open,
  testId,
  className,
}: {
  n: number;
  what: string;
  sel: AccountSelection;
  open: (sel: AccountSelection) => void;
  testId?: string;
  className?: string;
}) {
  const { t } = useTranslation('journeyLive');
  const title = t('cell.open', { what, count: n as never });
  return (
    <button
      type="button"
      className={`jm-num${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-count={n}
      title={title}
      aria-label={title}
      onClick={() => open(sel)}
    >
      {numberFormat.format(n)}
    </button>
  );
}

/**
 * One stage's live numbers (the first row of the map when a run is shown). Memoised with props
 * that stay the same while another stage is edited (the run's health model, not the whole
 * project as run), so a keystroke re-renders only the edited stage's cell.
 */
export const LiveCell = memo(function LiveCell({
  stage,
  live,
  segmentScope,
  health,
  expected,
  open,
}: {
  stage: Stage;
  /** The stage's expected days in the run's own playbook (what its behind/stuck used). */
  expected: number | undefined;
  live: StageLive | undefined;
  segmentScope: boolean;
  /** The health model the run scored with (colours and their labels). */
  health: Project['health'];
  open: (sel: AccountSelection) => void;
}) {
  const { t } = useTranslation('journeyLive');
  const { t: tr } = useTranslation('results');
  if (!live)
    return (
      <p className="jm-muted" data-testid={`live-${stage.id}-absent`}>
        {t('cell.notInRun')}
      </p>
    );
  const id = stage.id;
  const base: AccountSelection = { stage: id };
  const hex = colorHex(health);
  const label = (c: string) => (c ? colorLabel(health, c, tr) : tr('colors.none'));
  return (
    <div className="jm-live" data-testid={`live-${id}`}>
      <div className="jm-live-count">
        <Num
          n={live.count}
          what={t('cell.accounts', { count: live.count, formatted: '' }).trim()}
          sel={base}
          open={open}
          testId={`live-${id}-count`}
          className="jm-num-big"
        />{' '}
        <span className="jm-muted">
          {t('cell.accounts', { count: live.count, formatted: '' }).trim()} ·{' '}
          {t('cell.share', {
            share: pct(live.share),
            scope: segmentScope ? t('cell.scopeSegment') : t('cell.scopeAll'),
          })}
        </span>
      </div>
      {live.count > 0 && (
        <div className="jm-mix" role="group" aria-label={t('cell.colorMix')}>
          {live.colors.map((c) => (
            <button
              key={c.color || 'none'}
              type="button"
              className="jm-mix-part"
              data-testid={`live-${id}-color-${c.color || 'none'}`}
              data-count={c.count}
              style={{ flexGrow: c.count, background: hex[c.color] ?? '#9e9e9e' }}
              title={t('cell.open', {
                what: t('cell.colorPart', { color: label(c.color), count: c.count as never }),
                count: c.count as never,
              })}
              aria-label={t('cell.colorPart', { color: label(c.color), count: c.count as never })}
              onClick={() => open({ ...base, color: c.color })}
            />
          ))}
        </div>
      )}
      <div className="jm-live-sec">
        <div className="jm-live-h">{t('cell.criteria')}</div>
        {live.criteria.length === 0 ? (
          <span className="jm-muted">{t('cell.noCriteria')}</span>
        ) : (
          <ul className="jm-crit">
            {live.criteria.map((c) => (
              <li
                key={c.id}
                className={c.wall ? 'jm-wall' : undefined}
                data-testid={`live-${id}-crit-${c.id}`}
              >
                <span className="jm-crit-label">
                  {c.wall && (
                    <span className="jm-wall-tag" title={t('cell.wallTitle')}>
                      {t('cell.wall')}
                    </span>
                  )}
                  {c.label || c.id}{' '}
                  {!c.required && <span className="jm-muted">{t('cell.optional')}</span>}
                </span>
                <span className="jm-crit-n">
                  <span className="jm-met">
                    ✓{' '}
                    <Num
                      n={c.met}
                      what={`${c.label} ${t('cell.met')}`}
                      sel={{ ...base, criterion: c.id, status: 'met' }}
                      open={open}
                      testId={`live-${id}-crit-${c.id}-met`}
                    />
                  </span>
                  <span className="jm-notmet">
                    ✗{' '}
                    <Num
                      n={c.notMet}
                      what={`${c.label} ${t('cell.notMet')}`}
                      sel={{ ...base, criterion: c.id, status: 'not_met' }}
                      open={open}
                      testId={`live-${id}-crit-${c.id}-not_met`}
                    />
                  </span>
                  <span className="jm-unknown">
                    ?{' '}
                    <Num
                      n={c.unknown}
                      what={`${c.label} ${t('cell.unknown')}`}
                      sel={{ ...base, criterion: c.id, status: 'unknown' }}
                      open={open}
                      testId={`live-${id}-crit-${c.id}-unknown`}
                    />
                  </span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="jm-live-sec" data-testid={`live-${id}-days`}>
        <div className="jm-live-h">{t('cell.days')}</div>
        {live.days.known === 0 ? (
          <span className="jm-muted">{t('cell.daysUnknown')}</span>
        ) : (
          <>
            <div>
              {t('cell.median')}{' '}
              <strong className={expected && live.days.median! > expected ? 'jm-over' : undefined}>
                {t('cell.daysUnit', { n: fmtDays(live.days.median!) })}
              </strong>{' '}
              · {t('cell.p90')}{' '}
              <strong className={expected && live.days.p90! > expected ? 'jm-over' : undefined}>
                {t('cell.daysUnit', { n: fmtDays(live.days.p90!) })}
              </strong>
            </div>
            <div className="jm-muted">
              {expected ? t('cell.expected', { days: expected }) : t('cell.noExpected')} ·{' '}
              <Num
                n={live.days.known}
                what={t('cell.days')}
                sel={{ ...base, daysKnown: true }}
                open={open}
                testId={`live-${id}-days-known`}
              />{' '}
              {t('cell.knownOf', { total: numberFormat.format(live.count) })}
            </div>
          </>
        )}
      </div>
      <div className="jm-live-flow">
        <span title={t('cell.readyTitle')}>
          {t('cell.ready')}{' '}
          <Num
            n={live.ready}
            what={t('cell.ready')}
            sel={{ ...base, ready: true }}
            open={open}
            testId={`live-${id}-ready`}
          />
        </span>
        <span title={t('cell.behindTitle')}>
          {t('cell.behind')}{' '}
          <Num
            n={live.behind}
            what={t('cell.behind')}
            sel={{ ...base, progress: 'behind' }}
            open={open}
            testId={`live-${id}-behind`}
          />
        </span>
        <span title={t('cell.stuckTitle')}>
          {t('cell.stuck')}{' '}
          <Num
            n={live.stuck}
            what={t('cell.stuck')}
            sel={{ ...base, progress: 'stuck' }}
            open={open}
            testId={`live-${id}-stuck`}
            className={live.stuck > 0 ? 'jm-num-warn' : undefined}
          />
        </span>
      </div>
      <div className="jm-live-sec">
        <div className="jm-live-h">{t('cell.ctas')}</div>
        {live.ctas.length === 0 ? (
          <span className="jm-muted">{t('cell.noCtas')}</span>
        ) : (
          <ul className="jm-live-ctas">
            {live.ctaTypes.map(({ type, accounts }) => (
              <li key={type} className={`jm-cta-${type}`}>
                <span className="jm-cta-type">{tr(`ctaTypes.${type}`)}</span>{' '}
                <Num
                  n={accounts}
                  what={tr(`ctaTypes.${type}`)}
                  sel={{ ...base, ctaType: type }}
                  open={open}
                  testId={`live-${id}-ctatype-${type}`}
                />
                <ul>
                  {live.ctas
                    .filter((c) => c.type === type)
                    .map((c) => (
                      <li key={c.id}>
                        {c.label || c.id}{' '}
                        <Num
                          n={c.count}
                          what={c.label || c.id}
                          sel={{ ...base, cta: c.id }}
                          open={open}
                          testId={`live-${id}-cta-${c.id}`}
                        />
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
});
