import { describe, expect, it } from 'vitest';
import { format, pageLocales, pickLocale, strings, type StringKey } from './strings';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('customer chat strings', () => {
  const englishKeys = Object.keys(strings.en).sort() as StringKey[];

  it.each(pageLocales)('%s has every key, none empty, with the same placeholders as English', (locale) => {
    const table = strings[locale];
    expect(Object.keys(table).sort()).toEqual(englishKeys);
    for (const key of englishKeys) {
      expect(table[key].trim(), `${locale} ${key}`).not.toBe('');
      expect(placeholders(table[key]), `${locale} ${key}`).toEqual(placeholders(strings.en[key]));
    }
  });

  it('Chinese tables are translated, not copies of English', () => {
    for (const locale of ['zh-CN', 'zh-TW'] as const) {
      const same = englishKeys.filter((key) => strings[locale][key] === strings.en[key]);
      expect(same, locale).toEqual([]);
    }
    // Traditional is not Simplified with another name.
    expect(strings['zh-TW']['page.title']).not.toBe(strings['zh-CN']['page.title']);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{agent} is typing…', { agent: 'Li Na' })).toBe('Li Na is typing…');
    expect(format('{agent} is typing…')).toBe('{agent} is typing…');
    expect(format('{a}{a}', { a: 1 })).toBe('11');
  });

  it('picks ?lng= first, then the browser, Traditional for zh-Hant and zh-TW/HK', () => {
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLocale(null, ['zh-HK', 'en'])).toBe('zh-TW');
    expect(pickLocale(null, ['zh-Hant-SG'])).toBe('zh-TW');
    expect(pickLocale('fr', ['zh'])).toBe('zh-CN');
    expect(pickLocale(null, ['de-DE'])).toBe('en');
  });
});
