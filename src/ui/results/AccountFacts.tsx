import { useTranslation } from 'react-i18next';
import {
  nextColour,
  type CompiledPlaybook,
  type LeverTarget,
  type ScoreResult,
} from '../../engine';
import type { Normalisation, Project } from '../../model';
import { columnOf, daysToIso, MISSING_BOOL, type AccountTable } from '../../table/columns';
import { dictAt } from '../../table/packedDict';
import { formatNumber } from '../../util/format';
import { colorLabel } from './colors';

type T = (k: string, o?: Record<string, unknown>) => string;

/** The account's own data: every declared field, labelled in the UI language, formatted. */
export function AccountAttributes({
  project,
  table,
  row,
}: {
  project: Project;
  table: AccountTable;
  row: number;
}) {
  const { t, i18n } = useTranslation('resultsWork');
  const lang = i18n.language;
  const ja = lang.startsWith('ja');
  const src = project.journey.stageSource;
  const stageField = src.kind === 'field' ? src.stageField : undefined;
  const value = (id: string, unit: string | undefined): string => {
    const col = columnOf(table, id);
    if (!col) return '—';
    // The stage field holds stage ids: shown by the stage's name.
    if (id === stageField && col.type === 'string' && col.codes[row] >= 0) {
      const sid = dictAt(col, col.codes[row]);
      return project.journey.stages.find((s) => s.id === sid)?.label || sid;
    }
    switch (col.type) {
      case 'number':
        return formatNumber(col.values[row], lang, { unit });
      case 'date':
        return Number.isNaN(col.values[row]) ? '—' : daysToIso(col.values[row]);
      case 'boolean':
        return col.values[row] === MISSING_BOOL
          ? '—'
          : col.values[row]
            ? t('value.yes')
            : t('value.no');
      case 'string':
        return col.codes[row] < 0 ? '—' : dictAt(col, col.codes[row]);
    }
  };
  return (
    <section className="card" data-testid="account-attributes">
      <h3>{t('attributes.title')}</h3>
      <p className="hint">{t('attributes.hint')}</p>
      <dl className="account-attrs">
        {project.fields.fields.map((f) => (
          <div key={f.id} data-field={f.id}>
            <dt>{(ja ? f.label.ja : f.label.en) || f.label.en || f.label.ja || f.id}</dt>
            <dd data-testid={`attr-${f.id}`}>{value(f.id, f.unit)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** A normalisation in words: "0–100", "tiers ≥9: 100, ≥7: 50; below: 0 pts", "strong: 100, …". */
export function describeNormalisation(
  n: Normalisation,
  invert: boolean,
  lang: string,
  t: T,
): string {
  const f = (v: number) => formatNumber(v, lang);
  switch (n.kind) {
    case 'linear':
      return t(invert ? 'norm.linearInverted' : 'norm.linear', { min: f(n.min), max: f(n.max) });
    case 'tiers':
      return t('norm.tiers', {
        tiers: n.tiers.map((x) => `≥${f(x.min)}: ${f(x.points)}`).join(', '),
        below: f(n.below),
      });
    case 'category': {
      const values = Object.entries(n.points)
        .map(([k, p]) => `${k}: ${f(p)}`)
        .join(', ');
      const rest =
        n.otherwise === undefined
          ? t('norm.uncounted')
          : t('norm.otherwise', { points: f(n.otherwise) });
      return `${t('norm.category', { values })}; ${rest}`;
    }
  }
}

/**
 * Which normalisation scored this measure for this account: the segment's override, named as
 * such, or the base model's.
 */
export function normalisationUsed(
  project: Project,
  segment: string,
  measure: string,
): { source: 'override' | 'base'; n: Normalisation; invert: boolean } | null {
  const m = project.health.measures.find((x) => x.id === measure);
  if (!m) return null;
  const o = project.health.overrides.find((x) => x.segment === segment)?.normalise?.[measure];
  return o
    ? { source: 'override', n: o, invert: m.invert }
    : { source: 'base', n: m.normalise, invert: m.invert };
}

const OPS: Record<LeverTarget['op'], string> = {
  '>=': '≥',
  '>': '>',
  '<=': '≤',
  '<': '<',
  '=': '=',
};

/** "+4.2 points to reach lime: the largest levers are …", from the model as scored. */
export function NextColourPanel({
  compiled,
  result,
  row,
  project,
}: {
  compiled: CompiledPlaybook;
  result: ScoreResult;
  row: number;
  project: Project;
}) {
  const { t, i18n } = useTranslation('resultsWork');
  const { t: tr } = useTranslation('results');
  const lang = i18n.language;
  const n = nextColour(compiled, result, row);
  const scored = !Number.isNaN(result.total[row]) && result.color[row] >= 0;
  const name = (id: string) => colorLabel(project.health, id, tr);
  // Booleans read as yes/no in the UI language (a target of a yes/no measure is 'true'/'false').
  const show = (v: number | string | boolean) =>
    typeof v === 'number'
      ? formatNumber(v, lang)
      : v === true || v === 'true'
        ? t('value.yes')
        : v === false || v === 'false'
          ? t('value.no')
          : v;
  return (
    <section className="card" data-testid="account-levers">
      <h3>{n ? t('levers.title', { color: name(n.next) }) : tr('account.score')}</h3>
      {!scored ? (
        <p>{t('levers.noScore')}</p>
      ) : !n ? (
        <p data-testid="levers-best">{t('levers.best')}</p>
      ) : (
        <>
          <p data-testid="levers-gap">
            {t(n.inclusive ? 'levers.gap' : 'levers.gapStrict', {
              gap: formatNumber(n.gap, lang, { digits: 1 }),
              color: name(n.next),
              min: formatNumber(n.min, lang),
            })}
          </p>
          {n.levers.length === 0 ? (
            <p>{t('levers.none')}</p>
          ) : (
            <>
              <p>{t('levers.lead')}</p>
              <ul className="levers">
                {n.levers.slice(0, 3).map((l) => (
                  <li key={l.measure} data-testid={`lever-${l.measure}`}>
                    {l.raw === null
                      ? // A missing value: what recording one would do, as re-scoring computes.
                        t(l.missing === 'zero' ? 'levers.itemMissingZero' : 'levers.itemMissing', {
                          measure: l.label,
                          target: `${OPS[l.target.op]} ${show(l.target.value)}`,
                          gain: formatNumber(l.gain, lang, { digits: 1 }),
                          breakEven: formatNumber(l.breakEven ?? 0, lang, { digits: 1 }),
                        })
                      : t('levers.item', {
                          measure: l.label,
                          from: show(l.raw),
                          target: `${OPS[l.target.op]} ${show(l.target.value)}`,
                          gain: formatNumber(l.gain, lang, { digits: 1 }),
                        })}{' '}
                    <span className={`tag${l.closesGap ? '' : ' tag-muted'}`}>
                      {t(l.closesGap ? 'levers.closes' : 'levers.notEnough')}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
