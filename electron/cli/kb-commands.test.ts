import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test-support';
import { runCli } from './cli';

let dataDir: string;
let work: string;
let stdout: string[];
let stderr: string[];

beforeEach(() => {
  dataDir = tempDir();
  work = tempDir('seatdesk-kb-cli-');
  stdout = [];
  stderr = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void stdout.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void stderr.push(args.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<number> => runCli(['--data-dir', dataDir, ...args]);
const json = (): unknown => JSON.parse(stdout.join('\n'));

function write(relative: string, content: string): void {
  const file = path.join(work, 'kb', ...relative.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

describe('seatdesk kb', () => {
  beforeEach(() => {
    write(
      'Refunds/refunds.md',
      '---\ntitle: How refunds work\ntags: [refund]\nlanguage: en\naudience: customer\n---\nRefunds take 5 days.\n',
    );
    write('退款/退款说明.md', '---\ntitle: 退款说明\nlanguage: zh-CN\n---\n退款 1–3 个工作日到账。\n');
    write('退款/退款說明.md', '---\ntitle: 退款說明\nlanguage: zh-TW\n---\n退款 1–3 個工作天入帳。\n');
    write('broken.md', '---\ntitle: [oops\n---\n');
  });

  it('imports a folder, reporting each skipped file on a line of its own', async () => {
    expect(await cli('kb', 'import', path.join(work, 'kb'))).toBe(0);
    expect(stdout.at(-1)).toMatch(/^4 files: 3 created, 0 updated, 0 unchanged, 1 skipped \(\d+ ms\)$/);
    expect(stdout[0]).toMatch(/^skipped broken\.md: invalid_front_matter: YAML/);
    stdout.length = 0;
    expect(await cli('kb', 'import', path.join(work, 'kb'), '--json')).toBe(0);
    expect(json()).toMatchObject({
      created: 0,
      unchanged: 3,
      skipped: [{ path: 'broken.md', reason: 'invalid_front_matter' }],
    });
  });

  it('searches with ranked ids, titles and scores, in any script, filtered by --lang', async () => {
    await cli('kb', 'import', path.join(work, 'kb'));
    stdout.length = 0;
    expect(await cli('kb', 'search', '退款', '--json')).toBe(0);
    const all = json() as { hits: { id: string; title: string; score: number }[] };
    expect(all.hits.map((h) => h.title).sort()).toEqual(['退款說明', '退款说明']);
    expect(all.hits.every((h) => h.score > 0)).toBe(true);
    stdout.length = 0;
    expect(await cli('kb', 'search', '退款', '--lang', 'zh-TW', '--json')).toBe(0);
    expect((json() as { hits: { title: string }[] }).hits.map((h) => h.title)).toEqual(['退款說明']);
    stdout.length = 0;
    expect(await cli('kb', 'search', 'refunds')).toBe(0);
    expect(stdout.join('\n')).toMatch(/ 1\. refunds-refunds\s+\d+\.\d{3}\s+en\s+How refunds work/);
  });

  it('exports the same format back out', async () => {
    await cli('kb', 'import', path.join(work, 'kb'));
    const out = path.join(work, 'out');
    stdout.length = 0;
    expect(await cli('kb', 'export', out, '--json')).toBe(0);
    expect(json()).toMatchObject({ written: 3 });
    const file = fs.readFileSync(path.join(out, 'Refunds', 'refunds-refunds.md'), 'utf8');
    expect(file).toMatch(/^---\nid: refunds-refunds\ntitle: How refunds work\n/);
    expect(file).toContain('audience: customer');
    expect(file.endsWith('Refunds take 5 days.\n')).toBe(true);
  });

  it('says what is wrong with the command line (exit 2)', async () => {
    expect(await cli('kb', 'search')).toBe(2);
    expect(await cli('kb', 'search', 'x', '--lang', 'fr')).toBe(2);
    expect(stderr.join('\n')).toContain('--lang takes one of en, zh-CN, zh-TW');
    expect(await cli('kb', 'import')).toBe(2);
    expect(await cli('info', '--lang', 'en')).toBe(2);
    expect(stderr.join('\n')).toContain('info has no option --lang');
  });

  it('refuses a missing folder (exit 1)', async () => {
    expect(await cli('kb', 'import', path.join(work, 'nope'))).toBe(1);
    expect(stderr.join('\n')).toMatch(/not_found: No folder/);
  });
});
