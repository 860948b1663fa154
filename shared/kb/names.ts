/** The kb area's method and event names, without schemas (for the Electron preload). */
export const kbMethodNames = [
  'kb.search',
  'kb.suggest',
  'kb.get',
  'kb.save',
  'kb.archive',
  'kb.history',
  'kb.version',
  'kb.vote',
  'kb.recordUse',
  'kb.categories',
  'kb.missedQueries',
  'kb.dismissMissed',
  'kb.import',
  'kb.importStart',
  'kb.importJob',
  'kb.export',
  'kb.seedSample',
] as const;

export const kbEventNames = ['kb.changed', 'kb.importProgress'] as const;
