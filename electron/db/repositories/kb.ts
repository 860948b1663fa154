import * as articles from './kb-articles';
import { searchArticles } from './kb-search';

/**
 * The kb area's database operations (repository functions, database first),
 * spread into ../operations.ts. Articles and the rest: ./kb-articles.ts; search: ./kb-search.ts.
 */
export const kbOperations = {
  'kb.get': articles.getArticle,
  'kb.getRow': articles.getArticleRow,
  'kb.write': articles.writeArticle,
  'kb.writeMany': articles.writeArticles,
  'kb.archive': articles.archiveArticle,
  'kb.history': articles.articleHistory,
  'kb.version': articles.articleVersion,
  'kb.vote': articles.voteHelpful,
  'kb.recordUse': articles.recordUse,
  'kb.count': articles.countArticles,
  'kb.overview': articles.overview,
  'kb.exportPage': articles.exportPage,
  'kb.search': searchArticles,
  'kb.logMiss': articles.logMissedQuery,
  'kb.missed': articles.missedQueries,
  'kb.dismissMissed': articles.dismissMissedQuery,
};
