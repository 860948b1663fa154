import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { freshDataDir, repoRoot, startHost, type Host } from './host';

export { expect };

/** Screenshots a person looks at: e2e-results/screenshots/. */
export const screenshotDir = path.join(repoRoot, 'e2e-results', 'screenshots');

/** Each test gets its own host and data folder. */
export const test = base.extend<{ host: Host }>({
  // Playwright requires the destructuring form for fixture arguments, even when none are used.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dataDir = freshDataDir();
    const host = await startHost({ dataDir });
    await use(host);
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

/** Opens the app and waits for the shell's first commit (an attribute the app sets, not a timer). */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('html[data-shell-ready="true"]')).toBeAttached();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}
