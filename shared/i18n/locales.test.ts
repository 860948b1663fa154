import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { matchLocale, supportedLocales } from './locales';
import { resources } from './resources';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Argument names an ICU message uses: {name}, {n, plural, …}, {n, number}. */
function argumentNames(message: string, locale: string): string[] {
  const ast = new IntlMessageFormat(message, locale).getAst();
  const names = new Set<string>();
  const walk = (nodes: typeof ast): void => {
    for (const node of nodes) {
      if ('value' in node && typeof node.value === 'string' && node.type !== 0) names.add(node.value);
      if ('options' in node) for (const option of Object.values(node.options)) walk(option.value);
    }
  };
  walk(ast);
  return [...names].sort();
}

const english = flatten(resources.en as unknown as Tree);

describe('locales', () => {
  it.each(supportedLocales.filter((l) => l !== 'en'))('%s has exactly the keys of en', (locale) => {
    const keys = [...flatten(resources[locale] as unknown as Tree).keys()].sort();
    const missing = [...english.keys()].filter((k) => !keys.includes(k));
    const extra = keys.filter((k) => !english.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(supportedLocales)('%s messages are valid ICU and use the same arguments as en', (locale) => {
    for (const [key, message] of flatten(resources[locale] as unknown as Tree)) {
      const source = english.get(key);
      expect(source, key).toBeDefined();
      expect(argumentNames(message, locale), `${locale} ${key}`).toEqual(argumentNames(source ?? '', 'en'));
    }
  });

  it('reads ICU arguments (so the comparison above is not vacuous)', () => {
    expect(argumentNames(english.get('connection.lostBody') ?? '', 'en')).toEqual(['seconds']);
    expect(argumentNames(english.get('status.agent.timeInState') ?? '', 'en')).toEqual(['state', 'time']);
  });

  it('zh-TW uses Taiwan terms from the glossary, not converted mainland text', () => {
    const tw = flatten(resources['zh-TW'] as unknown as Tree);
    expect(tw.get('nav.settings')).toBe('設定');
    expect(tw.get('nav.wallboard')).toBe('監控看板');
    expect(tw.get('nav.quality')).toBe('品質檢核');
    expect(tw.get('status.agent.ready')).toBe('就緒');
    expect([...tw.values()].join('')).not.toMatch(/[设网软视频账坐席]/);
  });

  it('zh-CN uses mainland terms', () => {
    const cn = flatten(resources['zh-CN'] as unknown as Tree);
    expect(cn.get('nav.wallboard')).toBe('监控大屏');
    expect(cn.get('status.agent.ready')).toBe('示闲');
    expect(cn.get('status.agent.not_ready')).toBe('示忙');
  });
});

describe('matchLocale', () => {
  it.each([
    [['zh-TW'], 'zh-TW'],
    [['zh-Hant-HK'], 'zh-TW'],
    [['zh_hk'], 'zh-TW'],
    [['zh-CN'], 'zh-CN'],
    [['zh-Hans-SG'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['fr-FR', 'en-GB'], 'en'],
    [['de', 'zh-MO'], 'zh-TW'],
    [[], 'en'],
    [['', 'ja'], 'en'],
  ] as const)('%j → %s', (tags, expected) => {
    expect(matchLocale(tags)).toBe(expected);
  });
});
