import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { freshDataDir, startHost } from '../e2e/support/host';
import { median, percentile, round, type Benchmark } from './types';

/** The page's hook (renderer/src/features/workspace/test-hooks.ts), as far as the bench uses it. */
interface WorkspaceTestHooks {
  load(count: number): Promise<void>;
  updateOne(): Promise<number | null>;
  itemCount(): number;
}

const items = 5000;
const warmup = 30;
const samples = 300;

/**
 * workspace.update_render_ms: one item changes in a 5,000-item unified queue (a new customer
 * message: its unread count and reply clock move, so it re-sorts). Measured in Chromium
 * against the production bundle, from applying the event to the renderer's center store
 * until React has committed the queue (a layout effect of the list): store update, queue
 * derivation, render and commit. React's <Profiler> reports nothing in a production build,
 * so the page measures the span itself. One update per animation frame, as events arrive.
 * The test-only hook exists only when the host runs with NODE_ENV=test.
 */
export const workspaceBenchmark: Benchmark = {
  name: 'workspace',
  async run() {
    const dataDir = freshDataDir();
    const host = await startHost({ dataDir, env: { NODE_ENV: 'test' } });
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    let measured: number[];
    try {
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      await page.goto(new URL('#/workspace', host.url).href);
      await page.locator('html[data-shell-ready="true"]').waitFor({ state: 'attached' });
      await page.waitForFunction(
        () => (window as { seatdeskWorkspaceTest?: unknown }).seatdeskWorkspaceTest !== undefined,
      );
      measured = await page.evaluate(
        async ({ items, warmup, samples }) => {
          const hooks = (window as unknown as { seatdeskWorkspaceTest: WorkspaceTestHooks }).seatdeskWorkspaceTest;
          await hooks.load(items);
          if (hooks.itemCount() !== items) throw new Error(`queue holds ${hooks.itemCount()} items, not ${items}`);
          // No named helpers in here: tsx would wrap them in a __name() the page does not have.
          const out: number[] = [];
          for (let i = 0; i < warmup + samples; i++) {
            await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
            const ms = await hooks.updateOne();
            if (ms === null) throw new Error('an update did not commit');
            if (i >= warmup) out.push(ms);
          }
          return out;
        },
        { items, warmup, samples },
      );
    } finally {
      await browser.close();
      await host.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    console.log(
      `  workspace: ${measured.length} updates in a ${items}-item queue, median ${round(median(measured), 2)} ms, p95 ${round(percentile(measured, 95), 2)} ms`,
    );
    return [
      { id: 'workspace.update_render_ms', value: round(percentile(measured, 95), 2), unit: 'ms', better: 'lower' },
    ];
  },
};
