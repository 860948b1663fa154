import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { connectApi } from './support/api';
import { openCustomerChat } from './support/customer-chat';
import { expect, openApp, screenshot, test } from './support/fixtures';
import { freshDataDir, startHost } from './support/host';

// The agent's unified workspace on the embedded center: a customer on the /chat page, the
// agent in the app, both in Chromium against the web host.

async function goReady(page: Page): Promise<void> {
  await page.getByTestId('agent-state-control').click();
  await page.getByTestId('set-ready').click();
  // A customer already waiting is offered at once.
  await expect(page.getByTestId('agent-state-control')).toHaveAttribute('data-state', /^(ready|offered)$/);
}

const row = (page: Page, prefix: 'i' | 't' | 'f', state?: string) =>
  page.locator(`[data-testid="queue-row"][data-key^="${prefix}:"]${state ? `[data-state="${state}"]` : ''}`);

test('a chat from the customer page: accepted, answered with a canned reply, ticketed, closed with a disposition, rated 4; the ticket is solved with a follow-up that shows up when due', async ({
  page,
  host,
  browser,
}) => {
  const api = await connectApi(host.url);
  const profile = await api.call('customers.create', {
    name: '王芳',
    phones: ['13800138000'],
    chatIdentity: 'wang.fang@example.com',
    vip: 'gold',
  });
  await openApp(page, host.url);
  await goReady(page);

  const customer = await openCustomerChat(browser, host.url, {
    queue: 'after-sales',
    name: 'Wang Fang',
    identity: 'wang.fang@example.com',
  });
  try {
    await customer.send('我要退款');
    const offer = row(page, 'i', 'offered');
    await expect(offer).toHaveCount(1);
    await screenshot(page, 'workspace-chat-offered');
    await offer.getByTestId('row-accept').click();
    await customer.waitForState('connected');

    // The customer's message is in the transcript, as text.
    await expect(page.getByTestId('transcript')).toContainText('我要退款');
    // Screen pop: the chat's identity matched the profile.
    await expect(page.getByTestId('customer-profile')).toHaveAttribute('data-customer', profile.id);

    // A canned reply: "/" and a search, Enter inserts it with the variables filled in.
    const input = page.getByTestId('reply-input');
    await input.fill('/greet');
    await expect(page.getByTestId('canned-list')).toBeVisible();
    await input.press('Enter');
    await expect(input).toHaveValue(/Hello 王芳/);
    await input.press('Enter');
    await customer.waitForAgentMessage(/Hello 王芳/);

    // HTML from the customer is shown as text, never as markup.
    await customer.send('<img src=x onerror="window.hacked=1"><b>bold</b>');
    await expect(page.getByTestId('transcript')).toContainText('<b>bold</b>');
    expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();

    await page.getByTestId('create-ticket').click();
    await expect(row(page, 't')).toHaveCount(1);

    await page.getByTestId('end').click();
    await customer.waitForState('ended');
    await customer.rate(4);
    // The queue requires a disposition: refused without one, with the reason shown.
    await page.getByTestId('wrap-submit').click();
    await expect(page.getByTestId('wrap-error')).toBeVisible();
    await page.getByTestId('disposition').click();
    await page.getByRole('option', { name: 'Refund issued' }).click();
    await page.getByTestId('wrap-submit').click();
    await expect(row(page, 'i')).toHaveCount(0);
    await expect(page.getByTestId('agent-state-control')).toHaveAttribute('data-state', 'ready');

    try {
      const snapshot = await api.call('center.getSnapshot', {});
      const ticket = snapshot.tickets[0];
      expect(ticket?.subject).toContain('我要退款');
      expect(ticket?.requesterId).toBe(profile.id);
      // The chat is in the customer's history with its disposition and the customer's 满意度.
      const history = await api.call('customers.get', { customerId: profile.id });
      expect(history.interactions[0]).toMatchObject({ disposition: 'Refund issued', satisfaction: 4, state: 'ended' });

      // Solve the ticket with a follow-up due now: it joins the queue as a call to make.
      await row(page, 't').click();
      await page.getByTestId('solve').click();
      await page.getByTestId('solve-follow-up').check();
      const now = new Date();
      now.setSeconds(0, 0);
      const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      await page.getByTestId('follow-up-when').fill(local);
      await page.getByTestId('follow-up-phone').fill('13800138000');
      await page.getByTestId('solve-submit').click();
      await expect(row(page, 't')).toHaveCount(0);
      await expect(row(page, 'f', 'due')).toHaveCount(1);
      await expect(row(page, 'f', 'due')).toContainText('13800138000');
      await screenshot(page, 'workspace-follow-up-due');

      const solved = await api.call('tickets.get', { ticketId: ticket?.id ?? '' });
      expect(solved.ticket).toMatchObject({ status: 'solved', interactionIds: [history.interactions[0]?.id] });
    } finally {
      api.close();
    }
  } finally {
    await customer.close();
  }
});

test('training mode on a fresh data dir brings a chat, a ticket and a call within 30 s', async ({ page, browser }) => {
  void browser;
  const dataDir = freshDataDir();
  const host = await startHost({ dataDir, env: { SEATDESK_TRAINING: 'auto' } });
  try {
    await openApp(page, host.url);
    await expect(page.getByTestId('training-banner')).toBeVisible();
    // The first start puts the newcomer in Ready; work arrives without doing anything.
    await expect(page.getByTestId('agent-state-control')).toHaveAttribute('data-state', /ready|offered/);
    await expect(row(page, 't')).not.toHaveCount(0, { timeout: 30_000 });
    const chat = page.locator('[data-testid="queue-row"][data-channel="chat"]');
    await expect(chat).not.toHaveCount(0, { timeout: 30_000 });
    // A chat offer waits for Accept; once it is taken, the demo call can be offered too.
    const offered = chat.and(page.locator('[data-state="offered"]'));
    if ((await offered.count()) > 0) await offered.first().getByTestId('row-accept').click();
    await expect(page.locator('[data-testid="queue-row"][data-channel="voice"]')).not.toHaveCount(0, {
      timeout: 30_000,
    });
    await screenshot(page, 'workspace-training');
  } finally {
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a host restart in the middle of a chat keeps the conversation, the states and the timers', async ({
  page,
  browser,
}) => {
  const dataDir = freshDataDir();
  let host = await startHost({ dataDir });
  const port = host.port;
  const customer = await openCustomerChat(browser, host.url, { queue: 'orders', name: 'Chen Jie' });
  try {
    await openApp(page, host.url);
    await goReady(page);
    await customer.send('Where is my parcel?');
    await row(page, 'i', 'offered').getByTestId('row-accept').click();
    await customer.waitForState('connected');
    await page.getByTestId('reply-input').fill('Let me check that for you.');
    await page.getByTestId('reply-input').press('Enter');
    await customer.waitForAgentMessage('Let me check that for you.');
    const api = await connectApi(host.url);
    const before = await api.call('center.getSnapshot', {});
    api.close();

    await host.stop();
    await expect(page.getByTestId('connection-state')).not.toHaveAttribute('data-status', 'open');
    host = await startHost({ dataDir, port });
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'open', { timeout: 20_000 });

    // The agent's side: same contact, same transcript, the same clocks.
    await expect(row(page, 'i', 'active')).toHaveCount(1);
    await row(page, 'i', 'active').click();
    await expect(page.getByTestId('transcript')).toContainText('Where is my parcel?');
    await expect(page.getByTestId('transcript')).toContainText('Let me check that for you.');
    const again = await connectApi(host.url);
    const after = await again.call('center.getSnapshot', {});
    expect(after.me.state).toBe('on_contact');
    expect(after.me.since).toBe(before.me.since);
    expect(after.interactions[0]?.answeredAt).toBe(before.interactions[0]?.answeredAt);
    again.close();

    // The customer's page resumes the same chat and it carries on.
    await customer.waitForState('connected');
    await customer.send('Thanks!');
    await expect(page.getByTestId('transcript')).toContainText('Thanks!');
  } finally {
    await customer.close();
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
