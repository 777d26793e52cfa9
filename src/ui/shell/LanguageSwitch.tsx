import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation('shell');
  const lang = (i18n.resolvedLanguage ?? i18n.language) as Language;
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t('language')}</span>
      <select
        data-testid="lang-switch"
        aria-label={t('language')}
        value={lang}
        onChange={(e) => setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`langName.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
