import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '@ordercare/contracts';
import en from './en.json';
import zhCN from './zh-CN.json';
import { DEFAULT_LOCALE, initialLocale, isLocale, readStoredLocale, storeLocale } from './locale';

export const resources = {
  en: { translation: en },
  'zh-CN': { translation: zhCN },
} as const;

function syncDocument(lng: string): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lng;
  document.title = i18n.t('app.name');
}

i18n.on('languageChanged', syncDocument);

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  // Keep 'zh-CN' as is instead of also loading 'zh'.
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});
syncDocument(i18n.language);

export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LOCALE;
}

/** Explicit choice from the language switch: applied and remembered in localStorage. */
export function chooseLocale(locale: Locale): Promise<unknown> {
  storeLocale(locale);
  return i18n.changeLanguage(locale);
}

/**
 * Locale of the signed-in user from `/me`. Applied only when the user has not
 * picked a language in this browser (localStorage wins).
 */
export function adoptAccountLocale(locale: Locale): void {
  if (readStoredLocale()) return;
  if (currentLocale() !== locale) void i18n.changeLanguage(locale);
}

export default i18n;
