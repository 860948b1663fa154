import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { isLocale, matchLocale, type Locale } from '../../../shared/i18n/locales';
import { resources } from '../../../shared/i18n/resources';
import type { Settings } from '../../../shared/settings';

/** The locale a setting means here: 'auto' follows the browser / OS languages. */
export function resolveLocale(setting: Settings['locale']): Locale {
  return setting === 'auto' ? matchLocale(navigator.languages) : setting;
}

/** `?lng=zh-TW` in web mode: a per-tab choice (a wall screen), not saved to settings. */
export function localeFromQuery(): Locale | undefined {
  const value = new URLSearchParams(location.search).get('lng');
  return isLocale(value) ? value : undefined;
}

export function dropLocaleQuery(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('lng')) return;
  url.searchParams.delete('lng');
  history.replaceState(history.state, '', url);
}

/** `<html lang dir>` follows the UI language, so screen readers and fonts pick the right script. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = 'ltr';
}

export async function createI18n(locale: Locale): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: Object.fromEntries(
        Object.entries(resources).map(([lng, messages]) => [lng, { translation: messages }]),
      ),
      lng: locale,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  applyDocumentLocale(locale);
  return instance;
}
