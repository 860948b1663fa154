import type { Logger } from './logger';

export interface CrashGuardOptions {
  /** More uncaught errors than this within `windowMs` means the process is spinning: exit. */
  readonly maxPerWindow?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
  readonly exit?: (code: number) => void;
}

/**
 * What a long-running host does with errors nobody caught: log each distinct
 * one once per window (a loop must not fill the disk), keep serving, and give
 * up with exit code 1 when errors arrive faster than any healthy process makes
 * them: a supervisor restarting a clean process beats a spinning one.
 */
export function guardUncaughtErrors(
  log: Logger,
  options: CrashGuardOptions = {},
): (error: unknown, kind: string) => void {
  const maxPerWindow = options.maxPerWindow ?? 100;
  const windowMs = options.windowMs ?? 10_000;
  const now = options.now ?? Date.now;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let windowStart = now();
  let count = 0;
  const seen = new Set<string>();
  let exiting = false;

  return (error, kind) => {
    const time = now();
    if (time - windowStart > windowMs) {
      windowStart = time;
      count = 0;
      seen.clear();
    }
    count += 1;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!seen.has(message)) {
      seen.add(message);
      log.error(`uncaught ${kind}`, { error: message, stack: error instanceof Error ? error.stack : undefined });
    }
    if (count > maxPerWindow && !exiting) {
      exiting = true;
      log.error('too many uncaught errors; exiting so a clean process can take over', { count, windowMs });
      exit(1);
    }
  };
}

/** Broken terminals (EPIPE on stdout/stderr) are not errors of ours; without a listener they would be. */
export function tolerateClosedTerminal(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
}
