import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CtaType } from '../../model';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';
import { CtaCard } from './CtaCard';
import { RoutingEditor } from './RoutingEditor';
import { uniqueCtaId } from './edit';
import { useCtaFocusRequest } from './useFocusRequest';
import '../health/health.css';
import './cta.css';

/** Calls to action (expansion / risk / lifecycle) and the owner-routing rule. */
/** Owner roles offered in the owner inputs' suggestion list (texts in `cta.roleSuggestions`). */
const ROLE_SUGGESTIONS = ['cs', 'csOps', 'highTouch', 'sales', 'insideSales'] as const;

export default function CtaView() {
  const { t } = useTranslation('cta');
  const ctas = useProject((p) => p.ctas);
  const stagesRaw = useProject((p) => p.journey.stages);
  const segmentsRaw = useProject((p) => p.segments.items);
  const routing = useProject((p) => p.routing);
  const fieldsRaw = useProject((p) => p.fields.fields);
  const lang = useTranslation().i18n.language;
  // Fields that can name a person: text and category.
  const personFields = useMemo(
    () =>
      fieldsRaw
        .filter((f) => f.type === 'string' || f.type === 'category')
        .map((f) => ({
          id: f.id,
          label: (lang === 'ja' ? f.label.ja : f.label.en) || f.label.ja || f.label.en || f.id,
        })),
    [fieldsRaw, lang],
  );
  const focus = useCtaFocusRequest();
  const stages = useMemo(() => stagesRaw.map((s) => ({ id: s.id, label: s.label })), [stagesRaw]);
  const segments = useMemo(
    () => segmentsRaw.map((s) => ({ id: s.id, label: s.label })),
    [segmentsRaw],
  );
  const roles = useMemo(() => {
    const set = new Set<string>([
      routing.defaultOwner,
      ...routing.rules.map((r) => r.owner),
      ...ctas.map((c) => c.ownerRole),
      ...ROLE_SUGGESTIONS.map((k) => t(`roleSuggestions.${k}`)),
    ]);
    set.delete('');
    return [...set];
  }, [ctas, routing, t]);
  const add = (type: CtaType) => {
    projectStore.edit(t('undo.add'), (p) => {
      p.ctas.push({
        id: uniqueCtaId(p.ctas.map((c) => c.id)),
        label: t('newLabel', { type: t(`type.${type}`) }),
        type,
        trigger: '',
        priority: 'medium',
        ownerRole: '',
        dueInDays: 7,
        segments: [],
        stages: [],
        steps: [],
      });
    });
    requestAnimationFrame(() => {
      const labels = document.querySelectorAll<HTMLInputElement>('.cta-view input.cta-label');
      labels[labels.length - 1]?.select();
    });
  };
  const counts = Object.fromEntries(
    (['expansion', 'risk', 'lifecycle', 'other'] as const).map((k) => [
      k,
      ctas.filter((c) => c.type === k).length,
    ]),
  );
  return (
    <section className="cta-view" aria-labelledby="cta-title">
      <h2 id="cta-title">{t('title')}</h2>
      <p className="hm-muted">{t('intro')}</p>
      {focus.note && (
        <p className="cta-focus-note" role="status" data-testid="cta-focus-note">
          {focus.note}
        </p>
      )}
      <div className="cta-toolbar">
        {(['expansion', 'risk', 'lifecycle', 'other'] as const).map((k) => (
          <button type="button" key={k} className={`cta-add cta-${k}`} onClick={() => add(k)}>
            + {t(`type.${k}`)} <span className="cta-count">{counts[k]}</span>
          </button>
        ))}
      </div>
      {ctas.length === 0 && <p className="hm-muted">{t('empty')}</p>}
      <ul className="cta-list">
        {ctas.map((c, i) => (
          <CtaCard
            key={c.id}
            cta={c}
            index={i}
            count={ctas.length}
            stages={stages}
            segments={segments}
            personFields={personFields}
            focused={c.id === focus.id}
          />
        ))}
      </ul>
      <datalist id="cta-roles">
        {roles.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <section className="hm-section" aria-labelledby="cta-routing">
        <h3 id="cta-routing">{t('routing.title')}</h3>
        <p className="hm-muted">{t('routing.intro')}</p>
        <RoutingEditor />
      </section>
    </section>
  );
}
