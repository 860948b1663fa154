import crypto from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { kbMethods } from '../../shared/kb/contract';
import type { MethodParams } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { articleIdPattern } from '../../shared/kb/types';
import type {
  Article,
  ArticleWrite,
  ExportReport,
  ImportJob,
  ImportReport,
  KbLanguage,
  SearchResponse,
  SearchFilters,
} from '../../shared/kb/types';
import { canArchive, editRefusal, isKbEditor } from '../../shared/kb/permissions';
import { detectLanguage } from '../../shared/kb/language';
import { parseQuery, suggestionQuery, type ParsedQuery } from '../../shared/kb/query';
import type { Role } from '../../shared/domain/roles';
import type { Settings } from '../../shared/settings';
import type { EventBus } from '../api/event-bus';
import type { CallContext, Handlers } from '../api/registrar';
import type { SqlClient } from '../db/sql-client';
import type { WriteArticle } from '../db/repositories/kb-articles';
import type { Logger } from '../log/logger';
import { parseArticleFile, type ParsedArticleFile } from './article-file';
import { describeError, ExportRefused, findMarkdownFiles, writeExport, type FileProblem } from './kb-files';
import { sampleArticles } from './sample-articles';

export interface KnowledgeBaseServiceDeps {
  readonly db: SqlClient;
  readonly events: EventBus;
  readonly log: Logger;
  readonly now: () => Date;
  /** The data folder (files that do not belong in SQLite live under it). */
  readonly dataDir: string;
  /** Who is working at this workstation (name and role, from Settings); role checks read it per call. */
  readonly profile: () => Settings['profile'];
  /** How long a query that found nothing waits for the agent to refine it before it is logged. */
  readonly missWindowMs?: number;
}

/** One article file to import, already read. */
export interface ImportSource {
  readonly relativePath: string;
  readonly bytes: Uint8Array;
}

interface PendingMiss {
  readonly query: string;
  readonly partial: boolean;
  readonly timer: ReturnType<typeof setTimeout>;
}

const importBatch = 100;

/** Long numbers (orders, phones, cards) and e-mail addresses never reach the missed-query list. */
export function maskPersonalData(query: string): string {
  return query.replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]').replace(/\d[\d -]{4,}\d/g, '#');
}

function normalizeMissed(query: string): string {
  return maskPersonalData(query.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase()).slice(0, 200);
}

/**
 * The knowledge base: articles with versions, search (FTS5 with Chinese segmentation, see
 * shared/text/segment.ts and shared/kb/), suggestions for a conversation, votes, the missed
 * queries, import and export of Markdown folders, and the sample KB for training.
 */
export class KnowledgeBaseService {
  readonly #deps: KnowledgeBaseServiceDeps;
  readonly #pendingMisses = new Map<string, PendingMiss>();
  readonly #jobs = new Map<string, ImportJob>();
  #importing = false;
  #closed = false;

  constructor(deps: KnowledgeBaseServiceDeps) {
    this.#deps = deps;
  }

  handlers(): Pick<Handlers, keyof typeof kbMethods> {
    return {
      'kb.search': (params, context) => this.search(params, context),
      'kb.suggest': (params) => this.suggest(params),
      'kb.get': ({ id }) => this.get(id),
      'kb.save': (params, context) => this.save(params, context),
      'kb.archive': ({ id }, context) => this.archive(id, context),
      'kb.history': async ({ id }) => {
        const versions = await this.#deps.db.run('kb.history', id);
        if (versions === null) throw new ApiError('not_found', `No article ${id}`);
        return { versions };
      },
      'kb.version': async ({ id, version }) => {
        const found = await this.#deps.db.run('kb.version', id, version);
        if (found === null) throw new ApiError('not_found', `No version ${version} of article ${id}`);
        return found;
      },
      'kb.vote': async ({ id, helpful }) => {
        const result = await this.#deps.db.run('kb.vote', id, this.#me(), helpful, this.#nowMs());
        if (result === null) throw new ApiError('not_found', `No article ${id}`);
        this.#deps.events.emit('kb.changed', { ids: [id], reason: 'voted' });
        return result;
      },
      'kb.recordUse': async ({ id, action }) => {
        if (!(await this.#deps.db.run('kb.recordUse', id, action))) throw new ApiError('not_found', `No article ${id}`);
        return {};
      },
      'kb.categories': () => this.#deps.db.run('kb.overview'),
      'kb.missedQueries': async ({ limit }) => ({ queries: await this.#deps.db.run('kb.missed', limit) }),
      'kb.dismissMissed': async ({ query }, context) => {
        this.#requireEditor(context, 'tend the missed queries');
        await this.#deps.db.run('kb.dismissMissed', query);
        return {};
      },
      'kb.import': (params, context) => {
        this.#requireEditor(context, 'import articles');
        return this.importFolder(params.dir);
      },
      'kb.importStart': (params, context) => {
        this.#requireEditor(context, 'import articles');
        return this.startImport(params.dir);
      },
      'kb.importJob': ({ jobId }) => {
        const job = this.#jobs.get(jobId);
        if (job === undefined) throw new ApiError('not_found', `No import ${jobId}`);
        return job;
      },
      'kb.export': (params, context) => {
        this.#requireEditor(context, 'export articles');
        return this.exportFolder(params.dir);
      },
      'kb.seedSample': (_params, context) => {
        this.#requireEditor(context, 'load the sample knowledge base');
        return this.seedSample();
      },
    };
  }

  /** Background work after the services are up (never blocks the window). */
  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.#closed = true;
    await this.flushMissedQueries();
  }

  #nowMs(): number {
    return this.#deps.now().getTime();
  }

  #me(): string {
    return this.#deps.profile().displayName;
  }

  /**
   * The caller's role. The command line runs with the rights of whoever may open the data
   * folder (they could edit the database file itself), so it counts as an editor.
   */
  #role(context: CallContext | undefined): Role {
    return context?.transport === 'cli' ? 'supervisor' : this.#deps.profile().role;
  }

  #requireEditor(context: CallContext | undefined, what: string): void {
    if (!isKbEditor(this.#role(context))) {
      throw new ApiError('forbidden', `Only KB editors (supervisors and QA leads) may ${what}.`);
    }
  }

  // ── Reading ────────────────────────────────────────────────────────────────

  async get(id: string): Promise<Article> {
    const article = await this.#deps.db.run('kb.get', id, this.#me());
    if (article === null) throw new ApiError('not_found', `No article ${id}`);
    return article;
  }

  /** A customer-facing article (for the public help page), or null when missing or internal. */
  async publicArticle(id: string): Promise<Article | null> {
    if (!articleIdPattern.test(id)) return null;
    const article = await this.#deps.db.run('kb.get', id, undefined);
    return article !== null && article.audience === 'customer' ? article : null;
  }

  async search(params: MethodParams<'kb.search'>, context?: CallContext): Promise<SearchResponse> {
    const started = performance.now();
    const parsed = parseQuery(params.query, { prefix: params.prefix });
    const response = await this.#run(parsed, params.filters, params.limit, params.preferLanguage, started);
    if (params.logMiss && context !== undefined && !context.readOnly && parsed.strict !== null) {
      this.#noteOutcome(context.client, params.query, response);
    }
    return response;
  }

  async suggest(params: MethodParams<'kb.suggest'>): Promise<SearchResponse> {
    const started = performance.now();
    // The customer's own script is the best guess at the language they want the answer in;
    // the agent's language (preferLanguage) when the text does not tell.
    const language = detectLanguage(params.text) ?? params.preferLanguage;
    // What the customer wrote decides; the queue's name only helps when the words find nothing
    // ("After-sales" must not outrank 退款 with an invoice article that mentions a sale).
    const fromText = suggestionQuery(params.text);
    let response =
      fromText.strict === null ? null : await this.#run(fromText, params.filters, params.limit, language, started);
    if ((response === null || response.hits.length === 0) && params.queue) {
      const withQueue = suggestionQuery(params.text, params.queue);
      if (withQueue.strict !== null)
        response = await this.#run(withQueue, params.filters, params.limit, language, started);
    }
    if (response === null) return { hits: [], relaxed: false, more: false, words: [], tookMs: 0 };
    // Suggestions match any word by design: not "relaxed" in the sense the search UI reports.
    return { ...response, relaxed: false };
  }

  async #run(
    parsed: ParsedQuery,
    filters: SearchFilters,
    limit: number,
    preferLanguage: KbLanguage | undefined,
    started: number,
  ): Promise<SearchResponse> {
    const result = await this.#deps.db.run('kb.search', {
      strict: parsed.strict,
      relaxed: parsed.relaxed,
      words: parsed.words,
      focus: parsed.focus,
      filters,
      limit,
      preferLanguage,
      nowMs: this.#nowMs(),
    });
    return { ...result, words: [...parsed.words], tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  // ── Missed queries ─────────────────────────────────────────────────────────

  /**
   * Results come as the agent types, so "發", "發票", "發票抬" are three searches. A query that
   * found nothing waits a moment: if the same agent goes on typing it (or types a query that
   * finds something) it was a step on the way and is forgotten; otherwise it is logged.
   */
  #noteOutcome(client: string, query: string, response: SearchResponse): void {
    const normalized = normalizeMissed(query);
    const pending = this.#pendingMisses.get(client);
    if (pending !== undefined) {
      clearTimeout(pending.timer);
      this.#pendingMisses.delete(client);
      // Typed on ("發票" → "發票抬頭") or back ("發票抬" → "發票"): the earlier query was a step on the way.
      const related = normalized.startsWith(pending.query) || pending.query.startsWith(normalized);
      if (!related) void this.#logMiss(pending.query, pending.partial);
    }
    const missed = response.hits.length === 0 || response.relaxed;
    if (!missed || normalized.length === 0 || this.#closed) return;
    const timer = setTimeout(() => {
      this.#pendingMisses.delete(client);
      void this.#logMiss(normalized, response.relaxed);
    }, this.#deps.missWindowMs ?? 2500);
    timer.unref?.();
    this.#pendingMisses.set(client, { query: normalized, partial: response.relaxed, timer });
  }

  async #logMiss(query: string, partial: boolean): Promise<void> {
    try {
      await this.#deps.db.run('kb.logMiss', query, partial, this.#nowMs());
    } catch (error) {
      this.#deps.log.warn('missed query not logged', { error: describeError(error) });
    }
  }

  /** Logs every query still waiting (close(), tests). */
  async flushMissedQueries(): Promise<void> {
    const pending = [...this.#pendingMisses.values()];
    this.#pendingMisses.clear();
    for (const miss of pending) {
      clearTimeout(miss.timer);
      await this.#logMiss(miss.query, miss.partial);
    }
  }

  // ── Writing ────────────────────────────────────────────────────────────────

  async save(input: ArticleWrite, context?: CallContext): Promise<Article> {
    const role = this.#role(context);
    const me = this.#me();
    const existing = input.id === undefined ? undefined : await this.#deps.db.run('kb.getRow', input.id);
    if (input.id !== undefined && (existing === undefined || existing.archived_at !== null)) {
      throw new ApiError('not_found', `No article ${input.id}`);
    }
    if (existing !== undefined && input.baseVersion === undefined) {
      throw new ApiError('bad_request', 'kb.save: baseVersion is required when updating an article');
    }
    const refusal = editRefusal(role, me, existing, input);
    if (refusal === 'customer_audience') {
      throw new ApiError(
        'forbidden',
        'Only KB editors (supervisors and QA leads) may publish or edit customer-facing articles.',
      );
    }
    if (refusal === 'not_author') {
      throw new ApiError('forbidden', 'Agents edit their own articles; ask a KB editor to change this one.');
    }
    const write: WriteArticle = {
      id: input.id ?? newArticleId(),
      title: input.title,
      body: input.body,
      category: input.category,
      tags: input.tags,
      language: input.language,
      audience: input.audience,
      editor: me,
      nowMs: this.#nowMs(),
      note: input.note ?? null,
      baseVersion: input.baseVersion,
      mustCreate: input.id === undefined,
    };
    const outcome = await this.#deps.db.run('kb.write', write);
    if (outcome.kind === 'conflict') {
      throw new ApiError(
        'conflict',
        `Article ${write.id} was changed meanwhile (now version ${outcome.currentVersion}); reload it and apply your edit again.`,
      );
    }
    if (outcome.kind === 'exists') throw new ApiError('conflict', `Article ${write.id} already exists.`);
    if (outcome.kind !== 'unchanged') {
      this.#deps.log.info('article saved', { id: write.id, version: outcome.article.version, kind: outcome.kind });
      this.#deps.events.emit('kb.changed', { ids: [write.id], reason: 'saved' });
    }
    return outcome.article;
  }

  async archive(id: string, context?: CallContext): Promise<Record<string, never>> {
    const row = await this.#deps.db.run('kb.getRow', id);
    if (row === undefined || row.archived_at !== null) throw new ApiError('not_found', `No article ${id}`);
    if (!canArchive(this.#role(context), this.#me(), row)) {
      throw new ApiError('forbidden', 'Agents archive only their own internal articles; ask a KB editor.');
    }
    await this.#deps.db.run('kb.archive', id, this.#nowMs());
    this.#deps.log.info('article archived', { id });
    this.#deps.events.emit('kb.changed', { ids: [id], reason: 'archived' });
    return {};
  }

  // ── Import, export, sample ─────────────────────────────────────────────────

  /** Reads a folder of Markdown files and imports it; see electron/kb/article-file.ts for the format. */
  async importFolder(dir: string, onProgress?: (done: number, total: number) => void): Promise<ImportReport> {
    const started = performance.now();
    await this.#requireFolder(dir);
    if (this.#importing) throw new ApiError('conflict', 'An import is already running; wait for it to finish.');
    this.#importing = true;
    try {
      const { files, problems } = await findMarkdownFiles(dir);
      // Entries that could not even be read count as files found (and skipped).
      const report = await this.#importSources(
        dir,
        files.length + problems.length,
        problems,
        (async function* () {
          for (let i = 0; i < files.length; i += 16) {
            const chunk = files.slice(i, i + 16);
            yield await Promise.all(
              chunk.map(async (file) => {
                try {
                  return { relativePath: file.relativePath, bytes: await fs.promises.readFile(file.absolutePath) };
                } catch (error) {
                  return { relativePath: file.relativePath, error: describeError(error) };
                }
              }),
            );
          }
        })(),
        onProgress,
      );
      return { ...report, tookMs: Math.round(performance.now() - started) };
    } finally {
      this.#importing = false;
    }
  }

  /** The same import from files in memory (the sample KB, tests). */
  async importSources(label: string, sources: readonly ImportSource[]): Promise<ImportReport> {
    const started = performance.now();
    const report = await this.#importSources(
      label,
      sources.length,
      [],
      (async function* () {
        yield sources;
      })(),
    );
    return { ...report, tookMs: Math.round(performance.now() - started) };
  }

  async #importSources(
    dir: string,
    total: number,
    problems: readonly FileProblem[],
    chunks: AsyncIterable<readonly (ImportSource | { relativePath: string; error: string })[]>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const skipped: ImportReport['skipped'] = [...problems];
    const changedIds: string[] = [];
    const seenIds = new Map<string, string>();
    const counts = { created: 0, updated: 0, unchanged: 0 };
    const editor = this.#me();
    let done = problems.length;
    let batch: { write: WriteArticle; file: ParsedArticleFile }[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const outcomes = await this.#deps.db.run(
        'kb.writeMany',
        batch.map((b) => b.write),
      );
      outcomes.forEach((outcome, i) => {
        const item = batch[i];
        if (item === undefined) return;
        if (outcome.kind === 'created' || outcome.kind === 'updated') {
          counts[outcome.kind]++;
          changedIds.push(item.write.id);
        } else if (outcome.kind === 'unchanged') counts.unchanged++;
      });
      batch = [];
    };
    for await (const chunk of chunks) {
      for (const source of chunk) {
        done++;
        if ('error' in source) {
          skipped.push({ path: source.relativePath, reason: 'unreadable', detail: source.error });
          continue;
        }
        const parsed = parseArticleFile(source.relativePath, source.bytes);
        if (!parsed.ok) {
          skipped.push({ path: source.relativePath, reason: parsed.reason, detail: parsed.detail });
          continue;
        }
        const earlier = seenIds.get(parsed.article.id);
        if (earlier !== undefined) {
          skipped.push({
            path: source.relativePath,
            reason: 'duplicate_id',
            detail: `id ${parsed.article.id} is already used by ${earlier}`,
          });
          continue;
        }
        seenIds.set(parsed.article.id, source.relativePath);
        const article = parsed.article;
        batch.push({
          file: article,
          write: {
            id: article.id,
            title: article.title,
            body: article.body,
            category: article.category,
            tags: article.tags,
            language: article.language,
            audience: article.audience,
            author: article.author,
            editor,
            nowMs: this.#nowMs(),
            note: `imported from ${article.sourcePath}`,
            sourcePath: article.sourcePath,
          },
        });
        if (batch.length >= importBatch) await flush();
      }
      onProgress?.(done, total);
    }
    await flush();
    onProgress?.(total, total);
    if (changedIds.length > 0)
      this.#deps.events.emit('kb.changed', { ids: changedIds.slice(0, 500), reason: 'imported' });
    this.#deps.log.info('import finished', { dir, ...counts, skipped: skipped.length });
    return { dir, files: total, ...counts, skipped, changedIds, tookMs: 0 };
  }

  async #requireFolder(dir: string): Promise<void> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(dir);
    } catch {
      throw new ApiError('not_found', `No folder ${dir}`);
    }
    if (!stat.isDirectory()) throw new ApiError('not_found', `${dir} is not a folder`);
  }

  /** The import in the background, with kb.importProgress events; answers its job id at once. */
  async startImport(dir: string): Promise<{ jobId: string }> {
    await this.#requireFolder(dir);
    if (this.#importing) throw new ApiError('conflict', 'An import is already running; wait for it to finish.');
    const jobId = crypto.randomUUID();
    let job: ImportJob = { jobId, dir, state: 'running', done: 0, total: 0, report: null, error: null };
    const publish = (next: ImportJob): void => {
      job = next;
      this.#jobs.set(jobId, job);
      this.#deps.events.emit('kb.importProgress', job);
    };
    publish(job);
    // Keep the last few jobs for kb.importJob (a reconnecting page asks for the outcome).
    for (const old of [...this.#jobs.keys()].slice(0, -10)) this.#jobs.delete(old);
    let lastPublished = 0;
    void this.importFolder(dir, (done, total) => {
      const now = performance.now();
      if (done < total && now - lastPublished < 100) return;
      lastPublished = now;
      publish({ ...job, done, total });
    }).then(
      (report) => publish({ ...job, state: 'done', done: report.files, total: report.files, report }),
      (error: unknown) => {
        this.#deps.log.warn('import failed', { dir, error: describeError(error) });
        publish({ ...job, state: 'failed', error: error instanceof ApiError ? error.message : describeError(error) });
      },
    );
    return { jobId };
  }

  async exportFolder(dir: string): Promise<ExportReport> {
    const started = performance.now();
    const db = this.#deps.db;
    async function* pages() {
      let after = 0;
      for (;;) {
        const rows = await db.run('kb.exportPage', after, 500);
        if (rows.length === 0) return;
        after = rows.at(-1)?.seq ?? after;
        yield rows.map((row) => ({
          id: row.id,
          title: row.title,
          body: row.body,
          category: row.category,
          tags: JSON.parse(row.tags) as string[],
          language: row.language,
          audience: row.audience,
          author: row.author,
          updatedAt: new Date(row.updated_at).toISOString(),
        }));
      }
    }
    let written: number;
    try {
      written = await writeExport(dir, pages(), this.#deps.now());
    } catch (error) {
      if (error instanceof ExportRefused) throw new ApiError('conflict', error.message);
      if ((error as { code?: string }).code === 'EACCES' || (error as { code?: string }).code === 'EPERM') {
        throw new ApiError('forbidden', `Cannot write to ${dir}: permission denied`);
      }
      throw error;
    }
    this.#deps.log.info('export finished', { dir, written });
    return { dir, written, tookMs: Math.round(performance.now() - started) };
  }

  /**
   * Loads the sample knowledge base (electron/kb/sample/, embedded in the build) when the KB
   * has no live article; training mode calls this. Answers how many articles it added.
   */
  async seedSample(): Promise<{ imported: number }> {
    const { live } = await this.#deps.db.run('kb.count');
    if (live > 0) return { imported: 0 };
    const encoder = new TextEncoder();
    const report = await this.importSources(
      'sample',
      sampleArticles.map((file) => ({ relativePath: file.path, bytes: encoder.encode(file.text) })),
    );
    for (const skip of report.skipped) this.#deps.log.error('sample article skipped', { ...skip });
    return { imported: report.created + report.updated };
  }
}

function newArticleId(): string {
  // 12 base-36 characters from 8 random bytes: short enough for a URL, never guessed.
  const value = crypto.randomBytes(8).readBigUInt64BE();
  return `a${value.toString(36).padStart(13, '0').slice(-12)}`;
}
