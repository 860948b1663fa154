import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportProgress, RecordingSummary } from '../../shared/recordings/types';
import { UsageError, type Command } from './command';

/**
 * `seatdesk recordings …` commands; ./commands.ts lists them. They call contract methods, so
 * the service does the work and the CLI validates exactly like the UI.
 *
 * Their options are declared on the command (Command.options), so cli.ts parses them with the
 * global ones; anything after a `--` reaches the command as arguments and is parsed here the same
 * way (`seatdesk recordings search -- --number 8000` works too).
 */

type StringOptions = Readonly<Record<string, { readonly type: 'string' }>>;

function parse(
  args: readonly string[],
  declared: StringOptions,
  given: Readonly<Record<string, string | boolean | undefined>> | undefined,
  usage: string,
) {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: declared,
      allowPositionals: true,
      strict: true,
    });
    const merged: Record<string, string | undefined> = {};
    for (const name of Object.keys(declared)) {
      const value = given?.[name] ?? values[name];
      if (typeof value === 'string') merged[name] = value;
    }
    return { values: merged, positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** "2024-03-05" (local midnight; as an end date, the whole day) or an ISO date-time. */
export function parseDate(value: string, endOfDay: boolean): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const date = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + (endOfDay ? 1 : 0));
    if (!Number.isNaN(date.getTime())) return date.getTime();
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new UsageError(`"${value}" is not a date (YYYY-MM-DD or an ISO date-time)`);
}

function bar(progress: ImportProgress, width = 30): string {
  const ratio = progress.total > 0 ? progress.done / progress.total : 1;
  const filled = Math.round(ratio * width);
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ` +
    `${progress.done}/${progress.total} files · ${progress.imported} imported · ${progress.skipped} skipped · ` +
    `${progress.failed} failed`
  );
}

const importUsage = 'seatdesk recordings import <dir> [--cdr Master.csv] [--json]';
const importOptions: StringOptions = { cdr: { type: 'string' } };

const importCommand: Command = {
  path: ['recordings', 'import'],
  usage: importUsage,
  summary: 'Index existing recordings (Asterisk/FreePBX layout or any audio), copying them into the data folder',
  options: importOptions,
  async run({ call, out, services, json, options }, args) {
    const { values, positionals } = parse(args, importOptions, options, importUsage);
    const [dir, ...extra] = positionals;
    if (dir === undefined || extra.length > 0) throw new UsageError('recordings import takes one folder');
    // A progress bar only for a person watching a terminal; never into pipes, logs or --json output.
    const tty = process.stderr.isTTY && !json;
    const unsubscribe = tty
      ? services.events.subscribe((name, payload) => {
          if (name === 'recordings.importProgress') process.stderr.write(`\r${bar(payload as ImportProgress)}`);
        })
      : () => undefined;
    let summary;
    try {
      summary = await call('recordings.import', {
        dir: path.resolve(dir),
        ...(values.cdr !== undefined ? { cdr: path.resolve(values.cdr) } : {}),
      });
    } finally {
      unsubscribe();
      if (tty) process.stderr.write('\n');
    }
    for (const problem of summary.problems) out.line(`failed  ${problem.file}: ${problem.reason}`);
    if (summary.failed > summary.problems.length) {
      out.line(`… and ${summary.failed - summary.problems.length} more failures (see the log)`);
    }
    if (values.cdr !== undefined) out.line(`CDR: ${summary.cdrRows} rows, ${summary.cdrMatched} matched to files`);
    out.line(`${summary.imported} imported, ${summary.skipped} skipped, ${summary.failed} failed`);
    out.line(`copies stored under ${summary.storedUnder}`);
    out.result(summary);
  },
};

const searchUsage =
  'seatdesk recordings search [--number DIGITS] [--agent ID] [--queue ID] [--from DATE] [--to DATE] [--text WORDS] [--limit N] [--json]';

function formatTime(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function describe(r: RecordingSummary): string {
  const ids = [
    `id ${r.id}`,
    r.pbxUniqueId && `pbx ${r.pbxUniqueId}`,
    r.sipCallId && `sip ${r.sipCallId}`,
    r.callId && `call ${r.callId}`,
  ]
    .filter(Boolean)
    .join(' ');
  const duration = r.durationSeconds === null ? '-' : `${Math.round(r.durationSeconds)}s`;
  return [
    formatTime(r.startedAt),
    r.direction.padEnd(8),
    `${r.ani ?? '-'} → ${r.dnis ?? '-'}`,
    `agent ${r.agentId ?? '-'}`,
    `queue ${r.queueId ?? '-'}`,
    `answered ${formatTime(r.answeredAt)}`,
    `ended ${formatTime(r.endedAt)}`,
    duration,
    ids,
    r.filePath,
  ].join('  ');
}

const searchOptions: StringOptions = {
  number: { type: 'string' },
  agent: { type: 'string' },
  queue: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  text: { type: 'string' },
  limit: { type: 'string' },
};

const searchCommand: Command = {
  path: ['recordings', 'search'],
  usage: searchUsage,
  summary: 'Search the recordings index (numbers match whole or by their last digits), newest first',
  options: searchOptions,
  async run({ call, out, options }, args) {
    const { values, positionals } = parse(args, searchOptions, options, searchUsage);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit takes 1 to 500');
    if (values.number !== undefined && !/\d/.test(values.number)) throw new UsageError('--number takes digits');
    const result = await call('recordings.search', {
      limit,
      ...(values.number !== undefined ? { number: values.number } : {}),
      ...(values.agent !== undefined ? { agentId: values.agent } : {}),
      ...(values.queue !== undefined ? { queueId: values.queue } : {}),
      ...(values.from !== undefined ? { from: parseDate(values.from, false) } : {}),
      ...(values.to !== undefined ? { to: parseDate(values.to, true) } : {}),
      ...(values.text !== undefined ? { text: values.text } : {}),
    });
    for (const item of result.items) out.line(describe(item));
    out.line(
      result.items.length === 0
        ? 'no recordings match'
        : `${result.items.length} recording${result.items.length === 1 ? '' : 's'}${result.next ? ' (more: raise --limit or narrow the search)' : ''}`,
    );
    out.result(result);
  },
};

export const recordingsCommands: readonly Command[] = [importCommand, searchCommand];
