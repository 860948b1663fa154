import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../shared/api/errors';
import {
  callerName,
  channelExtension,
  directionOfContext,
  directionOfType,
  parseAsteriskName,
  readCdr,
  type CdrRecord,
  type CdrTable,
} from '../../shared/recordings/asterisk';
import { computeChecks } from '../../shared/recordings/checks';
import { expiresAt, resolveRetention, type RetentionPolicy } from '../../shared/recordings/retention';
import type { Direction, ImportProgress, ImportSummary } from '../../shared/recordings/types';
import type { IndexRow } from '../db/repositories/recordings-index';
import type { SqlClient } from '../db/sql-client';
import type { Logger } from '../log/logger';
import { newRecordingId } from './ids';
import { BadAudioError, formatFromName, readAudio, type AudioInfo } from './audio';

/**
 * Import of existing recordings from a folder (a PBX's monitor/ share, a backup).
 *
 * Files are COPIED under `<dataDir>/recordings/imported/YYYY/MM/DD/`, never referenced in place:
 * the index must not break when the share is unmounted, and the retention purge may then delete
 * what SeatDesk owns without ever touching the PBX's own files. The copy is named by its sha256,
 * so a re-run (or the same call found twice) is a no-op: the index is keyed by sha256 too.
 *
 * Bad files are reported one each with the reason and skipped; the rest are imported.
 */

export interface ImportDeps {
  readonly db: SqlClient;
  readonly log: Logger;
  readonly now: () => Date;
  /** `<dataDir>/recordings`: copies go to its `imported/` folder, and nothing may land outside it. */
  readonly storeRoot: string;
  readonly policy: RetentionPolicy;
  readonly progress: (progress: ImportProgress) => void;
  /** Ids of each batch written to the index. */
  readonly indexed?: (ids: readonly string[]) => void;
  /** How often progress is reported at most (ms). */
  readonly progressEveryMs?: number;
}

export interface ImportRequest {
  readonly dir: string;
  readonly cdr?: string | undefined;
}

const batchSize = 200;
const maxProblems = 1000;

interface Candidate {
  /** Relative to the import folder, with forward slashes (for reports). */
  readonly rel: string;
  readonly abs: string;
}

/** Every entry below the folder, depth first, sorted (reports and ids come out in a stable order). */
async function walk(root: string, log: Logger, problems: (file: string, reason: string) => void): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const relDir = pending.pop() ?? '';
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(root, relDir), { withFileTypes: true });
    } catch (error) {
      problems(relDir || '.', `unreadable folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      log.warn('import: folder unreadable', { dir: relDir });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dirs: string[] = [];
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) dirs.push(rel);
      else out.push({ rel, abs: path.join(root, rel) });
    }
    pending.push(...dirs.reverse());
  }
  return out;
}

const insideOf = (root: string, target: string): boolean => {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Names that would not stay one file name under the data dir on every platform we ship to. */
function unsafeName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name === '.' || name === '..' || /[\\/\u0000-\u001f:*?"<>|]/.test(name);
}

async function errno(error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM'
    ? `unreadable (${code}: permission denied)`
    : `unreadable (${code ?? (error as Error).message})`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export async function importFolder(deps: ImportDeps, request: ImportRequest): Promise<ImportSummary> {
  const importId = crypto.randomUUID();
  let root: string;
  try {
    root = await fs.promises.realpath(request.dir);
    if (!(await fs.promises.stat(root)).isDirectory())
      throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApiError('not_found', `${request.dir}: ${code === 'ENOTDIR' ? 'not a folder' : 'no such folder'}`);
  }
  const storeRoot = path.resolve(deps.storeRoot);
  if (insideOf(root, storeRoot) || insideOf(storeRoot, root)) {
    throw new ApiError('conflict', `${request.dir} is SeatDesk's own recordings folder (or contains it)`);
  }

  let cdr: CdrTable | null = null;
  let cdrFile: string | null = null;
  if (request.cdr !== undefined) {
    try {
      cdrFile = await fs.promises.realpath(request.cdr);
      cdr = readCdr(await fs.promises.readFile(cdrFile, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ApiError('not_found', `${request.cdr}: ${code === 'ENOENT' ? 'no such file' : await errno(error)}`);
    }
    if (cdr.rejected.length > 0) {
      deps.log.warn('import: CDR rows without a unique id ignored', { lines: cdr.rejected.slice(0, 20) });
    }
  }

  const problems: { file: string; reason: string }[] = [];
  let failed = 0;
  let skipped = 0;
  let imported = 0;
  let cdrMatched = 0;
  const fail = (file: string, reason: string): void => {
    failed++;
    if (problems.length < maxProblems) problems.push({ file, reason });
    deps.log.warn('import: file refused', { file, reason });
  };

  const candidates = await walk(root, deps.log, fail);
  const total = candidates.length;
  let done = 0;
  let lastProgress = 0;
  const every = deps.progressEveryMs ?? 200;
  const report = (force = false): void => {
    const at = Date.now();
    if (!force && at - lastProgress < every) return;
    lastProgress = at;
    deps.progress({ importId, total, done, imported, skipped, failed });
  };
  report(true);

  const seen = new Set<string>();
  let batch: IndexRow[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outcome = await deps.db.run('recordings.insertMany', batch);
    imported += outcome.inserted.length;
    if (outcome.inserted.length > 0) deps.indexed?.([...outcome.inserted]);
    skipped += outcome.duplicates.length;
    batch = [];
  };

  for (const candidate of candidates) {
    done++;
    const name = path.basename(candidate.rel);
    const named = formatFromName(name);
    if (named === null || (cdrFile !== null && candidate.abs === cdrFile)) {
      skipped++; // not audio by its name (Master.csv, notes, thumbnails)
      report();
      continue;
    }
    const row = await prepare(deps, candidate, name, named, root, storeRoot, cdr, seen).catch((error: unknown) => ({
      error: error instanceof Error ? error.message : String(error),
    }));
    if ('error' in row) fail(candidate.rel, row.error);
    else if (row.duplicate) skipped++;
    else {
      if (row.cdr) cdrMatched++;
      batch.push(row.row);
      if (batch.length >= batchSize) await flush();
    }
    report();
  }
  await flush();
  report(true);
  deps.log.info('import finished', { dir: root, imported, skipped, failed });
  return {
    importId,
    dir: root,
    imported,
    skipped,
    failed,
    problems,
    cdrRows: cdr?.rows ?? 0,
    cdrMatched,
    storedUnder: path.join(storeRoot, 'imported'),
  };
}

type Prepared = { duplicate: true } | { duplicate: false; row: IndexRow; cdr: boolean } | { error: string };

async function prepare(
  deps: ImportDeps,
  candidate: Candidate,
  name: string,
  named: NonNullable<ReturnType<typeof formatFromName>>,
  root: string,
  storeRoot: string,
  cdrTable: CdrTable | null,
  seen: Set<string>,
): Promise<Prepared> {
  let source = candidate.abs;
  const link = await fs.promises.lstat(source).catch((error: unknown) => error as Error);
  if (link instanceof Error) return { error: await errno(link) };
  if (link.isSymbolicLink()) {
    let target: string;
    try {
      target = await fs.promises.realpath(source);
    } catch (error) {
      return { error: `${await errno(error)} (broken symlink)` };
    }
    if (!insideOf(root, target)) return { error: 'symlink points outside the folder' };
    source = target;
  }
  const stat = await fs.promises.stat(source).catch((error: unknown) => error as Error);
  if (stat instanceof Error) return { error: await errno(stat) };
  if (!stat.isFile()) return { error: 'not a regular file' };
  if (unsafeName(name)) return { error: 'name would escape the data dir' };

  let audio: AudioInfo;
  try {
    audio = await readAudio(source, named);
  } catch (error) {
    if (error instanceof BadAudioError) return { error: error.message };
    return { error: await errno(error) };
  }
  if (seen.has(audio.sha256)) return { duplicate: true };
  seen.add(audio.sha256);
  const known = await deps.db.run('recordings.knownHashes', [audio.sha256]);
  if (known.length > 0) return { duplicate: true };

  const asterisk = parseAsteriskName(name);
  const cdr: CdrRecord | undefined =
    cdrTable === null
      ? undefined
      : ((asterisk ? cdrTable.byUniqueId.get(asterisk.uniqueId) : undefined) ?? cdrTable.byFile.get(name));
  const startedAt = cdr?.start ?? asterisk?.startedAt ?? Math.round(stat.mtimeMs - (audio.durationSeconds ?? 0) * 1000);

  const day = new Date(startedAt);
  const destination = path.join(
    storeRoot,
    'imported',
    String(day.getFullYear()),
    pad(day.getMonth() + 1),
    pad(day.getDate()),
    `${audio.sha256.slice(0, 16)}-${name}`,
  );
  if (!insideOf(path.join(storeRoot, 'imported'), destination)) return { error: 'name would escape the data dir' };
  await fs.promises.mkdir(path.dirname(destination), { recursive: true });
  try {
    // COPYFILE_EXCL: a copy left by an interrupted run has the same content (its name carries the hash).
    await fs.promises.copyFile(source, destination, fs.constants.COPYFILE_EXCL);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return { error: `copy failed (${await errno(error)})` };
  }

  const direction: Direction =
    (asterisk && asterisk.type !== 'force' && asterisk.type !== 'external' && asterisk.type !== 'ondemand'
      ? directionOfType(asterisk.type)
      : null) ??
    (cdr ? directionOfContext(cdr.dcontext) : null) ??
    (asterisk ? directionOfType(asterisk.type) : 'unknown');
  const ani = cdr?.src || asterisk?.from || null;
  const dnis = cdr?.dst || asterisk?.to || null;
  const agentId = cdr
    ? direction === 'outbound'
      ? channelExtension(cdr.channel)
      : channelExtension(cdr.dstChannel)
    : direction === 'outbound'
      ? asterisk?.from || null
      : null;
  const queueId =
    asterisk?.type === 'q' ? asterisk.to || null : cdr?.dcontext === 'ext-queues' ? cdr.dst || null : null;
  const answeredAt = cdr?.answer ?? null;
  const endedAt =
    cdr?.end ?? (audio.durationSeconds !== null ? startedAt + Math.round(audio.durationSeconds * 1000) : null);
  const checks = audio.peaks ? computeChecks(audio.peaks.channels, audio.peaks.peaksPerSecond) : null;
  const tags = [{ key: 'source', value: asterisk ? `asterisk-${asterisk.type}` : 'file' }];
  const decision = resolveRetention(deps.policy, { queueId, direction, disposition: cdr?.disposition ?? null, tags });
  const row: IndexRow = {
    id: newRecordingId(deps.now().getTime()),
    callId: null,
    sipCallId: null,
    pbxUniqueId: asterisk?.uniqueId ?? cdr?.uniqueId ?? null,
    pbxLinkedId: cdr?.linkedId ?? null,
    direction,
    ani,
    dnis,
    customerName: cdr && direction === 'inbound' ? callerName(cdr.clid) : null,
    agentId,
    queueId,
    startedAt,
    answeredAt,
    endedAt,
    talkSeconds: cdr?.billsec ?? null,
    holdSeconds: null,
    wrapSeconds: null,
    durationSeconds: audio.durationSeconds,
    disposition: cdr?.disposition ?? null,
    hangupSide: null,
    tags,
    notes: null,
    interactionId: null,
    ticketId: null,
    filePath: destination,
    fileFormat: audio.format,
    channels: audio.channels,
    sampleRate: audio.sampleRate,
    sizeBytes: audio.sizeBytes,
    sha256: audio.sha256,
    source: 'import',
    retentionClass: decision.className,
    expiresAt: expiresAt(decision, startedAt, false),
    legalHold: false,
    recovered: false,
    checks,
    peaks: audio.peaks,
    indexedAt: deps.now().getTime(),
  };
  return { duplicate: false, row, cdr: cdr !== undefined };
}
