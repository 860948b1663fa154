import { _electron as electron } from '@playwright/test';
import type { SeatDeskBridge } from '../shared/api/bridge';
import fs from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { expect, test } from './support/fixtures';
import { freshDataDir, repoRoot } from './support/host';

// Runs only where Electron's binary exists; everywhere else the web-mode specs cover the same UI.
const binary = findElectronBinary();

test.describe('Electron app', () => {
  test.skip(!('path' in binary), `Electron binary not present (${'missing' in binary ? binary.missing : ''})`);

  test('opens hardened, with the typed bridge and no Node in the page', async () => {
    const dataDir = freshDataDir();
    const app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : '',
      args: [repoRoot],
      env: { ...process.env, SEATDESK_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.locator('html[data-shell-ready="true"]')).toBeAttached();
      expect(page.url()).toMatch(/^app:\/\/seatdesk\//);
      const probe = await page.evaluate(() => {
        const global = globalThis as unknown as { seatdesk?: SeatDeskBridge; require?: unknown; process?: unknown };
        return {
          hasBridge: typeof global.seatdesk?.settings.get === 'function',
          hasSend: 'send' in (global.seatdesk ?? {}),
          hasRequire: typeof global.require !== 'undefined',
          hasProcess: typeof global.process !== 'undefined',
        };
      });
      expect(probe).toEqual({ hasBridge: true, hasSend: false, hasRequire: false, hasProcess: false });
      await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(5);
      const info = await page.evaluate(() =>
        (globalThis as unknown as { seatdesk?: SeatDeskBridge }).seatdesk?.app.getInfo({}),
      );
      expect(info).toMatchObject({ ok: true, value: { mode: 'electron' } });
      // The media engine lives in a hidden window of its own, so reloading the agent UI keeps calls up.
      await expect.poll(() => app.windows().map((w) => new URL(w.url()).hash)).toContain('#/media-host');
      await page.reload();
      await expect(page.locator('html[data-shell-ready="true"]')).toBeAttached();
      expect(app.windows().some((w) => w.url().endsWith('#/media-host'))).toBe(true);
      // The application menu offers the wallboard on each display (electron/app/app-menu.ts); the
      // label is in the OS's language, so any shipped locale's wording will do.
      const readMenu = (): Promise<{ label?: string; displays: number }> =>
        app.evaluate(({ Menu }) => {
          const item = Menu.getApplicationMenu()?.getMenuItemById('wallboard-open');
          return { label: item?.label, displays: item?.submenu?.items.length ?? 0 };
        });
      await expect.poll(async () => (await readMenu()).displays).toBeGreaterThan(0);
      // Read from the files: Playwright's loader cannot import the JSON modules behind shared/i18n.
      const menuLabels = ['en', 'zh-CN', 'zh-TW'].map(
        (locale) =>
          (
            JSON.parse(
              fs.readFileSync(path.join(repoRoot, 'shared/i18n/locales/wallboard', `${locale}.json`), 'utf8'),
            ) as { wallboard: { menu: { openOnDisplay: string } } }
          ).wallboard.menu.openOnDisplay,
      );
      expect(menuLabels).toContain((await readMenu()).label);
      // Choosing a display opens the board-only window.
      await app.evaluate(({ Menu }) => {
        Menu.getApplicationMenu()?.getMenuItemById('wallboard-open')?.submenu?.items[0]?.click();
      });
      await expect.poll(() => app.windows().map((w) => new URL(w.url()).hash)).toContain('#/wallboard-screen');
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
