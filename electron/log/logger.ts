import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Readonly<Record<string, unknown>>;

export interface LogRecord {
  readonly time: string;
  readonly level: LogLevel;
  readonly module: string;
  readonly msg: string;
  readonly fields?: LogFields;
}

export interface LogSink {
  write(record: LogRecord): void;
  close?(): Promise<void>;
}

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** One logger per module with a short name: `log.child('sql')`. */
  child(module: string): Logger;
}

export function createLogger(sink: LogSink, module = 'app', now: () => Date = () => new Date()): Logger {
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    try {
      sink.write({ time: now().toISOString(), level, module, msg, ...(fields ? { fields } : {}) });
    } catch {
      // Logging must never take the process down (a full disk, a closed stream).
    }
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (name) => createLogger(sink, name, now),
  };
}

/** Errors are not JSON-serialisable; keep what a reader of the log needs. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error) {
    return { error: error.message, name: error.name, stack: error.stack };
  }
  return { error: String(error) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '"[unserialisable]"';
  }
}

/** Human-readable lines on stderr, for the terminal that runs the web host or CLI. */
export class ConsoleSink implements LogSink {
  readonly #minLevel: LogLevel;
  readonly #stream: NodeJS.WritableStream;

  constructor(minLevel: LogLevel = 'info', stream: NodeJS.WritableStream = process.stderr) {
    this.#minLevel = minLevel;
    this.#stream = stream;
  }

  write(record: LogRecord): void {
    if (levelRank[record.level] < levelRank[this.#minLevel]) return;
    const fields = record.fields ? ` ${safeJson(record.fields)}` : '';
    this.#stream.write(
      `${record.time} ${record.level.toUpperCase().padEnd(5)} [${record.module}] ${record.msg}${fields}\n`,
    );
  }
}

/**
 * JSON lines in `<dataDir>/logs/seatdesk.log`. The file is rotated once at open
 * when it passed `maxBytes`, so a long-lived workstation keeps two files at most.
 */
export class FileSink implements LogSink {
  readonly #stream: fs.WriteStream;

  constructor(file: string, maxBytes = 10 * 1024 * 1024) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      if (fs.statSync(file).size > maxBytes) fs.renameSync(file, `${file}.1`);
    } catch {
      // No file yet.
    }
    this.#stream = fs.createWriteStream(file, { flags: 'a' });
    this.#stream.on('error', () => {
      // A log file that cannot be written must not crash the services.
    });
  }

  write(record: LogRecord): void {
    this.#stream.write(`${safeJson(record)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#stream.end(resolve));
  }
}

/** Keeps records in memory; tests assert on what was logged (and how often). */
export class MemorySink implements LogSink {
  readonly records: LogRecord[] = [];

  write(record: LogRecord): void {
    this.records.push(record);
  }

  at(level: LogLevel): LogRecord[] {
    return this.records.filter((r) => r.level === level);
  }
}

export function teeSink(...sinks: LogSink[]): LogSink {
  return {
    write: (record) => {
      for (const sink of sinks) sink.write(record);
    },
    close: async () => {
      await Promise.all(sinks.map((s) => s.close?.()));
    },
  };
}

/** For code that may run before logging is set up (Electron's early app events). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
