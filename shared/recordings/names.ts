/** The recordings area's method and event names, without schemas (for the Electron preload). */
export const recordingsMethodNames = [
  'recordings.search',
  'recordings.get',
  'recordings.peaks',
  'recordings.play',
  'recordings.annotate',
  'recordings.import',
  'recordings.export',
  'recordings.setLegalHold',
  'recordings.delete',
  'qa.listComments',
  'qa.addComment',
  'qa.deleteComment',
  'qa.listForms',
  'qa.getForm',
  'qa.saveForm',
  'qa.evaluate',
  'qa.listEvaluations',
  'qa.listSavedSearches',
  'qa.saveSearch',
  'qa.deleteSavedSearch',
  'qa.audit',
  'qa.getRetention',
  'qa.setRetention',
  'qa.purge',
] as const;

export const recordingsEventNames = ['recordings.importProgress', 'recordings.indexed', 'recordings.removed'] as const;
