import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { guardUncaughtErrors } from './crash-guard';
import { ConsoleSink, FileSink, MemorySink, createLogger } from './logger';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('FileSink', () => {
  it('rotates while running, so a logging storm cannot fill the disk', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'seatdesk.log');
    const sink = new FileSink(file, 10_000);
    const log = createLogger(sink, 'storm');
    for (let i = 0; i < 5000; i++) log.error('the same error again', { i });
    await sink.close();
    expect(fs.statSync(file).size).toBeLessThanOrEqual(10_000);
    expect(fs.statSync(`${file}.1`).size).toBeLessThanOrEqual(10_000);
    expect(fs.readdirSync(dir).sort()).toEqual(['seatdesk.log', 'seatdesk.log.1']);
  });
});

describe('ConsoleSink', () => {
  it('falls silent when its terminal is gone instead of throwing', () => {
    const stream = new PassThrough();
    const sink = new ConsoleSink('info', stream);
    stream.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(() => createLogger(sink).error('after the pipe broke')).not.toThrow();
        resolve();
      }),
    );
  });
});

describe('guardUncaughtErrors', () => {
  it('logs each distinct error once per window and exits when errors storm', () => {
    const sink = new MemorySink();
    const exits: number[] = [];
    let time = 0;
    const guard = guardUncaughtErrors(createLogger(sink), {
      maxPerWindow: 10,
      windowMs: 1000,
      now: () => time,
      exit: (c) => exits.push(c),
    });
    for (let i = 0; i < 5; i++) guard(new Error('EPIPE'), 'exception');
    expect(sink.at('error')).toHaveLength(1);
    expect(exits).toEqual([]);
    for (let i = 0; i < 10; i++) guard(new Error('EPIPE'), 'exception');
    expect(exits).toEqual([1]);
    time = 5000;
    guard(new Error('EPIPE'), 'exception');
    expect(sink.at('error').filter((r) => r.msg === 'uncaught exception')).toHaveLength(2);
  });
});
