import { foldText } from '../text/segment';
import { categoryAncestors } from './categories';
import { kbAudiences, kbLanguages, type KbAudience, type KbLanguage, type SearchFilters } from './types';

/**
 * Filters as tokens in the full-text index's `facets` column, so "zh-TW articles tagged
 * invoice" is part of the MATCH (FTS5 intersects posting lists) instead of a scan after it.
 * Tokens end in digits so the porter stemmer leaves them alone; categories and tags are
 * hashed (FNV-1a) so any text fits. An article carries its category and every ancestor.
 */

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export const languageFacet = (language: KbLanguage): string => `f1l${kbLanguages.indexOf(language)}`;
export const audienceFacet = (audience: KbAudience): string => `f1a${kbAudiences.indexOf(audience)}`;
export const categoryFacet = (path: string): string => `f1c${fnv1a(foldText(path))}`;
export const tagFacet = (tag: string): string => `f1t${fnv1a(foldText(tag))}`;

export function facetTokens(article: {
  readonly language: KbLanguage;
  readonly audience: KbAudience;
  readonly category: string;
  readonly tags: readonly string[];
}): string[] {
  return [
    languageFacet(article.language),
    audienceFacet(article.audience),
    ...categoryAncestors(article.category).map(categoryFacet),
    ...article.tags.map(tagFacet),
  ];
}

/** The filter part of a MATCH expression ("facets : f1l2 AND …"), or null without filters. */
export function facetExpression(filters: SearchFilters): string | null {
  const tokens: string[] = [];
  if (filters.language) tokens.push(languageFacet(filters.language));
  if (filters.audience) tokens.push(audienceFacet(filters.audience));
  if (filters.category) tokens.push(categoryFacet(filters.category));
  if (filters.tag) tokens.push(tagFacet(filters.tag));
  return tokens.length === 0 ? null : tokens.map((token) => `facets : "${token}"`).join(' AND ');
}
