import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';
import type { MethodParams } from '../../shared/api/contract';
import type { Role } from '../../shared/domain/roles';
import type { recordingsMethods } from '../../shared/recordings/contract';
import { computeChecks } from '../../shared/recordings/checks';
import { defaultForm, defaultFormId, defaultFormVersion } from '../../shared/recordings/default-form';
import {
  expiresAt,
  resolveRetention,
  retentionPolicySchema,
  type RetentionPolicy,
} from '../../shared/recordings/retention';
import { scoreForm } from '../../shared/recordings/scorecard';
import {
  recordingInputSchema,
  type AuditAction,
  type Evaluation,
  type ImportSummary,
  type RecordingDetail,
  type RecordingInput,
} from '../../shared/recordings/types';
import type { EventBus } from '../api/event-bus';
import type { Handlers } from '../api/registrar';
import type { IndexRow } from '../db/repositories/recordings-index';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import type { Settings } from '../../shared/settings';
import { newRecordingId } from './ids';
import { importFolder } from './import';
import { PlayTokens, recordingAudioPath } from './play-tokens';
import { zip } from './zip';

export interface RecordingsServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => Date;
  /** The data folder (files that do not belong in SQLite live under it). */
  readonly dataDir: string;
  /** Who is working at this workstation (name and role, from Settings); role checks read it per call. */
  readonly profile: () => Settings['profile'];
  /** Timers for the daily purge; tests pass their own. */
  readonly timers?: {
    readonly setInterval: (fn: () => void, ms: number) => unknown;
    readonly clearInterval: (handle: unknown) => void;
  };
}

const retentionKey = 'recordings.retention';
const dayMs = 86_400_000;
const purgeBatch = 500;

/** Who may do what (roles in shared/domain/roles.ts). */
const may = {
  import: ['qa', 'qa_lead', 'supervisor'],
  export: ['qa', 'qa_lead', 'supervisor'],
  evaluate: ['qa', 'qa_lead', 'supervisor'],
  hold: ['qa_lead', 'supervisor'],
  delete: ['qa_lead', 'supervisor'],
  forms: ['qa_lead', 'supervisor'],
  audit: ['qa_lead', 'supervisor'],
  retention: ['qa_lead', 'supervisor'],
  moderate: ['qa_lead', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;

/** Peaks as the index keeps them: per channel, 0…255 per window. */
export interface RecordingPeaks {
  readonly peaksPerSecond: number;
  readonly channels: readonly Uint8Array[];
}

/**
 * The recordings index and quality work on it: search, detail, peaks, import, export, legal hold,
 * delete, comments, scorecards and evaluations, saved searches, the audit log and retention.
 *
 * Roles come from the local profile per call. An agent sees only their own recordings: for now
 * the agent id of a recording is the agent's profile displayName (the softphone writes it so and
 * an import takes the extension from the CDR), until the center seam gives agents real ids.
 * QA and supervisors see everything; only QA leads and supervisors delete or place legal holds.
 */
export class RecordingsService {
  readonly #deps: RecordingsServiceDeps;
  #purgeTimer: unknown;
  #purging: Promise<{ deleted: number; filesRemoved: number; held: number }> | undefined;
  #firstPurge: Promise<void> | undefined;
  #closed = false;
  readonly #playTokens: PlayTokens;

  constructor(deps: RecordingsServiceDeps) {
    this.#deps = deps;
    this.#playTokens = new PlayTokens(() => this.#now());
  }

  /**
   * The file behind a player's URL, when its token was issued for this recording and has not
   * expired (the token stands for the role check and the audit entry made by `recordings.play`).
   */
  async audioFile(id: string, token: string): Promise<{ path: string; format: string } | null> {
    if (!this.#playTokens.valid(id, token)) return null;
    const recording = await this.#deps.db.run('recordings.get', id);
    return recording && { path: recording.filePath, format: recording.fileFormat };
  }

  /** `<dataDir>/recordings`: live recordings and imported copies; the purge deletes files only here. */
  get storeRoot(): string {
    return path.join(this.#deps.dataDir, 'recordings');
  }

  handlers(): Pick<Handlers, keyof typeof recordingsMethods> {
    return {
      'recordings.search': (params) => this.#deps.db.run('recordings.search', params, this.#scope()),
      'recordings.get': ({ id }) => this.#visible(id),
      'recordings.peaks': async ({ id }) => {
        await this.#visible(id);
        const peaks = await this.#deps.db.run('recordings.peaks', id);
        return peaks
          ? {
              peaksPerSecond: peaks.peaksPerSecond,
              channels: peaks.channels.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('base64')),
            }
          : { peaksPerSecond: 100, channels: [] };
      },
      'recordings.play': async ({ id }) => {
        const recording = await this.#visible(id);
        await this.#audit('play', id, null);
        return {
          url: `${recordingAudioPath}${encodeURIComponent(id)}?token=${this.#playTokens.issue(id)}`,
          filePath: recording.filePath,
          fileFormat: recording.fileFormat,
          durationSeconds: recording.durationSeconds,
        };
      },
      'recordings.annotate': (params) => this.annotate(params),
      'recordings.import': (params) => this.importFolder(params.dir, params.cdr),
      'recordings.export': ({ id }) => this.exportZip(id),
      'recordings.setLegalHold': (params) => this.setLegalHold(params.id, params.hold, params.reason),
      'recordings.delete': async (params) => {
        await this.deleteRecording(params.id, params.reason);
        return {};
      },
      'qa.listComments': async ({ recordingId }) => {
        await this.#visible(recordingId);
        return { items: await this.#deps.db.run('qa.listComments', recordingId) };
      },
      'qa.addComment': async (params) => {
        await this.#visible(params.recordingId);
        const comment = await this.#deps.db.run('qa.addComment', {
          id: crypto.randomUUID(),
          recordingId: params.recordingId,
          atMs: params.atMs,
          endMs: params.endMs ?? null,
          author: this.#deps.profile().displayName,
          body: params.body,
          createdAt: this.#now(),
        });
        if (comment === null) throw new ApiError('not_found', 'No such recording.');
        return comment;
      },
      'qa.deleteComment': async ({ id }) => {
        const comment = await this.#deps.db.run('qa.getComment', id);
        if (comment === null) throw new ApiError('not_found', 'No such comment.');
        await this.#visible(comment.recordingId);
        if (comment.author !== this.#deps.profile().displayName)
          this.#require('moderate', "delete another person's comment");
        await this.#deps.db.run('qa.deleteComment', id);
        return {};
      },
      'qa.listForms': async () => ({ items: await this.#deps.db.run('qa.listForms') }),
      'qa.getForm': async ({ id, version }) => {
        const form = await this.#deps.db.run('qa.getForm', id, version);
        if (form === null) throw new ApiError('not_found', `No form ${id}${version ? ` version ${version}` : ''}.`);
        return form;
      },
      'qa.saveForm': ({ id, definition }) => {
        this.#require('forms', 'change scorecard forms');
        return this.#deps.db.run('qa.saveForm', {
          id,
          definition,
          createdAt: this.#now(),
          createdBy: this.#deps.profile().displayName,
        });
      },
      'qa.evaluate': (params) => this.evaluate(params),
      'qa.listEvaluations': (params) => {
        const profile = this.#deps.profile();
        // Agents read their own evaluations, nobody else's.
        if (profile.role === 'agent') {
          if (params.agentId !== undefined && params.agentId !== profile.displayName) return { items: [], next: null };
          return this.#deps.db.run('qa.listEvaluations', { ...params, agentId: profile.displayName });
        }
        return this.#deps.db.run('qa.listEvaluations', params);
      },
      'qa.listSavedSearches': async () => ({
        items: await this.#deps.db.run('qa.listSavedSearches', this.#deps.profile().displayName),
      }),
      'qa.saveSearch': ({ name, filters }) =>
        this.#deps.db.run('qa.saveSearch', {
          id: crypto.randomUUID(),
          owner: this.#deps.profile().displayName,
          name,
          filters,
          createdAt: this.#now(),
        }),
      'qa.deleteSavedSearch': async ({ id }) => {
        if (!(await this.#deps.db.run('qa.deleteSavedSearch', id, this.#deps.profile().displayName))) {
          throw new ApiError('not_found', 'No such saved search.');
        }
        return {};
      },
      'qa.audit': (params) => {
        this.#require('audit', 'browse the audit log');
        return this.#deps.db.run('qa.browseAudit', params);
      },
      'qa.getRetention': () => this.retentionPolicy(),
      'qa.setRetention': (policy) => this.setRetention(policy),
      'qa.purge': () => {
        this.#require('retention', 'run the retention purge');
        return this.purgeExpired();
      },
    };
  }

  /** Background work after the services are up (never blocks the window). */
  async start(): Promise<void> {
    await this.#deps.db.run('qa.ensureForm', {
      id: defaultFormId,
      version: defaultFormVersion,
      definition: defaultForm,
      createdAt: this.#now(),
      createdBy: 'SeatDesk',
    });
    if (this.#closed) return;
    const timers = this.#deps.timers ?? {
      setInterval: (fn: () => void, ms: number) => {
        const handle = setInterval(fn, ms);
        handle.unref(); // the purge never keeps a CLI run or a test alive
        return handle;
      },
      clearInterval: (handle: unknown) => clearInterval(handle as NodeJS.Timeout),
    };
    this.#purgeTimer = timers.setInterval(() => void this.#scheduledPurge(), dayMs);
    // The first purge right away: a workstation that was off for a week catches up on start.
    this.#firstPurge = this.#scheduledPurge();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#purgeTimer !== undefined) {
      (this.#deps.timers?.clearInterval ?? ((h: unknown) => clearInterval(h as NodeJS.Timeout)))(this.#purgeTimer);
      this.#purgeTimer = undefined;
    }
    await this.#firstPurge;
    await this.#purging?.catch(() => undefined);
  }

  // ---- for other services (the softphone's recorder), in process, no role check

  /**
   * Indexes one finished recording: the row, its tags, full text and peaks in one transaction,
   * automatic checks from the peaks, retention from the policy. Idempotent by sha256 (answers the
   * existing recording). Emits `recordings.indexed`.
   */
  async indexRecording(
    input: RecordingInput,
    peaks?: RecordingPeaks,
  ): Promise<{ recording: RecordingDetail; created: boolean }> {
    const parsed = recordingInputSchema.safeParse(input);
    if (!parsed.success)
      throw new ApiError('bad_request', `recording: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const r = parsed.data;
    const policy = await this.retentionPolicy();
    const decision = resolveRetention(policy, {
      queueId: r.queueId,
      direction: r.direction,
      disposition: r.disposition,
      tags: r.tags,
    });
    const row: IndexRow = {
      ...r,
      id: newRecordingId(this.#now()),
      retentionClass: decision.className,
      expiresAt: expiresAt(decision, r.startedAt, false),
      checks: peaks ? computeChecks(peaks.channels, peaks.peaksPerSecond) : null,
      peaks: peaks ? { peaksPerSecond: peaks.peaksPerSecond, channels: [...peaks.channels] } : null,
      indexedAt: this.#now(),
    };
    const outcome = await this.#deps.db.run('recordings.insertMany', [row]);
    const created = outcome.inserted.length === 1;
    const recording = created
      ? await this.#deps.db.run('recordings.get', row.id)
      : await this.#deps.db.run('recordings.getByHash', r.sha256);
    if (recording === null) throw new ApiError('internal', 'The recording vanished while it was indexed.');
    if (created) this.#deps.events.emit('recordings.indexed', { ids: [recording.id] });
    return { recording, created };
  }

  // ---- the contract's heavier methods

  async importFolder(dir: string, cdr?: string): Promise<ImportSummary> {
    this.#require('import', 'import recordings');
    const summary = await importFolder(
      {
        db: this.#deps.db,
        log: this.#deps.log,
        now: this.#deps.now,
        storeRoot: this.storeRoot,
        policy: await this.retentionPolicy(),
        progress: (progress) => this.#deps.events.emit('recordings.importProgress', progress),
        indexed: (ids) => this.#deps.events.emit('recordings.indexed', { ids: [...ids] }),
      },
      { dir, cdr },
    );
    await this.#audit(
      'import',
      null,
      JSON.stringify({
        dir: summary.dir,
        imported: summary.imported,
        skipped: summary.skipped,
        failed: summary.failed,
      }),
    );
    return summary;
  }

  async annotate(params: MethodParams<'recordings.annotate'>): Promise<RecordingDetail> {
    const recording = await this.#visible(params.id);
    if (this.#deps.profile().role === 'agent' && recording.agentId !== this.#deps.profile().displayName) {
      throw new ApiError('forbidden', 'Agents annotate only their own recordings.');
    }
    const updated = await this.#deps.db.run('recordings.annotate', params.id, {
      notes: params.notes,
      tags: params.tags,
      disposition: params.disposition,
    });
    if (updated === null) throw new ApiError('not_found', 'No such recording.');
    return updated;
  }

  async setLegalHold(id: string, hold: boolean, reason?: string): Promise<RecordingDetail> {
    this.#require('hold', 'place or release a legal hold');
    const updated = await this.#deps.db.run('recordings.setLegalHold', id, hold, {
      ...this.#actor(),
      at: this.#now(),
      action: hold ? 'hold' : 'release',
      recordingId: id,
      detail: reason ?? null,
    });
    if (updated === null) throw new ApiError('not_found', 'No such recording.');
    return updated;
  }

  async deleteRecording(id: string, reason?: string): Promise<void> {
    this.#require('delete', 'delete recordings');
    const recording = await this.#deps.db.run('recordings.get', id);
    if (recording === null) throw new ApiError('not_found', 'No such recording.');
    if (recording.legalHold)
      throw new ApiError('conflict', 'The recording is under legal hold; release the hold first.');
    await this.#removeFile(recording.filePath);
    await this.#deps.db.run('recordings.delete', [id], {
      ...this.#actor(),
      at: this.#now(),
      action: 'delete',
      detail: reason ?? null,
    });
    this.#deps.events.emit('recordings.removed', { ids: [id] });
  }

  async evaluate(params: MethodParams<'qa.evaluate'>): Promise<Evaluation> {
    this.#require('evaluate', 'score recordings');
    const recording = await this.#deps.db.run('recordings.get', params.recordingId);
    if (recording === null) throw new ApiError('not_found', 'No such recording.');
    const form = await this.#deps.db.run('qa.getForm', params.formId, params.formVersion);
    if (form === null) throw new ApiError('not_found', `No form ${params.formId} version ${params.formVersion}.`);
    const result = scoreForm(form.definition, params.answers);
    if (result.invalid.length > 0) {
      const first = result.invalid[0];
      throw new ApiError('bad_request', `Answer to ${first?.questionId}: ${first?.reason}`);
    }
    if (result.missing.length > 0) {
      throw new ApiError('bad_request', `Unanswered questions: ${result.missing.join(', ')} (answer them or mark N/A)`);
    }
    const evaluation: Evaluation = {
      id: crypto.randomUUID(),
      recordingId: recording.id,
      agentId: recording.agentId,
      formId: form.id,
      formVersion: form.version,
      evaluator: this.#deps.profile().displayName,
      answers: params.answers,
      score: result.score,
      autoFail: result.autoFail,
      createdAt: this.#now(),
    };
    const stored = await this.#deps.db.run('qa.insertEvaluation', evaluation, {
      ...this.#actor(),
      at: evaluation.createdAt,
      action: 'score',
      recordingId: recording.id,
      detail: JSON.stringify({ evaluationId: evaluation.id, form: `${form.id}@${form.version}`, score: result.score }),
    });
    if (stored === null) throw new ApiError('not_found', 'No such recording.');
    return stored;
  }

  /** A zip of the audio file, metadata.json, evaluations.json and comments.json under `<dataDir>/exports/`. */
  async exportZip(id: string): Promise<{ path: string; bytes: number }> {
    this.#require('export', 'export recordings');
    const recording = await this.#visible(id);
    let audio: Buffer;
    try {
      const stat = await fs.promises.stat(recording.filePath);
      if (stat.size >= 0xffffffff) throw new ApiError('too_large', 'The recording is too large to export as a zip.');
      audio = await fs.promises.readFile(recording.filePath);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(
        'not_found',
        `The recording's file is missing (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      );
    }
    const evaluations = await this.#deps.db.run('qa.listEvaluations', { recordingId: id, limit: 500 });
    const comments = await this.#deps.db.run('qa.listComments', id);
    const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
    const archive = zip([
      { name: `audio/${path.basename(recording.filePath)}`, data: audio },
      { name: 'metadata.json', data: json(recording) },
      { name: 'evaluations.json', data: json(evaluations.items) },
      { name: 'comments.json', data: json(comments) },
    ]);
    const dir = path.join(this.#deps.dataDir, 'exports');
    await fs.promises.mkdir(dir, { recursive: true });
    const stamp = new Date(this.#now()).toISOString().replace(/[:.]/g, '-');
    const file = path.join(dir, `recording-${recording.id}-${stamp}.zip`);
    await fs.promises.writeFile(file, archive);
    await this.#audit('export', id, JSON.stringify({ file, bytes: archive.length }));
    return { path: file, bytes: archive.length };
  }

  async retentionPolicy(): Promise<RetentionPolicy> {
    const stored = await this.#deps.db.run('kv.get', retentionKey);
    const parsed = retentionPolicySchema.safeParse(stored ?? { classes: [] });
    if (!parsed.success) {
      this.#deps.log.warn('stored retention policy unreadable; nothing expires until it is set again');
      return { classes: [] };
    }
    return parsed.data;
  }

  async setRetention(policy: RetentionPolicy): Promise<{ policy: RetentionPolicy; updated: number }> {
    this.#require('retention', 'change retention');
    await this.#deps.db.run('kv.put', retentionKey, policy, new Date(this.#now()).toISOString());
    const updated = await this.#deps.db.run('recordings.applyRetention', policy);
    this.#deps.log.info('retention policy changed', { classes: policy.classes.length, updated });
    return { policy, updated };
  }

  /**
   * Deletes expired recordings (files under the data dir and rows) except those under legal hold;
   * each deletion is audited. One purge at a time: a call during a running purge shares its result.
   */
  purgeExpired(): Promise<{ deleted: number; filesRemoved: number; held: number }> {
    this.#purging ??= this.#purge().finally(() => {
      this.#purging = undefined;
    });
    return this.#purging;
  }

  async #purge(): Promise<{ deleted: number; filesRemoved: number; held: number }> {
    const now = this.#now();
    let deleted = 0;
    let filesRemoved = 0;
    for (;;) {
      const batch = await this.#deps.db.run('recordings.purgeCandidates', now, purgeBatch);
      if (batch.length === 0) break;
      for (const candidate of batch) if (await this.#removeFile(candidate.filePath)) filesRemoved++;
      const ids = await this.#deps.db.run(
        'recordings.delete',
        batch.map((c) => c.id),
        { actor: 'retention', role: 'system', at: now, action: 'purge', detail: null },
      );
      deleted += ids.length;
      if (ids.length > 0) this.#deps.events.emit('recordings.removed', { ids });
      if (batch.length < purgeBatch || this.#closed) break;
    }
    const held = await this.#deps.db.run('recordings.countHeldExpired', now);
    if (deleted > 0 || held > 0) this.#deps.log.info('retention purge', { deleted, filesRemoved, held });
    return { deleted, filesRemoved, held };
  }

  async #scheduledPurge(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.purgeExpired();
    } catch (error) {
      this.#deps.log.error('retention purge failed', { error: (error as Error).message });
    }
  }

  /** Removes a file only when it lies under SeatDesk's own recordings folder; answers whether one was removed. */
  async #removeFile(file: string): Promise<boolean> {
    const rel = path.relative(this.storeRoot, path.resolve(file));
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    try {
      await fs.promises.unlink(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.#deps.log.warn('recording file not removed', { file, error: (error as Error).message });
      }
      return false;
    }
  }

  #now(): number {
    return this.#deps.now().getTime();
  }

  #actor(): { actor: string; role: string } {
    const profile = this.#deps.profile();
    return { actor: profile.displayName, role: profile.role };
  }

  #require(action: keyof typeof may, what: string): void {
    const role = this.#deps.profile().role;
    if (!(may[action] as readonly Role[]).includes(role)) {
      throw new ApiError('forbidden', `The ${role} role may not ${what}.`);
    }
  }

  /** An agent's searches are limited to the recordings they handled. */
  #scope(): { agentId?: string } {
    const profile = this.#deps.profile();
    return profile.role === 'agent' ? { agentId: profile.displayName } : {};
  }

  /** The recording, if this profile may see it (an agent: only their own; others' read as not found). */
  async #visible(id: string): Promise<RecordingDetail> {
    const recording = await this.#deps.db.run('recordings.get', id);
    const profile = this.#deps.profile();
    if (recording === null || (profile.role === 'agent' && recording.agentId !== profile.displayName)) {
      throw new ApiError('not_found', 'No such recording.');
    }
    return recording;
  }

  async #audit(action: AuditAction, recordingId: string | null, detail: string | null): Promise<void> {
    await this.#deps.db.run('recordings.audit', { ...this.#actor(), at: this.#now(), action, recordingId, detail });
  }
}
