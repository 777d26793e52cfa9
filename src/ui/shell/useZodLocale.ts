import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';

/** Validation messages (imports, stored documents) follow the UI language. */
export function useZodLocale(): void {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  useEffect(() => {
    z.config(lang === 'ja' ? z.locales.ja() : z.locales.en());
  }, [lang]);
}
