import { useTranslation } from 'react-i18next';

/** Placeholder: this view is built by its own issue. */
export default function JourneyView() {
  const { t } = useTranslation('shell');
  return <div className="placeholder" role="status">{t('placeholder', { defaultValue: 'This view is not built yet.' })}</div>;
}
