import { useTranslation } from 'react-i18next';
import type { Normalisation, Project } from '../../model';

type T = (key: string, opts?: Record<string, unknown>) => string;

function normText(n: Normalisation, t: T): string {
  if (n.kind === 'tiers') return t('health.tiers', { count: n.tiers.length });
  if (n.kind === 'linear') return t('health.linear', { min: n.min, max: n.max });
  return t('health.category', { count: Object.keys(n.points).length });
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/**
 * The health model on one screen: each dimension with its measures, weights and their share of
 * the total weight, how raw values become points, the colour bands and each segment's overrides.
 */
export function HealthOverview({ project, href }: { project: Project; href: string }) {
  const { t } = useTranslation('overview');
  const h = project.health;
  const total = h.measures.reduce((a, m) => a + m.weight, 0);
  const measureLabel = new Map(h.measures.map((m) => [m.id, m.label || m.id]));
  const segLabel = new Map(project.segments.items.map((s) => [s.id, s.label || s.id]));
  const bandLabel = new Map(h.bands.map((b) => [b.id, b.label || b.id]));
  return (
    <section className="ov-section" aria-labelledby="ov-health">
      <h3 id="ov-health">
        <a href={href}>{t('health.title')}</a>
      </h3>
      <div className="ov-health">
        <table className="ov-table" data-testid="ov-measures">
          <thead>
            <tr>
              <th>{t('health.dimension')}</th>
              <th>{t('health.measure')}</th>
              <th className="ov-num">{t('health.weight')}</th>
              <th className="ov-num">{t('health.share')}</th>
              <th>{t('health.normalise')}</th>
            </tr>
          </thead>
          <tbody>
            {h.dimensions.map((d) => {
              const ms = h.measures.filter((m) => m.dimension === d.id);
              const dimWeight = ms.reduce((a, m) => a + m.weight, 0);
              return [
                <tr key={d.id} className="ov-dim" data-dimension={d.id}>
                  <th scope="rowgroup">{d.label || d.id}</th>
                  <td className="jm-muted">{ms.length === 0 ? t('health.noMeasures') : ''}</td>
                  <td className="ov-num">{dimWeight}</td>
                  <td className="ov-num">
                    {total > 0 ? pct(dimWeight / total) : t('health.none')}
                  </td>
                  <td />
                </tr>,
                ...ms.map((m) => (
                  <tr key={m.id} data-measure={m.id}>
                    <td />
                    <td title={m.expr}>{m.label || m.id}</td>
                    <td className="ov-num">{m.weight}</td>
                    <td className="ov-num">
                      {total > 0 ? pct(m.weight / total) : t('health.none')}
                    </td>
                    <td>
                      {normText(m.normalise, t)}
                      {m.invert && <span className="ov-tag">{t('health.inverted')}</span>}
                    </td>
                  </tr>
                )),
              ];
            })}
          </tbody>
        </table>
        <div className="ov-side">
          <h4>{t('health.bands')}</h4>
          <ul className="ov-bands" data-testid="ov-bands">
            {h.bands.map((b) => (
              <li key={b.id}>
                <span className="ov-swatch" style={{ background: b.color }} />
                {b.label || b.id}{' '}
                <span className="jm-muted">
                  {t(b.inclusive ? 'health.bandMin' : 'health.bandMinExclusive', { min: b.min })}
                </span>
              </li>
            ))}
          </ul>
          <p className="jm-muted">
            {t('health.missing', { rule: t(`health.missingRule.${h.missing}`) })}
          </p>
          <h4>{t('health.overrides')}</h4>
          {h.overrides.length === 0 ? (
            <p className="jm-muted">{t('health.noOverrides')}</p>
          ) : (
            <table className="ov-table" data-testid="ov-overrides">
              <thead>
                <tr>
                  <th>{t('health.segment')}</th>
                  <th>{t('health.weights')}</th>
                  <th>{t('health.normalisations')}</th>
                  <th>{t('health.ownBands')}</th>
                  <th>{t('health.requiredColor')}</th>
                </tr>
              </thead>
              <tbody>
                {h.overrides.map((o) => (
                  <tr key={o.segment}>
                    <td>{segLabel.get(o.segment) ?? o.segment}</td>
                    <td>
                      {Object.entries(o.weights ?? {})
                        .map(([id, w]) => `${measureLabel.get(id) ?? id} ${w}`)
                        .join(', ') || t('health.none')}
                    </td>
                    <td>
                      {Object.keys(o.normalise ?? {})
                        .map((id) => measureLabel.get(id) ?? id)
                        .join(', ') || t('health.none')}
                    </td>
                    <td>{o.bands ? t('health.yes') : t('health.none')}</td>
                    <td>
                      {o.requiredColor
                        ? (bandLabel.get(o.requiredColor) ?? o.requiredColor)
                        : t('health.none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
