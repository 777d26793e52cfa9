import { useCallback, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import type { Diagram } from '../../model';
import { editDiagram } from './actions';
import type { ReviewStatus } from './FindingsPanel';

/** Accept / dismiss (with a note) / restore a finding, and the holders notice's form. */
export function useReviews(diagram: Diagram, t: TFunction<'prep'>) {
  // Stored with the diagram, one undo step each.
  const onReview = useCallback(
    (key: string, status: ReviewStatus, note = '') => {
      const label = t(
        status === null ? 'cmd.restore' : status === 'accepted' ? 'cmd.accept' : 'cmd.dismiss',
      );
      editDiagram(diagram.id, label, (d) => {
        const rs = d.reviews ?? [];
        const i = rs.findIndex((r) => r.key === key);
        if (status === null) {
          if (i >= 0) rs.splice(i, 1);
        } else {
          const r = { key, status, note, at: new Date().toISOString() };
          if (i >= 0) rs[i] = r;
          else rs.push(r);
        }
        if (rs.length) d.reviews = rs;
        else delete d.reviews;
      });
    },
    [diagram.id, t],
  );
  // The holders notice's form: the boxes it listed when opened stay listed while it is open.
  const [holdersFor, setHoldersFor] = useState<string[] | null>(null);
  const holdersForm = useMemo(() => {
    if (!holdersFor) return null;
    const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
    return {
      nodes: holdersFor.flatMap((id) => byId.get(id) ?? []),
      onChange: (id: string, h: string[]) =>
        editDiagram(
          diagram.id,
          t('cmd.editField', { field: t('field.holders') }),
          (d) => {
            const n = d.nodes.find((x) => x.id === id);
            if (n) n.holders = h;
          },
          { coalesceKey: `prep:${diagram.id}:${id}:holders` },
        ),
      onClose: () => setHoldersFor(null),
    };
  }, [holdersFor, diagram.nodes, diagram.id, t]);
  return { onReview, holdersForm, setHoldersFor };
}
