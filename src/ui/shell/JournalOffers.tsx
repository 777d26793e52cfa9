import { useTranslation } from 'react-i18next';
import { PROJECT_SCHEMA_VERSION } from '../../model';
import { discardJournal, restoreJournal, type OfferedJournal } from '../../store/openProject';
import { exportProjectText, projectFileName } from '../../store/projectFile';
import { Button, downloadText, notify } from '../common';

/**
 * Edits of a closed tab that were not applied because the project was saved after them. They
 * stay (in localStorage) until the user restores or discards them; a download is offered too.
 */
export function JournalOffers({
  offers,
  onDone,
}: {
  offers: OfferedJournal[];
  onDone: (key: string) => void;
}) {
  const { t, i18n } = useTranslation('shell');
  if (offers.length === 0) return null;
  const when = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso || '?' : d.toLocaleString(i18n.language);
  };
  const download = (o: OfferedJournal) => {
    const text = o.doc ? exportProjectText(o.doc) : JSON.stringify(o.raw, null, 2);
    const name = o.doc ? projectFileName(o.doc) : 'project.json';
    downloadText(text, `unsaved-${name}`, 'application/json');
  };
  return (
    <div className="journal-offers">
      {offers.map((o) => (
        <div key={o.key} className="journal-offer" role="alert" data-testid="journal-offer">
          <p>
            {o.doc
              ? t('olderJournal.text', { at: when(o.at) })
              : o.newerVersion
                ? t('olderJournal.textNewer', {
                    at: when(o.at),
                    version: o.newerVersion,
                    ours: PROJECT_SCHEMA_VERSION,
                  })
                : t('olderJournal.textUnreadable', { at: when(o.at) })}
          </p>
          <div className="journal-offer-actions">
            <Button data-testid="journal-offer-download" onClick={() => download(o)}>
              {t('common:download')}
            </Button>
            <Button
              variant="danger"
              data-testid="journal-offer-discard"
              onClick={() => {
                discardJournal(o.key);
                onDone(o.key);
              }}
            >
              {t('olderJournal.discard')}
            </Button>
            {o.doc && (
              <Button
                variant="primary"
                data-testid="journal-offer-restore"
                onClick={() => {
                  if (restoreJournal(o.key)) {
                    onDone(o.key);
                    notify({ kind: 'info', text: t('olderJournal.restored') });
                  }
                }}
              >
                {t('olderJournal.restore')}
              </Button>
            )}
          </div>
        </div>
      ))}
    </div>
  );
}
