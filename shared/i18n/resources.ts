import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import type { Locale } from './locales';

/** en is the source of truth for keys; the completeness test compares the others to it. */
export type Messages = typeof en;

export const resources: Readonly<Record<Locale, Messages>> = {
  en,
  'zh-CN': zhCN,
  'zh-TW': zhTW,
};
