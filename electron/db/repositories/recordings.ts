/**
 * The recordings area's database operations (repository functions, database first),
 * spread into ../operations.ts. The functions live in recordings-index.ts (the index, search,
 * retention) and recordings-qa.ts (comments, forms, evaluations, saved searches, audit).
 */
import * as index from './recordings-index';
import * as qa from './recordings-qa';

export const recordingsOperations = {
  'recordings.insertMany': index.insertRecordings,
  'recordings.knownHashes': index.knownHashes,
  'recordings.search': index.searchRecordings,
  'recordings.get': index.getRecording,
  'recordings.getByHash': index.getRecordingByHash,
  'recordings.peaks': index.getPeaks,
  'recordings.annotate': index.annotateRecording,
  'recordings.setLegalHold': index.setLegalHold,
  'recordings.delete': index.deleteRecordings,
  'recordings.purgeCandidates': index.purgeCandidates,
  'recordings.countHeldExpired': index.countHeldExpired,
  'recordings.applyRetention': index.applyRetention,
  'recordings.count': index.countRecordings,
  'recordings.audit': index.appendAudit,
  'qa.addComment': qa.addComment,
  'qa.listComments': qa.listComments,
  'qa.getComment': qa.getComment,
  'qa.deleteComment': qa.deleteComment,
  'qa.saveForm': qa.saveForm,
  'qa.ensureForm': qa.ensureForm,
  'qa.getForm': qa.getForm,
  'qa.listForms': qa.listForms,
  'qa.insertEvaluation': qa.insertEvaluation,
  'qa.listEvaluations': qa.listEvaluations,
  'qa.saveSearch': qa.saveSearch,
  'qa.listSavedSearches': qa.listSavedSearches,
  'qa.deleteSavedSearch': qa.deleteSavedSearch,
  'qa.browseAudit': qa.browseAudit,
};
