import path from 'node:path';
import { kbLanguages, type KbLanguage } from '../../shared/kb/types';
import { UsageError, type Command } from './command';

/**
 * `seatdesk kb …` commands; ./commands.ts lists them. They call contract methods, so the
 * knowledge-base service does the work and validates exactly as for the UI. The command line
 * counts as a KB editor (see KnowledgeBaseService's role rules).
 */

function oneFolder(args: readonly string[], command: string): string {
  const [dir, ...extra] = args;
  if (dir === undefined || extra.length > 0) throw new UsageError(`${command} takes one folder`);
  return path.resolve(dir);
}

const importCommand: Command = {
  path: ['kb', 'import'],
  usage: 'seatdesk kb import <dir> [--json]',
  summary: 'Import a folder of Markdown articles (front matter; folders become categories); changed files only',
  async run({ call, out }, args) {
    const dir = oneFolder(args, 'kb import');
    const report = await call('kb.import', { dir });
    for (const skip of report.skipped) out.line(`skipped ${skip.path}: ${skip.reason}: ${skip.detail}`);
    out.line(
      `${report.files} files: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ` +
        `${report.skipped.length} skipped (${report.tookMs} ms)`,
    );
    out.result(report);
  },
};

const exportCommand: Command = {
  path: ['kb', 'export'],
  usage: 'seatdesk kb export <dir> [--json]',
  summary: 'Write every article as Markdown with front matter into an empty folder (or a previous export)',
  async run({ call, out }, args) {
    const dir = oneFolder(args, 'kb export');
    const report = await call('kb.export', { dir });
    out.line(`${report.written} articles written to ${report.dir} (${report.tookMs} ms)`);
    out.result(report);
  },
};

const searchCommand: Command = {
  path: ['kb', 'search'],
  usage: 'seatdesk kb search "<query>" [--lang en|zh-CN|zh-TW] [--limit N] [--json]',
  summary: 'Ranked articles for a query: ids, titles and scores',
  options: { lang: { type: 'string' }, limit: { type: 'string' } },
  async run({ call, out, options }, args) {
    if (args.length === 0) throw new UsageError('kb search takes a query');
    const query = args.join(' ');
    const lang = options?.lang;
    if (lang !== undefined && (typeof lang !== 'string' || !(kbLanguages as readonly string[]).includes(lang))) {
      throw new UsageError(`--lang takes one of ${kbLanguages.join(', ')}`);
    }
    const limitText = options?.limit;
    const limit = limitText === undefined ? 10 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw new UsageError('--limit takes a number from 1 to 50');
    const result = await call('kb.search', {
      query,
      limit,
      prefix: false,
      filters: lang === undefined ? {} : { language: lang as KbLanguage },
    });
    if (result.hits.length === 0) out.line(`No article matches "${query}".`);
    else if (result.relaxed) out.line('No article has every word; closest matches:');
    const idWidth = Math.max(2, ...result.hits.map((hit) => hit.article.id.length));
    result.hits.forEach((hit, i) => {
      out.line(
        `${String(i + 1).padStart(2)}. ${hit.article.id.padEnd(idWidth)}  ${hit.score.toFixed(3).padStart(8)}  ` +
          `${hit.article.language.padEnd(5)}  ${hit.article.title}`,
      );
    });
    out.result({
      query,
      words: result.words,
      relaxed: result.relaxed,
      hits: result.hits.map((hit) => ({
        id: hit.article.id,
        title: hit.article.title,
        score: hit.score,
        language: hit.article.language,
        audience: hit.article.audience,
        category: hit.article.category,
      })),
    });
  },
};

/** `seatdesk kb …` commands; ./commands.ts lists them. */
export const kbCommands: readonly Command[] = [importCommand, exportCommand, searchCommand];
