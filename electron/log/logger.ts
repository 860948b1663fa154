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

/**
 * Human-readable lines on stderr, for the terminal that runs the web host or CLI.
 * When the terminal goes away (a closed pipe: EPIPE), the sink falls silent
 * instead of turning every later log line into another error.
 */
export class ConsoleSink implements LogSink {
  readonly #minLevel: LogLevel;
  readonly #stream: NodeJS.WritableStream;
  #broken = false;

  constructor(minLevel: LogLevel = 'info', stream: NodeJS.WritableStream = process.stderr) {
    this.#minLevel = minLevel;
    this.#stream = stream;
    stream.on('error', () => {
      this.#broken = true;
    });
  }

  write(record: LogRecord): void {
    if (this.#broken || levelRank[record.level] < levelRank[this.#minLevel]) return;
    const fields = record.fields ? ` ${safeJson(record.fields)}` : '';
    try {
      this.#stream.write(
        `${record.time} ${record.level.toUpperCase().padEnd(5)} [${record.module}] ${record.msg}${fields}\n`,
      );
    } catch {
      this.#broken = true;
    }
  }
}

/**
 * JSON lines in `<dataDir>/logs/seatdesk.log`, rotated to `seatdesk.log.1`
 * whenever it passes `maxBytes`, at start and while running: whatever happens,
 * the logs of one workstation never take more than about twice `maxBytes`.
 */
export class FileSink implements LogSink {
  readonly #file: string;
  readonly #maxBytes: number;
  #stream: fs.WriteStream;
  #bytes: number;

  constructor(file: string, maxBytes = 10 * 1024 * 1024) {
    this.#file = file;
    this.#maxBytes = maxBytes;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    let size = 0;
    try {
      size = fs.statSync(file).size;
    } catch {
      // No file yet.
    }
    if (size > maxBytes) {
      fs.renameSync(file, `${file}.1`);
      size = 0;
    }
    this.#bytes = size;
    this.#stream = this.#open();
  }

  #open(): fs.WriteStream {
    // Opened now, not lazily: a rotation right after must not redirect this stream's lines.
    const stream = fs.createWriteStream('', { fd: fs.openSync(this.#file, 'a') });
    stream.on('error', () => {
      // A log file that cannot be written (a full disk) must not crash the services.
    });
    return stream;
  }

  write(record: LogRecord): void {
    const line = `${safeJson(record)}\n`;
    this.#bytes += Buffer.byteLength(line);
    if (this.#bytes > this.#maxBytes) {
      this.#stream.end();
      try {
        fs.renameSync(this.#file, `${this.#file}.1`);
      } catch {
        // Rotation failed (a read-only folder?): keep appending rather than lose the line.
      }
      this.#stream = this.#open();
      this.#bytes = Buffer.byteLength(line);
    }
    this.#stream.write(line);
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
