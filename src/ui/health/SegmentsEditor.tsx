import { useTranslation } from 'react-i18next';
import { projectStore } from '../../store/projectStore';
import { useProject } from '../common/useProject';
import ExpressionInput from '../expr-editor/ExpressionInput';
import { seal } from './edit';
import { deleteSegment } from './overrideOps';
import { notify } from '../common';
import { SegmentCount, useSegmentAssignment } from './SegmentCount';
import { SegmentIdInput } from './SegmentIdInput';

/** Segments: ordered rules (first match wins) and the default for accounts no rule matches. */
export function SegmentsEditor() {
  const { t } = useTranslation('health');
  const segs = useProject((p) => p.segments);
  const assignment = useSegmentAssignment();
  const edit = (label: string, recipe: Parameters<typeof projectStore.edit>[1], key?: string) =>
    projectStore.edit(label, recipe, key ? { coalesceKey: key } : undefined);
  return (
    <div className="hm-segments">
      <ol>
        {segs.items.map((s, i) => (
          <li key={s.id} className="hm-segment" data-segment={s.id}>
            <div className="hm-segment-head">
              <input
                value={s.label}
                aria-label={t('segments.labelAria', { n: i + 1 })}
                placeholder={t('segments.labelPlaceholder')}
                onChange={(e) =>
                  edit(
                    t('undo.editSegment'),
                    (p) => {
                      const x = p.segments.items.find((y) => y.id === s.id);
                      if (x) x.label = e.target.value;
                    },
                    `hm.seg.${s.id}.l`,
                  )
                }
                onBlur={seal}
              />
              <SegmentIdInput id={s.id} items={segs.items} />
              <label className="hm-check">
                <input
                  type="radio"
                  name="hm-default-segment"
                  checked={segs.defaultId === s.id}
                  onChange={() =>
                    edit(t('undo.editSegment'), (p) => {
                      p.segments.defaultId = s.id;
                    })
                  }
                />
                {t('segments.default')}
              </label>
              <button
                type="button"
                className="hm-icon"
                disabled={i === 0}
                aria-label={t('segments.up', { segment: s.label })}
                onClick={() =>
                  edit(t('undo.moveSegment'), (p) => {
                    const [x] = p.segments.items.splice(i, 1);
                    p.segments.items.splice(i - 1, 0, x);
                  })
                }
              >
                ↑
              </button>
              <button
                type="button"
                className="hm-icon"
                disabled={i === segs.items.length - 1}
                aria-label={t('segments.down', { segment: s.label })}
                onClick={() =>
                  edit(t('undo.moveSegment'), (p) => {
                    const [x] = p.segments.items.splice(i, 1);
                    p.segments.items.splice(i + 1, 0, x);
                  })
                }
              >
                ↓
              </button>
              <button
                type="button"
                className="hm-icon hm-danger"
                disabled={segs.items.length <= 1 || segs.defaultId === s.id}
                title={
                  segs.defaultId === s.id
                    ? t('segments.cannotDeleteDefault')
                    : t('segments.delete', { segment: s.label })
                }
                aria-label={t('segments.delete', { segment: s.label })}
                onClick={() => {
                  let removed: string[] = [];
                  edit(t('undo.deleteSegment'), (p) => {
                    removed = deleteSegment(p, s.id);
                  });
                  notify({
                    kind: 'info',
                    text: removed.length
                      ? t('segments.deletedWithCtas', {
                          segment: s.label,
                          ctas: removed.join(', '),
                        })
                      : t('segments.deleted', { segment: s.label }),
                  });
                }}
              >
                ✕
              </button>
            </div>
            <ExpressionInput
              value={s.when}
              scope="segment"
              preview={false}
              allowEmpty={segs.defaultId === s.id}
              placeholder={
                segs.defaultId === s.id ? t('segments.defaultWhen') : t('segments.whenPlaceholder')
              }
              ariaLabel={t('segments.whenAria', { segment: s.label })}
              onChange={(v) =>
                edit(
                  t('undo.editSegment'),
                  (p) => {
                    const x = p.segments.items.find((y) => y.id === s.id);
                    if (x) x.when = v;
                  },
                  `hm.seg.${s.id}.w`,
                )
              }
              onBlur={seal}
            />
            <SegmentCount id={s.id} assignment={assignment} />
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="hm-add"
        onClick={() =>
          edit(t('undo.addSegment'), (p) => {
            const items = p.segments.items;
            let n = items.length + 1;
            while (items.some((x) => x.id === `segment_${n}`)) n++;
            // New rules go before the default so they are tried first.
            const d = items.findIndex((x) => x.id === p.segments.defaultId);
            items.splice(d < 0 ? items.length : d, 0, {
              id: `segment_${n}`,
              label: t('segments.newLabel', { n }),
              when: '',
            });
          })
        }
      >
        + {t('segments.add')}
      </button>
    </div>
  );
}
