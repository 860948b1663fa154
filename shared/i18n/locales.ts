/** Locales SeatDesk ships. `en` is written first; the others must be complete (a test checks). */
export const supportedLocales = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof supportedLocales)[number];

export const localeNames: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-CN': '中文(简体)',
  'zh-TW': '中文(繁體)',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}

/**
 * Picks the best shipped locale for a list of BCP 47 tags (e.g. navigator.languages).
 * Chinese script and region decide between Simplified and Traditional:
 * zh-Hant, zh-TW, zh-HK and zh-MO read Traditional; every other zh reads Simplified.
 */
export function matchLocale(tags: readonly string[]): Locale {
  for (const raw of tags) {
    const tag = raw.trim().toLowerCase().replace(/_/g, '-');
    if (tag === '') continue;
    const [language, ...rest] = tag.split('-');
    if (language === 'en') return 'en';
    if (language === 'zh') {
      if (rest.includes('hant') || rest.some((part) => ['tw', 'hk', 'mo'].includes(part))) {
        return 'zh-TW';
      }
      return 'zh-CN';
    }
  }
  return 'en';
}
