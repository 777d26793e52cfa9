import { useTranslation } from 'react-i18next';
import type { Persona } from '../../../model';
import { projectStore } from '../../../store/projectStore';
import { useProject } from '../../common/useProject';
import { seal } from '../edit';
import type { LiveLayer } from './useLiveLayer';

/**
 * Who the map is for: a persona and the segment it serves. Choosing the segment also points
 * the live layer at it, so the numbers on the map are those of the customers it was drawn for.
 */
export function PersonaCard({ layer }: { layer: LiveLayer }) {
  const { t } = useTranslation('journeyLive');
  const persona = useProject((p) => p.journey.persona);
  const segments = useProject((p) => p.segments.items);
  const edit = (recipe: (p: Persona) => void, key?: string) =>
    projectStore.edit(
      t('persona.undo'),
      (d) => {
        const p = d.journey.persona ?? { name: '', description: '' };
        recipe(p);
        d.journey.persona = p;
      },
      key ? { coalesceKey: key } : undefined,
    );
  if (!persona)
    return (
      <button
        type="button"
        className="jm-persona-add no-print"
        data-testid="persona-add"
        onClick={() => edit(() => {})}
      >
        + {t('persona.add')}
      </button>
    );
  const missing = persona.segment && !segments.some((s) => s.id === persona.segment);
  return (
    <section className="jm-persona" data-testid="persona-card" aria-label={t('persona.title')}>
      <label>
        <span>{t('persona.name')}</span>
        <input
          data-testid="persona-name"
          value={persona.name}
          placeholder={t('persona.namePlaceholder')}
          onChange={(e) => edit((p) => void (p.name = e.target.value), 'jm.persona.name')}
          onBlur={seal}
        />
      </label>
      <label className="jm-persona-desc">
        <span>{t('persona.description')}</span>
        <textarea
          rows={2}
          data-testid="persona-description"
          value={persona.description}
          onChange={(e) => edit((p) => void (p.description = e.target.value), 'jm.persona.desc')}
          onBlur={seal}
        />
      </label>
      <label>
        <span>{t('persona.segment')}</span>
        <select
          data-testid="persona-segment"
          value={persona.segment ?? ''}
          onChange={(e) => {
            const id = e.target.value;
            edit((p) => {
              if (id) p.segment = id;
              else delete p.segment;
            });
            layer.setSegment(id);
          }}
        >
          <option value="">{t('persona.anySegment')}</option>
          {missing && <option value={persona.segment}>{persona.segment}</option>}
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label || s.id}
            </option>
          ))}
        </select>
        {missing && (
          <span className="jm-muted" role="alert">
            {t('persona.missingSegment', { id: persona.segment })}
          </span>
        )}
      </label>
      <button
        type="button"
        className="jm-icon no-print"
        aria-label={t('persona.remove')}
        title={t('persona.remove')}
        onClick={() =>
          projectStore.edit(t('persona.undo'), (d) => {
            delete d.journey.persona;
          })
        }
      >
        ×
      </button>
    </section>
  );
}
