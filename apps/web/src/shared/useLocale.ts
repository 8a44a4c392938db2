import type { Locale } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, isLocale } from '../i18n/locale';

/** The UI language; components using it re-render when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LOCALE;
}
