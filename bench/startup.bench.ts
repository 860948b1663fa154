import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { freshDataDir, startHost } from '../e2e/support/host';
import { median, round, type Benchmark } from './types';

const runs = 7;

/** Resident set size in MB (10^6 bytes), as the benchmark id says. */
function rssMB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return (kb * 1024) / 1e6;
}

/**
 * startup.web.shell_ms: from spawning the web host until the shell has painted
 * in Chromium (a fresh browser context each run, so no HTTP cache). The browser
 * itself is started beforehand: its launch is not SeatDesk's startup.
 * startup.host.rss_mb: resident memory of that host once idle with one client.
 */
export const startupBenchmark: Benchmark = {
  name: 'startup',
  async run() {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    const dataDir = freshDataDir();
    const shellMs: number[] = [];
    const rss: number[] = [];
    try {
      // One unmeasured start creates and migrates the database, as on a workstation used before.
      for (let i = 0; i <= runs; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const started = performance.now();
        const host = await startHost({ dataDir });
        try {
          await page.goto(host.url);
          await page.locator('html[data-shell-ready="true"]').waitFor({ state: 'attached' });
          // Two animation frames: the committed shell has been painted.
          await page.evaluate(
            () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
          );
          const elapsed = performance.now() - started;
          if (i > 0) {
            shellMs.push(elapsed);
            // Idle: let start-up garbage be collected before reading memory.
            await new Promise((resolve) => setTimeout(resolve, 1500));
            rss.push(rssMB(host.process.pid ?? 0));
          }
        } finally {
          await context.close();
          await host.stop();
        }
      }
    } finally {
      await browser.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return [
      { id: 'startup.web.shell_ms', value: round(median(shellMs)), unit: 'ms', better: 'lower' },
      { id: 'startup.host.rss_mb', value: round(median(rss)), unit: 'MB', better: 'lower' },
    ];
  },
};
