import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';
import zhTW from './locales/zh-TW.json';
import kbEn from './locales/kb/en.json';
import kbZhCN from './locales/kb/zh-CN.json';
import kbZhTW from './locales/kb/zh-TW.json';
import qualityEn from './locales/quality/en.json';
import qualityZhCN from './locales/quality/zh-CN.json';
import qualityZhTW from './locales/quality/zh-TW.json';
import workspaceEn from './locales/workspace/en.json';
import workspaceZhCN from './locales/workspace/zh-CN.json';
import workspaceZhTW from './locales/workspace/zh-TW.json';
import wallboardEn from './locales/wallboard/en.json';
import wallboardZhCN from './locales/wallboard/zh-CN.json';
import wallboardZhTW from './locales/wallboard/zh-TW.json';
import type { Locale } from './locales';

/**
 * en is the source of truth for keys; the completeness test compares the others to it.
 * Feature areas keep their strings in a folder of their own (kb/, quality/, workspace/, wallboard/), each file
 * holding its own top-level namespace, so the merge below never overwrites a key.
 */
export type Messages = typeof en & typeof kbEn & typeof qualityEn & typeof workspaceEn & typeof wallboardEn;

export const resources: Readonly<Record<Locale, Messages>> = {
  en: { ...en, ...kbEn, ...qualityEn, ...workspaceEn, ...wallboardEn },
  'zh-CN': { ...zhCN, ...kbZhCN, ...qualityZhCN, ...workspaceZhCN, ...wallboardZhCN },
  'zh-TW': { ...zhTW, ...kbZhTW, ...qualityZhTW, ...workspaceZhTW, ...wallboardZhTW },
};
