import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { buildCustomerPage, serveCustomerPage } from '../e2e/customer/build';
import { connectApi } from '../e2e/support/api';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { freshDataDir, startHost } from '../e2e/support/host';
import { startKamailio } from '../electron/softphone/testing/kamailio';
import { defaultPhoneAccount } from '../shared/softphone/types';
import { median, round, type Benchmark } from './types';

const runs = 12;

interface TestHooks {
  seatdeskTest?: { media: { whenInboundAudio(lineId: string): Promise<number> } };
}

/**
 * media.answer_to_audio_ms: a customer page calls the agent through Kamailio;
 * from the agent clicking Answer until the first inbound RTP packet reaches the
 * agent's media engine, both in the same Chromium.
 */
export const mediaBenchmark: Benchmark = {
  name: 'media',
  async run() {
    const kamailio = await startKamailio({
      users: [
        { user: '1001', password: 'agentpw' },
        { user: '2001', password: 'customerpw' },
      ],
    });
    const buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-bench-customer-'));
    const site = await serveCustomerPage(await buildCustomerPage(buildDir));
    const dataDir = freshDataDir();
    const host = await startHost({ dataDir, env: { NODE_ENV: 'test' } });
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    const samples: number[] = [];
    try {
      const api = await connectApi(host.url);
      await api.call('softphone.saveAccount', {
        account: {
          ...defaultPhoneAccount,
          server: kamailio.wsUri,
          sipUri: `sip:1001@${kamailio.domain}`,
          authUser: '1001',
          displayName: '',
        },
        password: 'agentpw',
      });
      const context = await browser.newContext();
      const agent = await context.newPage();
      await agent.goto(host.url);
      await agent.locator('[data-testid="registration"][data-state="registered"]').waitFor();
      const customer: Page = await context.newPage();
      await customer.goto(`${site.url}?ws=${encodeURIComponent(kamailio.wsUri)}&user=2001&password=customerpw`);
      await customer.evaluate(() => window.customer.ready);

      for (let i = 0; i <= runs; i++) {
        await customer.evaluate(() => window.customer.call('sip:1001@127.0.0.1'));
        await agent.locator('[data-line-state="ringing"]').waitFor();
        const lineId = (await api.call('softphone.getState', {})).lines[0]?.id ?? '';
        const elapsed = await agent.evaluate(async (id) => {
          const hooks = window as unknown as TestHooks;
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Answer');
          if (!hooks.seatdeskTest || !button) throw new Error('answer button or test hooks missing');
          const started = performance.now();
          button.click();
          return (await hooks.seatdeskTest.media.whenInboundAudio(id)) - started;
        }, lineId);
        if (i > 0) samples.push(elapsed); // the first call warms up codecs and the microphone
        await customer.evaluate(() => window.customer.hangup());
        await agent.locator('[data-testid="line"]').waitFor({ state: 'detached' });
      }
      api.close();
    } finally {
      await browser.close();
      await host.stop();
      await site.close();
      await kamailio.stop();
      fs.rmSync(buildDir, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    return [{ id: 'media.answer_to_audio_ms', value: round(median(samples)), unit: 'ms', better: 'lower' }];
  },
};
