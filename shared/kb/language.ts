import { hanVariantCounts } from '../text/segment';
import type { KbLanguage } from './types';

/**
 * The language a text is written in, as far as it shows: zh-TW when it has more
 * Traditional-only characters (發, 帳) than Simplified-only ones (发, 账), zh-CN for other
 * Chinese, en for Latin text; null for too little text to tell.
 */
export function detectLanguage(text: string): KbLanguage | null {
  const { han, traditional, simplified } = hanVariantCounts(text);
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  if (han === 0) return latin >= 2 ? 'en' : null;
  if (latin > han * 3) return 'en';
  if (traditional > simplified) return 'zh-TW';
  return 'zh-CN';
}
