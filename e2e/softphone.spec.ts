import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Line } from '../shared/softphone/types';
import { buildCustomerPage, serveCustomerPage } from './customer/build';
import { connectApi, type TestApi } from './support/api';
import { expect, openApp, screenshot, test } from './support/fixtures';
import { startKamailio, type Kamailio } from '../electron/softphone/testing/kamailio';

// The agent app in web mode against a real Kamailio, calling customer softphone
// pages (sip.js in Chromium) with real WebRTC audio from a fake microphone that speaks.

const agent = { user: '1001', password: 'agent-secret' };
const customers = { '2001': 'customer-one', '2002': 'customer-two' } as const;

let kamailio: Kamailio;
let customerSite: { url: string; close(): Promise<void> };
let buildDir: string;

test.beforeAll(async () => {
  kamailio = await startKamailio({
    users: [agent, ...Object.entries(customers).map(([user, password]) => ({ user, password }))],
  });
  buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-customer-'));
  customerSite = await serveCustomerPage(await buildCustomerPage(buildDir));
});

test.afterAll(async () => {
  await customerSite?.close();
  await kamailio?.stop();
  fs.rmSync(buildDir, { recursive: true, force: true });
});

/** Sets the phone account up the way an agent does: Settings › Phone, then back to the Workspace. */
async function configurePhone(page: Page, password = agent.password): Promise<void> {
  await page.getByRole('navigation').locator('[data-section="settings"]').click();
  const form = page.getByTestId('phone-account');
  await form.getByTestId('account-server').fill(kamailio.wsUri);
  await form.getByTestId('account-sip-uri').fill(`sip:${agent.user}@${kamailio.domain}`);
  await form.getByTestId('account-auth-user').fill(agent.user);
  await form.getByTestId('account-password').fill(password);
  await form.getByTestId('account-save').click();
  await page.getByRole('navigation').locator('[data-section="workspace"]').click();
}

/** The agent app, its phone set up through the UI and registered. */
async function openRegisteredAgent(page: Page, url: string): Promise<void> {
  await openApp(page, url);
  await configurePhone(page);
  await expect(page.getByTestId('registration')).toHaveAttribute('data-state', 'registered');
}

async function openCustomer(
  page: Page,
  user: keyof typeof customers,
  answer: 'auto' | 'manual' = 'auto',
): Promise<Page> {
  const customer = await page.context().newPage();
  const query = new URLSearchParams({
    ws: kamailio.wsUri,
    user,
    password: customers[user],
    domain: kamailio.domain,
    answer,
  });
  await customer.goto(`${customerSite.url}?${query.toString()}`);
  await customer.evaluate(() => window.customer.ready);
  return customer;
}

const customerStats = (customer: Page) => customer.evaluate(() => window.customer.stats());

async function agentLine(api: TestApi): Promise<Line | undefined> {
  return (await api.call('softphone.getState', {})).lines[0];
}

test.describe('softphone', () => {
  test('calls a customer with real audio both ways; hold stops it, resume restarts it; blind transfer', async ({
    page,
    host,
  }) => {
    await openRegisteredAgent(page, host.url);
    await expect(page.getByTestId('phone-state')).toContainText('Registered');
    const api = await connectApi(host.url);
    const customer = await openCustomer(page, '2001');
    try {
      await page.getByTestId('dial-input').fill('2001');
      await page.getByTestId('dial-input').press('Enter');
      const line = page.getByTestId('line');
      await expect(line).toHaveAttribute('data-line-state', 'connected');

      // Audio both ways: RTP bytes grow on each side, and what the agent hears is not silent.
      await expect
        .poll(async () => (await customerStats(customer)).inboundBytes, { timeout: 15_000 })
        .toBeGreaterThan(2000);
      await expect
        .poll(async () => (await agentLine(api))?.quality?.inboundBytes ?? 0, { timeout: 15_000 })
        .toBeGreaterThan(2000);
      await expect
        .poll(async () => (await agentLine(api))?.quality?.audioLevel ?? 0, { timeout: 15_000 })
        .toBeGreaterThan(0.001);
      await screenshot(page, 'softphone-connected');

      // Hold: the customer sees sendonly, and nothing reaches the agent any more.
      await page.getByTestId('hold').click();
      await expect(line).toHaveAttribute('data-held', 'true');
      await expect.poll(() => customer.evaluate(() => window.customer.remoteDirection())).toBe('sendonly');
      const heldAt = (await agentLine(api))?.quality;
      // A later stats sample (more bytes sent) that received nothing new.
      await expect
        .poll(
          async () => {
            const now = (await agentLine(api))?.quality;
            return now && heldAt && now.outboundBytes > heldAt.outboundBytes + 1000
              ? now.inboundBytes - heldAt.inboundBytes
              : -1;
          },
          { timeout: 20_000 },
        )
        .toBeLessThan(500);

      // Resume: media flows again.
      await page.getByTestId('hold').click();
      await expect(line).toHaveAttribute('data-held', 'false');
      await expect.poll(() => customer.evaluate(() => window.customer.remoteDirection())).toBe('sendrecv');
      const resumedAt = (await agentLine(api))?.quality?.inboundBytes ?? 0;
      await expect
        .poll(async () => (await agentLine(api))?.quality?.inboundBytes ?? 0, { timeout: 15_000 })
        .toBeGreaterThan(resumedAt + 2000);

      // Blind transfer to the second customer: the first one follows the REFER.
      const colleague = await openCustomer(page, '2002');
      await page.getByRole('button', { name: 'Transfer' }).click();
      await page.getByTestId('transfer-target').fill('2002');
      await page.getByRole('button', { name: 'Transfer now' }).click();
      await expect(page.getByTestId('line')).toHaveCount(0);
      await expect.poll(() => colleague.evaluate(() => window.customer.state())).toBe('Established');
      await expect
        .poll(async () => (await customerStats(colleague)).inboundBytes, { timeout: 15_000 })
        .toBeGreaterThan(1000);
      await colleague.evaluate(() => window.customer.hangup());
      await colleague.close();
    } finally {
      api.close();
      await customer.close();
    }
  });

  test('an incoming queue call rings with a toast, is answered from the dock, hung up, and lands in the history', async ({
    page,
    host,
  }) => {
    await openRegisteredAgent(page, host.url);
    const customer = await openCustomer(page, '2002');
    try {
      await customer.evaluate(() =>
        window.customer.call('sip:1001@127.0.0.1', ['X-Queue: billing', 'X-Customer-Id: C-1001']),
      );
      await expect(page.getByText('Incoming call').first()).toBeVisible();
      await expect(page.getByText('2002 · billing')).toBeVisible();
      const line = page.getByTestId('line');
      await expect(line).toHaveAttribute('data-line-state', 'ringing');
      await screenshot(page, 'softphone-incoming');
      // Ignore silences it here; it keeps ringing for the caller and can still be answered.
      await page.getByRole('button', { name: 'Ignore' }).click();
      await expect(page.getByRole('button', { name: 'Ignore' })).toHaveCount(0);
      await expect(line).toHaveAttribute('data-line-state', 'ringing');

      await page.keyboard.press('Control+Shift+A');
      await expect(line).toHaveAttribute('data-line-state', 'connected');
      await expect.poll(() => customer.evaluate(() => window.customer.state())).toBe('Established');
      await expect
        .poll(async () => (await customerStats(customer)).inboundBytes, { timeout: 15_000 })
        .toBeGreaterThan(1000);

      await page.getByTestId('hangup').click();
      await expect(line).toHaveCount(0);
      await expect.poll(() => customer.evaluate(() => window.customer.state())).toBe('Terminated');
      await expect(page.getByTestId('call-history')).toContainText('2002');
      await expect(page.getByTestId('call-history')).toContainText('billing');
    } finally {
      await customer.close();
    }
  });

  test('a queue call (X-Queue) pops the customer panel for a known number and becomes a contact in the queue', async ({
    page,
    host,
  }) => {
    const api = await connectApi(host.url);
    const known = await api.call('customers.create', { name: '陈杰', phones: ['2002'], vip: 'silver' });
    await openRegisteredAgent(page, host.url);
    await page.getByTestId('agent-state-control').click();
    await page.getByTestId('set-ready').click();
    const customer = await openCustomer(page, '2002');
    try {
      await customer.evaluate(() => window.customer.call('sip:1001@127.0.0.1', ['X-Queue: hotline']));
      const contact = page.locator('[data-testid="queue-row"][data-channel="voice"][data-state="offered"]');
      await expect(contact).toHaveCount(1);
      // Screen pop (来电弹屏): the caller's profile beside the ringing call, before it is answered.
      await expect(page.getByTestId('customer-profile')).toHaveAttribute('data-customer', known.id);
      await expect(page.getByTestId('customer-panel')).toContainText('陈杰');
      await screenshot(page, 'softphone-screen-pop');
      // Accept in the queue answers the phone line: one action, both in step.
      await contact.getByTestId('row-accept').click();
      await expect(page.getByTestId('line')).toHaveAttribute('data-line-state', 'connected');
      await expect(page.locator('[data-testid="queue-row"][data-channel="voice"][data-state="active"]')).toHaveCount(1);
      await page.getByTestId('hangup').click();
      await expect(page.locator('[data-testid="queue-row"][data-channel="voice"][data-state="wrap"]')).toHaveCount(1);
    } finally {
      await customer.close();
      api.close();
    }
  });

  test('two tabs: one runs the media, either can answer, and the audio flows', async ({ page, host }) => {
    await openRegisteredAgent(page, host.url);
    const second = await page.context().newPage();
    await openApp(second, host.url);
    const customer = await openCustomer(page, '2001');
    try {
      await customer.evaluate(() => window.customer.call('sip:1001@127.0.0.1'));
      // Answered in the second tab; the first tab's engine (holding the lock) carries the audio.
      await second.getByRole('button', { name: 'Answer' }).click();
      await expect(second.getByTestId('line')).toHaveAttribute('data-line-state', 'connected');
      await expect(page.getByTestId('line')).toHaveAttribute('data-line-state', 'connected');
      await expect
        .poll(async () => (await customerStats(customer)).inboundBytes, { timeout: 15_000 })
        .toBeGreaterThan(1000);
      await second.getByTestId('hangup').click();
      await expect(page.getByTestId('line')).toHaveCount(0);
    } finally {
      await customer.close();
      await second.close();
    }
  });

  test('bad input: a malformed number is refused inline, a wrong password says why registration failed', async ({
    page,
    host,
  }) => {
    await openApp(page, host.url);
    await configurePhone(page, 'not-the-password');
    const registration = page.getByTestId('registration');
    await expect(registration).toHaveAttribute('data-state', 'failed');
    await expect(registration).toContainText('wrong user name or password');

    await page.getByTestId('dial-input').fill('call me maybe');
    await page.getByTestId('dial-input').press('Enter');
    await expect(page.getByText('Use digits, + * # or a SIP address.')).toBeVisible();
    await expect(page.getByTestId('line')).toHaveCount(0);
    await screenshot(page, 'softphone-errors');
  });
});
