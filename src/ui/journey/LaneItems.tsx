import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, LaneItem, MomentOfTruth, Stage } from '../../model';
import { Channel as ChannelEnum, newId } from '../../model';
import { editStage, noNewline, seal } from './edit';

type ItemLane = 'customerActions' | 'resources' | 'kpis' | 'momentsOfTruth';

/** A cell holding a list of text items (actions, moments of truth with channel, resources, KPIs). */
export const LaneItems = memo(function LaneItems({
  stage,
  lane,
}: {
  stage: Stage;
  lane: ItemLane;
}) {
  const { t } = useTranslation('journey');
  const items = stage[lane] as (LaneItem | MomentOfTruth)[];
  const laneName = t(`lane.${lane}`);
  const box = useRef<HTMLDivElement>(null);
  const add = () => {
    editStage(t('undo.addItem'), stage.id, (s) => {
      if (lane === 'momentsOfTruth')
        s.momentsOfTruth.push({ id: newId('m_'), text: '', channel: 'email' });
      else s[lane].push({ id: newId('i_'), text: '' });
    });
    // Type straight into the new item.
    requestAnimationFrame(() => {
      const inputs = box.current?.querySelectorAll<HTMLTextAreaElement>('textarea.jm-text');
      inputs?.[inputs.length - 1]?.focus();
    });
  };
  return (
    <div className="jm-items" ref={box}>
      <ul>
        {items.map((it, i) => (
          <li key={it.id}>
            <textarea
              rows={1}
              className="jm-text"
              onKeyDown={noNewline}
              value={it.text}
              aria-label={t('itemAria', { lane: laneName, stage: stage.label, n: i + 1 })}
              placeholder={t('itemPlaceholder')}
              onChange={(e) =>
                editStage(
                  t('undo.editItem'),
                  stage.id,
                  (s) => {
                    const x = (s[lane] as LaneItem[]).find((y) => y.id === it.id);
                    if (x) x.text = e.target.value;
                  },
                  `jm.${stage.id}.${it.id}`,
                )
              }
              onBlur={seal}
            />
            {lane === 'momentsOfTruth' && (
              <select
                className="jm-channel"
                aria-label={t('channelAria', { n: i + 1, stage: stage.label })}
                value={(it as MomentOfTruth).channel}
                onChange={(e) =>
                  editStage(t('undo.editItem'), stage.id, (s) => {
                    const x = s.momentsOfTruth.find((y) => y.id === it.id);
                    if (x) x.channel = e.target.value as Channel;
                  })
                }
              >
                {ChannelEnum.options.map((c) => (
                  <option key={c} value={c}>
                    {t(`channel.${c}`)}
                  </option>
                ))}
              </select>
            )}
            <button
              type="button"
              className="jm-icon no-print"
              aria-label={t('removeItem', { lane: laneName, n: i + 1 })}
              title={t('removeItem', { lane: laneName, n: i + 1 })}
              onClick={() =>
                editStage(t('undo.removeItem'), stage.id, (s) => {
                  const arr = s[lane] as LaneItem[];
                  const k = arr.findIndex((y) => y.id === it.id);
                  if (k >= 0) arr.splice(k, 1);
                })
              }
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="jm-add no-print"
        onClick={add}
        aria-label={t('addItemAria', { lane: laneName, stage: stage.label })}
      >
        + {t('addItem')}
      </button>
    </div>
  );
});
