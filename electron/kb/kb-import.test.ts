import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, ImportJob, ImportReport, SearchResponse } from '../../shared/kb/types';
import { tempDir } from '../test-support';
import { firstInvalidUtf8, parseArticleFile } from './article-file';
import { kbServices } from './kb-test-support';

let kb: Awaited<ReturnType<typeof kbServices>>;
let root: string;
beforeEach(async () => {
  kb = await kbServices();
  await kb.as('supervisor', 'Editor');
  root = tempDir('seatdesk-kb-import-');
});
afterEach(async () => {
  await kb.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function write(relative: string, content: string | Uint8Array): void {
  const file = path.join(root, ...relative.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/** A knowledge base as editors keep it in a repository, plus one bad file of each kind. */
function fixture(): void {
  write(
    'Refunds/Cards/card-refunds.md',
    '---\ntitle: Card refunds\ntags: [refund, card]\nlanguage: en\naudience: customer\nauthor: Finance\n---\nCard refunds take 5–10 business days.\n',
  );
  write(
    'Refunds/退款时效.md',
    '---\ntags: 退款, 到账\n---\n# 退款多久到账\n\n支付宝 1–3 个工作日，银行卡 5–10 个工作日。\n',
  );
  write('Invoices/發票/電子發票.md', '# 如何索取電子發票\n\n發票存入會員載具，中獎會通知您。\n');
  write('top-level.md', '---\nid: welcome\ntitle: Welcome\n---\nStart here.\n');
  write('Invoices/notes.txt', 'not markdown, ignored');
  write('.git/HEAD.md', 'hidden folders are skipped');
  // Bad files, one of each kind.
  write('Bad/broken-yaml.md', '---\ntitle: [unclosed\n---\nBody\n');
  write('Bad/no-closing.md', '---\ntitle: Never closed\nBody without the closing line\n');
  write('Bad/bad-language.md', '---\ntitle: Bonjour\nlanguage: fr\n---\nCorps\n');
  write('Bad/gbk.md', Uint8Array.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a])); // 你好 in GBK, not UTF-8
  write('Bad/too-big.md', `# Big\n\n${'x'.repeat(1024 * 1024 + 10)}`);
  fs.symlinkSync(path.join(root, 'does-not-exist.md'), path.join(root, 'Bad', 'dangling-link.md'));
}

const runImport = (dir = root) => kb.call('kb.import', { dir }) as Promise<ImportReport>;

describe('import of a Markdown folder', () => {
  it('imports nested folders as categories with their front matter, and skips bad files with a reason each', async () => {
    fixture();
    const report = await runImport();
    expect(report).toMatchObject({ files: 10, created: 4, updated: 0, unchanged: 0 });
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(reasons).toEqual({
      'Bad/bad-language.md': 'invalid_front_matter',
      'Bad/broken-yaml.md': 'invalid_front_matter',
      'Bad/dangling-link.md': 'unreadable',
      'Bad/gbk.md': 'not_utf8',
      'Bad/no-closing.md': 'invalid_front_matter',
      'Bad/too-big.md': 'too_large',
    });
    for (const skip of report.skipped) expect(skip.detail.length).toBeGreaterThan(5);
    expect(report.skipped.find((s) => s.path === 'Bad/gbk.md')?.detail).toMatch(/UTF-8.*offset 0/);

    const card = (await kb.call('kb.get', { id: 'refunds-cards-card-refunds' })) as Article;
    expect(card).toMatchObject({
      title: 'Card refunds',
      category: 'Refunds/Cards',
      tags: ['refund', 'card'],
      language: 'en',
      audience: 'customer',
      author: 'Finance',
      source: 'Refunds/Cards/card-refunds.md',
    });
    expect((await kb.call('kb.get', { id: 'welcome' })) as Article).toMatchObject({
      category: '',
      audience: 'internal',
    });

    // Titles from the first heading, language from the text, categories in any script.
    const zh = (await kb.call('kb.search', { query: '到账' })) as SearchResponse;
    expect(zh.hits[0]?.article).toMatchObject({
      title: '退款多久到账',
      category: 'Refunds',
      language: 'zh-CN',
      tags: ['退款', '到账'],
    });
    const tw = (await kb.call('kb.search', { query: '电子发票' })) as SearchResponse;
    expect(tw.hits[0]?.article).toMatchObject({
      title: '如何索取電子發票',
      category: 'Invoices/發票',
      language: 'zh-TW',
    });
    const overview = (await kb.call('kb.categories', {})) as { categories: { path: string; count: number }[] };
    expect(overview.categories.map((c) => [c.path, c.count])).toEqual([
      ['Invoices', 1],
      ['Refunds', 2],
    ]);
  });

  it('reports an unreadable file when permissions forbid reading it', async () => {
    write('secret.md', '# Secret');
    fs.chmodSync(path.join(root, 'secret.md'), 0o000);
    const report = await runImport();
    // root reads everything; everyone else gets the refusal.
    if (process.getuid?.() === 0) expect(report.created).toBe(1);
    else
      expect(report.skipped).toEqual([
        expect.objectContaining({
          path: 'secret.md',
          reason: 'unreadable',
          detail: expect.stringMatching(/permission/),
        }),
      ]);
  });

  it('updates only the files that changed when run again', async () => {
    fixture();
    await runImport();
    expect(await runImport()).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    write('top-level.md', '---\nid: welcome\ntitle: Welcome\n---\nStart here, then read the refund articles.\n');
    write('Refunds/new.md', '# New one\n\nFresh.');
    const third = await runImport();
    expect(third).toMatchObject({ created: 1, updated: 1, unchanged: 3 });
    expect(third.changedIds.sort()).toEqual(['refunds-new', 'welcome']);
    expect((await kb.call('kb.get', { id: 'welcome' })) as Article).toMatchObject({ version: 2 });
  });

  it('skips a second file claiming an id already used in the same import', async () => {
    write('a.md', '---\nid: same\ntitle: A\n---\nA');
    write('b.md', '---\nid: same\ntitle: B\n---\nB');
    const report = await runImport();
    expect(report.created).toBe(1);
    expect(report.skipped).toEqual([expect.objectContaining({ path: 'b.md', reason: 'duplicate_id' })]);
  });

  it('runs in the background for the app, with progress events and the report at the end', async () => {
    fixture();
    const seen: ImportJob[] = [];
    const off = kb.services.events.subscribe((name, payload) => {
      if (name === 'kb.importProgress') seen.push(payload as ImportJob);
    });
    const { jobId } = (await kb.call('kb.importStart', { dir: root })) as { jobId: string };
    const done = await new Promise<ImportJob>((resolve) => {
      const check = setInterval(() => {
        const last = seen.at(-1);
        if (last?.state === 'done') {
          clearInterval(check);
          resolve(last);
        }
      }, 10);
    });
    off();
    expect(seen[0]).toMatchObject({ jobId, state: 'running' });
    expect(done.report).toMatchObject({ created: 4 });
    expect(await kb.call('kb.importJob', { jobId })).toMatchObject({ state: 'done', total: 10 });
  });

  it('refuses a folder that does not exist, and a relative path', async () => {
    await expect(runImport(path.join(root, 'missing'))).rejects.toMatchObject({ code: 'not_found' });
    await expect(runImport('relative/folder')).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('article files', () => {
  const parse = (text: string, file = 'x.md') => parseArticleFile(file, new TextEncoder().encode(text));

  it('reads tags as a list or comma-separated, and language aliases', () => {
    expect(parse('---\ntags: a, b ,a\nlanguage: zh-Hant\n---\nx')).toMatchObject({
      ok: true,
      article: { tags: ['a', 'b'], language: 'zh-TW' },
    });
  });

  it('refuses wrong field types with a line that says what to fix', () => {
    expect(parse('---\ntags: {a: 1}\n---\nx')).toMatchObject({
      ok: false,
      reason: 'invalid_front_matter',
      detail: expect.stringMatching(/tags/),
    });
    expect(parse('---\naudience: everyone\n---\nx')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/audience/),
    });
    expect(parse('---\nid: Not An Id\n---\nx')).toMatchObject({ ok: false, detail: expect.stringMatching(/id/) });
    expect(parse('---\n- a list\n---\nx')).toMatchObject({ ok: false, reason: 'invalid_front_matter' });
  });

  it('finds the first byte that is not UTF-8', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('退款 ok'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.from([0x61, 0xe9, 0x62]))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(firstInvalidUtf8(Uint8Array.from([0xc0, 0xaf]))).toBe(0); // overlong
  });
});
