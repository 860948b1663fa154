import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cdrLine, wavBytes, writeFile } from '../recordings/testing/fixtures';
import { tempDir } from '../recordings/testing/harness';
import { runCli } from './cli';

let dataDir: string;
let monitor: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  dataDir = tempDir();
  monitor = tempDir('seatdesk-monitor-');
  stdout = [];
  stderr = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of [dataDir, monitor]) fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<number> => runCli(['--data-dir', dataDir, ...args]);

function fixture(): string {
  const day = path.join(monitor, '2024', '03', '05');
  writeFile(path.join(day, 'in-4001-13800138000-20240305-140209-1709647329.42.wav'), wavBytes({ seconds: 0.5 }));
  writeFile(
    path.join(day, 'out-02155551234-1002-20240305-153000-1709652600.9.wav'),
    wavBytes({ seconds: 0.5, seed: 4 }),
  );
  writeFile(path.join(day, 'broken.wav'), 'plain text');
  return writeFile(
    path.join(monitor, 'Master.csv'),
    `${cdrLine({
      src: '13800138000',
      dst: '4001',
      dcontext: 'ext-queues',
      clid: '"Wang Fang" <13800138000>',
      channel: 'PJSIP/trunk-1',
      dstchannel: 'PJSIP/1001-2',
      start: '2024-03-05 14:02:09',
      answer: '2024-03-05 14:02:12',
      end: '2024-03-05 14:04:40',
      duration: 151,
      billsec: 148,
      disposition: 'ANSWERED',
      uniqueid: '1709647329.42',
    })}\n`,
  );
}

describe('seatdesk recordings', () => {
  it('import refuses profiles that may not import, then imports with a summary and reasons', async () => {
    const cdr = fixture();
    expect(await cli('recordings', 'import', monitor)).toBe(1);
    expect(stderr.join('\n')).toMatch(/forbidden: The agent role may not import recordings/);

    expect(await cli('settings', 'set', 'profile.role', 'qa_lead')).toBe(0);
    stdout.length = 0;
    expect(await cli('recordings', 'import', monitor, '--cdr', cdr)).toBe(0);
    const text = stdout.join('\n');
    expect(text).toContain('failed  2024/03/05/broken.wav: not a WAV file (no RIFF/WAVE header)');
    expect(text).toContain('CDR: 1 rows, 1 matched to files');
    expect(text).toContain('2 imported, 1 skipped, 1 failed'); // Master.csv itself is skipped

    stdout.length = 0;
    expect(await cli('--json', 'recordings', 'import', monitor)).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toMatchObject({ imported: 0, skipped: 3, failed: 1 });
  });

  it('search prints each match with its ids, numbers, times and file; --json gives the page', async () => {
    const cdr = fixture();
    await cli('settings', 'set', 'profile.role', 'qa');
    await cli('recordings', 'import', monitor, '--cdr', cdr);
    stdout.length = 0;
    expect(await cli('recordings', 'search', '--', '--number', '8000')).toBe(0);
    const lines = stdout.join('\n');
    expect(lines).toMatch(/2024-03-05 14:02:09 +inbound +13800138000 → 4001 +agent 1001/);
    expect(lines).toContain('pbx 1709647329.42');
    expect(lines).toContain(path.join(dataDir, 'recordings', 'imported'));
    expect(lines).toContain('1 recording');

    stdout.length = 0;
    expect(
      await cli('--json', 'recordings', 'search', '--from', '2024-03-05', '--to', '2024-03-05', '--limit', '1'),
    ).toBe(0);
    const page = JSON.parse(stdout.join('\n')) as { items: { pbxUniqueId: string }[]; next: unknown };
    expect(page.items.map((r) => r.pbxUniqueId)).toEqual(['1709652600.9']);
    expect(page.next).not.toBeNull();

    stdout.length = 0;
    expect(await cli('--json', 'recordings', 'search', '--agent', '1001', '--queue', 'none')).toBe(0);
    expect(JSON.parse(stdout.join('\n'))).toEqual({ items: [], next: null });
  });

  it('draws a progress bar on stderr when it is a terminal, and none otherwise', async () => {
    fixture();
    await cli('settings', 'set', 'profile.role', 'qa');
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const wasTty = process.stderr.isTTY;
    process.stderr.isTTY = true;
    try {
      expect(await cli('recordings', 'import', monitor)).toBe(0);
      const bars = writes.filter((w) => w.startsWith('\r['));
      expect(bars.at(-1)).toMatch(/^\r\[#{30}\] 100% 4\/4 files · 2 imported · 1 skipped · 1 failed$/);
      writes.length = 0;
      process.stderr.isTTY = false;
      expect(await cli('recordings', 'import', monitor)).toBe(0);
      expect(writes.filter((w) => w.startsWith('\r['))).toEqual([]);
    } finally {
      process.stderr.isTTY = wasTty;
    }
  });

  it('exits 2 with usage on mistakes', async () => {
    expect(await cli('recordings', 'search', '--from', 'yesterday')).toBe(2);
    expect(stderr.join('\n')).toContain('is not a date');
    expect(await cli('recordings', 'search', '--limit', '0')).toBe(2);
    expect(await cli('recordings', 'import')).toBe(2);
    expect(await cli('recordings', 'search', '--bogus')).toBe(2);
    expect(await cli('recordings', 'search', '--cdr', 'x.csv')).toBe(2); // an option of import, not of search
    expect(await cli('recordings', 'search', '--', '--bogus')).toBe(2);
  });

  it('import of a folder that does not exist is a clean refusal', async () => {
    await cli('settings', 'set', 'profile.role', 'supervisor');
    expect(await cli('recordings', 'import', path.join(monitor, 'nope'))).toBe(1);
    expect(stderr.join('\n')).toMatch(/not_found: .*no such folder/);
  });
});
