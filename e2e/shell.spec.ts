import type { Page } from '@playwright/test';
import { expect, openApp, screenshot, test } from './support/fixtures';
import { startHost } from './support/host';

const sectionIds = ['workspace', 'knowledgeBase', 'quality', 'wallboard', 'settings'] as const;

const navLabels = {
  en: ['Workspace', 'Knowledge base', 'Quality', 'Wallboard', 'Settings'],
  'zh-CN': ['工作台', '知识库', '质检', '监控大屏', '设置'],
  'zh-TW': ['工作區', '知識庫', '品質檢核', '監控看板', '設定'],
} as const;

const nav = (page: Page) => page.getByRole('navigation');

async function expectNav(page: Page, locale: keyof typeof navLabels): Promise<void> {
  await expect(nav(page).getByRole('link')).toHaveText([...navLabels[locale]]);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

async function visitEverySection(page: Page, prefix: string): Promise<void> {
  for (const id of sectionIds) {
    await nav(page).locator(`[data-section="${id}"]`).click();
    await expect(page.locator('main')).toHaveAttribute('data-section', id);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await screenshot(page, `${prefix}-${id}`);
  }
}

async function pickLanguage(page: Page, name: string): Promise<void> {
  await nav(page).locator('[data-section="settings"]').click();
  await page.getByTestId('language-select').click();
  await page.getByRole('option', { name, exact: true }).click();
}

test('every section in English, Simplified and Traditional Chinese, light and dark', async ({ page, host }) => {
  await openApp(page, host.url);
  await expectNav(page, 'en');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'open');
  await visitEverySection(page, 'en');

  await pickLanguage(page, '中文(简体)');
  await expectNav(page, 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await visitEverySection(page, 'zh-CN');

  await pickLanguage(page, '中文(繁體)');
  await expectNav(page, 'zh-TW');
  // A workstation signs in to the center as Not ready (未就緒): work starts when the agent says so.
  await expect(page.getByTestId('agent-state')).toContainText('未就緒');
  await visitEverySection(page, 'zh-TW');

  await nav(page).locator('[data-section="settings"]').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await page.getByTestId('theme-control').getByText('深色').click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await visitEverySection(page, 'zh-TW-dark');

  // Remembered between runs: a new host process on the same data folder.
  await host.stop();
  const again = await startHost({ dataDir: host.dataDir });
  try {
    await openApp(page, again.url);
    await expectNav(page, 'zh-TW');
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  } finally {
    await again.stop();
  }
});

test('?lng= picks the language for this tab without changing the saved setting', async ({ page, host }) => {
  await openApp(page, `${host.url}?lng=zh-CN`);
  await expectNav(page, 'zh-CN');
  await openApp(page, `${host.url}?lng=zh-TW#/quality`);
  await expectNav(page, 'zh-TW');
  await expect(page.locator('main')).toHaveAttribute('data-section', 'quality');
  await openApp(page, host.url);
  await expectNav(page, 'en');
});

test('command palette, section shortcuts and the shortcuts help', async ({ page, host }) => {
  await openApp(page, host.url);

  await page.keyboard.press('Control+K');
  const search = page.getByPlaceholder('Type a command or a section…');
  await expect(search).toBeVisible();
  await search.fill('quali');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toHaveAttribute('data-section', 'quality');

  await page.keyboard.press('Alt+5');
  await expect(page.locator('main')).toHaveAttribute('data-section', 'settings');
  await page.keyboard.press('Alt+1');
  await expect(page.locator('main')).toHaveAttribute('data-section', 'workspace');

  await page.keyboard.press('Control+/');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByTestId('shortcuts-table')).toContainText('Open the command palette');
  await expect(help.getByTestId('shortcuts-table')).toContainText('Go to Quality');
  await screenshot(page, 'en-shortcuts-help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('Control+Shift+L');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
});

test('the UI shows a lost connection and recovers by itself when the host returns', async ({ page, host }) => {
  await openApp(page, host.url);
  const connection = page.getByTestId('connection-state');
  await expect(connection).toHaveAttribute('data-status', 'open');

  await host.kill();
  await expect(connection).toHaveAttribute('data-status', 'reconnecting');
  await expect(page.getByText('Connection to SeatDesk services lost')).toBeVisible();
  await screenshot(page, 'en-connection-lost');

  const again = await startHost({ dataDir: host.dataDir, port: host.port });
  try {
    await expect(connection).toHaveAttribute('data-status', 'open', { timeout: 20_000 });
    await expect(page.getByText('Connection restored')).toBeVisible();
  } finally {
    await again.stop();
  }
});

test('garbage from a page never takes the host down', async ({ page, host }) => {
  await openApp(page, host.url);
  const answers = await page.evaluate(async () => {
    const ws = new WebSocket(`ws://${location.host}/api`);
    const frames: string[] = [];
    ws.onmessage = (message) => frames.push(String(message.data));
    await new Promise((resolve) => (ws.onopen = resolve));
    const junk = [
      '',
      '{',
      'null',
      '{"t":"call"}',
      '{"t":"call","id":1,"method":"settings.update","payload":{"theme":42}}',
      '{"t":"call","id":2,"method":"x.y","payload":null}',
      '\u0000\uffff',
    ];
    for (const text of junk) ws.send(text);
    ws.send(new Uint8Array([1, 2, 3]));
    ws.send(JSON.stringify({ t: 'call', id: 99, method: 'app.getInfo', payload: {} }));
    await new Promise<void>((resolve) => {
      ws.onmessage = (message) => {
        frames.push(String(message.data));
        if (String(message.data).includes('"id":99')) resolve();
      };
    });
    ws.close();
    return frames.map((f) => JSON.parse(f) as { t: string; result?: { ok: boolean; error?: { code: string } } });
  });
  const refusals = answers.filter((a) => a.t === 'error' || (a.t === 'result' && a.result?.ok === false));
  expect(refusals).toHaveLength(8);
  expect(answers.at(-1)).toMatchObject({ t: 'result', result: { ok: true } });

  // The app in the page still works against the same host.
  await nav(page).locator('[data-section="settings"]').click();
  await expect(page.getByTestId('about-table')).toContainText(host.dataDir);
});
