import { useTranslation } from 'react-i18next';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';
import ExpressionInput from '../expr-editor/ExpressionInput';
import { seal } from './edit';

/** Owner routing: the first rule whose condition holds gives the account's owner role. */
export function RoutingEditor() {
  const { t } = useTranslation('cta');
  const routing = useProject((p) => p.routing);
  const edit = (recipe: Parameters<typeof projectStore.edit>[1], key?: string) =>
    projectStore.edit(t('undo.routing'), recipe, key ? { coalesceKey: key } : undefined);
  return (
    <div className="cta-routing">
      <ol>
        {routing.rules.map((r, i) => (
          <li key={r.id} className="cta-rule">
            <span className="hm-caption">{t('routing.when')}</span>
            <ExpressionInput
              value={r.when}
              scope="routing"
              ariaLabel={t('routing.whenAria', { n: i + 1 })}
              onChange={(v) =>
                edit((p) => {
                  const x = p.routing.rules.find((y) => y.id === r.id);
                  if (x) x.when = v;
                }, `rt.${r.id}.w`)
              }
              onBlur={seal}
            />
            <span className="hm-caption">{t('routing.then')}</span>
            <input
              list="cta-roles"
              value={r.owner}
              aria-label={t('routing.ownerAria', { n: i + 1 })}
              onChange={(e) =>
                edit((p) => {
                  const x = p.routing.rules.find((y) => y.id === r.id);
                  if (x) x.owner = e.target.value;
                }, `rt.${r.id}.o`)
              }
              onBlur={seal}
            />
            <button
              type="button"
              className="hm-icon"
              disabled={i === 0}
              aria-label={t('routing.up', { n: i + 1 })}
              onClick={() =>
                edit((p) => {
                  const [x] = p.routing.rules.splice(i, 1);
                  p.routing.rules.splice(i - 1, 0, x);
                })
              }
            >
              ↑
            </button>
            <button
              type="button"
              className="hm-icon"
              aria-label={t('routing.remove', { n: i + 1 })}
              onClick={() =>
                edit((p) => {
                  p.routing.rules = p.routing.rules.filter((y) => y.id !== r.id);
                })
              }
            >
              ×
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="hm-add"
        onClick={() =>
          edit((p) => {
            let n = p.routing.rules.length + 1;
            while (p.routing.rules.some((x) => x.id === `rule_${n}`)) n++;
            p.routing.rules.push({ id: `rule_${n}`, when: '', owner: '' });
          })
        }
      >
        + {t('routing.add')}
      </button>
      <label className="cta-default-owner">
        {t('routing.default')}
        <input
          list="cta-roles"
          value={routing.defaultOwner}
          aria-label={t('routing.default')}
          onChange={(e) =>
            edit((p) => {
              p.routing.defaultOwner = e.target.value;
            }, 'rt.default')
          }
          onBlur={seal}
        />
      </label>
    </div>
  );
}
