import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test-support';
import { runCli } from './cli';

let dataDir: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  dataDir = tempDir();
  stdout = [];
  stderr = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  // Service warnings go to stderr through the console sink; keep test output clean.
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<number> => runCli(['--data-dir', dataDir, ...args]);

describe('seatdesk CLI', () => {
  it('prints help listing every command', async () => {
    expect(await runCli(['--help'])).toBe(0);
    const help = stdout.join('\n');
    for (const command of ['info', 'settings get', 'settings set', 'db status', '--data-dir', '--json']) {
      expect(help).toContain(command);
    }
  });

  it('prints info as JSON with --json', async () => {
    expect(await cli('info', '--json')).toBe(0);
    const info = JSON.parse(stdout.join('\n')) as { dataDir: string; mode: string; schemaVersion: number };
    expect(info).toMatchObject({ dataDir, mode: 'cli' });
    expect(info.schemaVersion).toBeGreaterThan(0);
  });

  it('sets a setting that the next run reads back', async () => {
    expect(await cli('settings', 'set', 'profile.displayName', '李娜')).toBe(0);
    stdout.length = 0;
    expect(await cli('settings', 'get', '--json')).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ profile: { displayName: '李娜' } });
  });

  it('refuses an invalid value through the same validation as the UI (exit 1)', async () => {
    expect(await cli('settings', 'set', 'theme', 'neon')).toBe(1);
    expect(stderr.join('\n')).toMatch(/bad_request: settings.update: .*theme/s);
  });

  it('exits 2 with usage on mistakes in the command line', async () => {
    expect(await cli('settings', 'set', 'nonsense', 'x')).toBe(2);
    expect(stderr.join('\n')).toContain('Settable keys');
    expect(await cli('frobnicate')).toBe(2);
    expect(await runCli(['--no-such-flag'])).toBe(2);
  });
});
