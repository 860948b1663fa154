import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article, ImportReport, MissedQuery, SearchResponse } from '../../shared/kb/types';
import { tempDir } from '../test-support';
import { kbServices } from './kb-test-support';
import { renderPublicArticlePage } from './public-page';

let kb: Awaited<ReturnType<typeof kbServices>>;
beforeEach(async () => {
  kb = await kbServices();
});
afterEach(async () => {
  await kb.close();
});

const save = (payload: Record<string, unknown>) => kb.call('kb.save', payload) as Promise<Article>;
const search = (query: string, extra: Record<string, unknown> = {}) =>
  kb.call('kb.search', { query, ...extra }) as Promise<SearchResponse>;
const ids = (response: SearchResponse) => response.hits.map((hit) => hit.article.id);

describe('KnowledgeBaseService: who may write what', () => {
  it('lets an agent write down what they learned (internal) and edit it, but not publish to customers', async () => {
    await kb.as('agent', '李娜');
    const article = await save({ title: '退款到账慢的客户怎么安抚', body: '先查银行处理进度。', language: 'zh-CN' });
    expect(article).toMatchObject({ audience: 'internal', author: '李娜', version: 1 });
    const edited = await save({
      id: article.id,
      baseVersion: 1,
      title: article.title,
      body: '先查进度，再致歉。',
      language: 'zh-CN',
    });
    expect(edited.version).toBe(2);
    await expect(save({ title: 'Public', body: 'x', language: 'en', audience: 'customer' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      save({ id: article.id, baseVersion: 2, title: 'x', body: 'x', language: 'zh-CN', audience: 'customer' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses an agent editing or archiving someone else’s article; supervisors and QA leads may', async () => {
    await kb.as('agent', '王芳');
    const theirs = await save({ title: 'Tip from Wang', body: 'Useful.', language: 'en' });
    await kb.as('agent', '李娜');
    await expect(
      save({ id: theirs.id, baseVersion: 1, title: 'Mine now', body: 'x', language: 'en' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(kb.call('kb.archive', { id: theirs.id })).rejects.toMatchObject({ code: 'forbidden' });
    await kb.as('qa_lead', 'QA Lead');
    const published = await save({
      id: theirs.id,
      baseVersion: 1,
      title: 'Tip',
      body: 'x',
      language: 'en',
      audience: 'customer',
    });
    expect(published).toMatchObject({ audience: 'customer', author: '王芳', updatedBy: 'QA Lead', version: 2 });
    await kb.as('supervisor');
    await kb.call('kb.archive', { id: theirs.id });
    await expect(kb.call('kb.get', { id: theirs.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps editors-only tools for editors: import, export, missed queries, the sample', async () => {
    await kb.as('agent');
    const dir = tempDir();
    try {
      await expect(kb.call('kb.import', { dir })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(kb.call('kb.export', { dir })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(kb.call('kb.seedSample', {})).rejects.toMatchObject({ code: 'forbidden' });
      await expect(kb.call('kb.dismissMissed', { query: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
      // The command line counts as an editor: it works on the data folder directly.
      expect(await kb.call('kb.import', { dir }, { transport: 'cli' })).toMatchObject({ files: 0 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('KnowledgeBaseService: versions', () => {
  it('keeps every version, shows it, and refuses a save based on an old one (conflict)', async () => {
    await kb.as('supervisor', 'Sam');
    const v1 = await save({
      title: 'Delivery times',
      body: 'Three days.',
      language: 'en',
      tags: ['delivery'],
      note: 'first',
    });
    const v2 = await save({ id: v1.id, baseVersion: 1, title: 'Delivery times', body: 'Two days.', language: 'en' });
    await expect(save({ id: v1.id, baseVersion: 1, title: 'Stale', body: 'x', language: 'en' })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(v2.version).toBe(2);
    const history = (await kb.call('kb.history', { id: v1.id })) as {
      versions: { version: number; note: string | null }[];
    };
    expect(history.versions.map((v) => [v.version, v.note])).toEqual([
      [2, null],
      [1, 'first'],
    ]);
    expect(await kb.call('kb.version', { id: v1.id, version: 1 })).toMatchObject({
      body: 'Three days.',
      tags: ['delivery'],
    });
    await expect(kb.call('kb.version', { id: v1.id, version: 9 })).rejects.toMatchObject({ code: 'not_found' });
    // An update needs the version it is based on.
    await expect(save({ id: v1.id, title: 'x', body: 'x', language: 'en' })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('searches the newest version only', async () => {
    await kb.as('supervisor');
    const v1 = await save({ title: 'Courier pickup', body: 'Ask for the parcel number.', language: 'en' });
    await save({
      id: v1.id,
      baseVersion: 1,
      title: 'Courier pickup',
      body: 'Ask for the tracking code.',
      language: 'en',
    });
    expect(ids(await search('parcel'))).toEqual([]);
    expect(ids(await search('tracking'))).toEqual([v1.id]);
  });
});

describe('KnowledgeBaseService: usefulness', () => {
  it('counts one helpful vote per person, which can be taken back', async () => {
    await kb.as('agent', 'A');
    const article = await save({ title: 'Vote me', body: 'x', language: 'en' });
    expect(await kb.call('kb.vote', { id: article.id, helpful: true })).toEqual({ helpful: 1, votedHelpful: true });
    expect(await kb.call('kb.vote', { id: article.id, helpful: true })).toEqual({ helpful: 1, votedHelpful: true });
    await kb.as('agent', 'B');
    expect(await kb.call('kb.vote', { id: article.id, helpful: true })).toEqual({ helpful: 2, votedHelpful: true });
    expect(await kb.call('kb.vote', { id: article.id, helpful: false })).toEqual({ helpful: 1, votedHelpful: false });
    await kb.call('kb.recordUse', { id: article.id, action: 'open' });
    await kb.call('kb.recordUse', { id: article.id, action: 'insertLink' });
    expect(await kb.call('kb.get', { id: article.id })).toMatchObject({
      helpful: 1,
      clicks: 1,
      uses: 1,
      votedHelpful: false,
    });
  });
});

describe('KnowledgeBaseService: missed queries', () => {
  it('logs a typed query that finds nothing once the agent stops refining it', async () => {
    await kb.as('supervisor');
    await save({ title: 'Invoice copies', body: 'Download the PDF.', language: 'en' });
    // Typed letter by letter, then abandoned: only the last one is worth an article.
    for (const query of ['x', 'xm', 'xma', 'xmas hours']) await search(query, { logMiss: true });
    await search('invoice', { logMiss: true });
    await search('gift wrap', { logMiss: true });
    await search('gift wrapping', { logMiss: true });
    await search('never logged', { logMiss: false });
    await kb.services.kb.flushMissedQueries();
    const { queries } = (await kb.call('kb.missedQueries', {})) as { queries: MissedQuery[] };
    expect(queries.map((q) => q.query).sort()).toEqual(['gift wrapping', 'xmas hours']);
    await kb.call('kb.dismissMissed', { query: 'xmas hours' });
    expect(((await kb.call('kb.missedQueries', {})) as { queries: MissedQuery[] }).queries).toHaveLength(1);
  });

  it('notes partial matches, masks personal data, and never logs from a read-only connection', async () => {
    await kb.as('supervisor');
    await save({ title: 'Invoice copies', body: 'Download the PDF.', language: 'en' });
    await search('invoice for order 123456789', { logMiss: true });
    await kb.services.kb.flushMissedQueries();
    // A wall screen may not search the knowledge base at all (readOnlyMethods), so it logs nothing.
    await expect(
      kb.call('kb.search', { query: 'wallboard only', logMiss: true }, { readOnly: true, client: 'wall' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await kb.services.kb.flushMissedQueries();
    const { queries } = (await kb.call('kb.missedQueries', {})) as { queries: MissedQuery[] };
    expect(queries).toEqual([expect.objectContaining({ query: 'invoice for order #', partial: true, count: 1 })]);
  });
});

describe('KnowledgeBaseService: sample, export and the public page', () => {
  it('loads the sample knowledge base only into an empty KB', async () => {
    expect(await kb.services.kb.seedSample()).toEqual({ imported: 27 });
    expect(await kb.services.kb.seedSample()).toEqual({ imported: 0 });
    const overview = (await kb.call('kb.categories', {})) as { total: number; byLanguage: Record<string, number> };
    expect(overview.total).toBe(27);
    expect(overview.byLanguage).toEqual({ en: 10, 'zh-CN': 10, 'zh-TW': 7 });
  });

  it('exports into an empty folder in the import format, and a re-import changes nothing', async () => {
    await kb.services.kb.seedSample();
    const dir = path.join(tempDir(), 'export');
    try {
      expect(await kb.call('kb.export', { dir }, { transport: 'cli' })).toMatchObject({ written: 27 });
      expect(fs.existsSync(path.join(dir, 'Refunds', 'refund-policy-zh-cn.md'))).toBe(true);
      const report = (await kb.call('kb.import', { dir }, { transport: 'cli' })) as ImportReport;
      expect(report).toMatchObject({ files: 27, created: 0, updated: 0, unchanged: 27, skipped: [] });
      // A second export into the same folder is fine; a folder with other files is not.
      expect(await kb.call('kb.export', { dir }, { transport: 'cli' })).toMatchObject({ written: 27 });
      const other = tempDir();
      fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
      await expect(kb.call('kb.export', { dir: other }, { transport: 'cli' })).rejects.toMatchObject({
        code: 'conflict',
      });
      fs.rmSync(other, { recursive: true, force: true });
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it('renders a customer-facing article as a page without scripts, and nothing for internal ones', async () => {
    await kb.as('supervisor');
    const article = await save({
      title: 'Refunds <b>fast</b>',
      body: 'Within **5 days**. <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>',
      language: 'en',
      audience: 'customer',
    });
    const page = await renderPublicArticlePage(kb.services.kb, article.id);
    expect(page).toContain('<!doctype html>');
    expect(page).toContain('<title>Refunds &lt;b&gt;fast&lt;/b&gt;</title>');
    expect(page).toContain('<strong>5 days</strong>');
    // Only escaped text is left of them: no tag, no handler attribute, no script URL.
    expect(page).not.toMatch(/<script|<img|<[^>]*\son\w+=|href="javascript:/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const internal = await save({ title: 'Internal', body: 'x', language: 'en' });
    expect(await renderPublicArticlePage(kb.services.kb, internal.id)).toBeNull();
    expect(await renderPublicArticlePage(kb.services.kb, 'no-such-article')).toBeNull();
    expect(await renderPublicArticlePage(kb.services.kb, '../etc/passwd')).toBeNull();
  });
});
