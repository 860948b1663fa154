import { expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

/**
 * The customer's side of a chat in e2e tests: the web host's /chat page, driven through its
 * data-testids. Every wait is on the DOM (Playwright's auto-waiting expect), never a timer.
 *
 *   const customer = await openCustomerChat(browser, host.url, { queue: 'orders', name: 'Wang Fang' });
 *   await customer.send('我要退款');
 *   await customer.waitForState('connected');
 *   await customer.waitForAgentMessage(/退款/);
 *   await customer.waitForState('ended');
 *   await customer.rate(4);
 */

export type CustomerChatState = 'waiting' | 'connected' | 'ended';

export interface CustomerChatOptions {
  /** A queue id (the page's ?queue=); without it the page's picker chooses `queueName` or the only queue. */
  readonly queue?: string;
  /** Picks the topic by its shown name when no `queue` preset is given. */
  readonly queueName?: string | RegExp;
  readonly name?: string;
  /** E-mail or account id: the agent's screen pop matches the customer on it. */
  readonly identity?: string;
  readonly locale?: 'en' | 'zh-CN' | 'zh-TW';
  /** false: open the page and stop at the form (default true: start the chat). */
  readonly start?: boolean;
}

export interface CustomerChat {
  readonly page: Page;
  /** Types a message, sends it with Enter, and waits until the service has it (not "sending"). */
  send(text: string): Promise<void>;
  /** Attaches a file and sends it (with optional text); waits until the service has it. */
  sendFile(file: { name: string; mimeType: string; buffer: Buffer }, text?: string): Promise<void>;
  /** Waits for an agent message containing the text (or matching the pattern); returns its element. */
  waitForAgentMessage(text: string | RegExp): Promise<Locator>;
  waitForState(state: CustomerChatState): Promise<void>;
  /** Waits for the 满意度 question after the chat ends, answers it, and waits for the thanks. */
  rate(score: 1 | 2 | 3 | 4 | 5): Promise<void>;
  /** Ends the chat from the customer's side (End chat, then confirm). */
  leave(): Promise<void>;
  /** Links in agent messages (only http/https ever become links). */
  agentLinks(): Locator;
  messages(from?: 'customer' | 'agent' | 'system'): Locator;
  /** Closes the page, and the context when this helper created it. */
  close(): Promise<void>;
}

function isBrowser(target: Browser | BrowserContext): target is Browser {
  return 'newContext' in target;
}

/**
 * Opens /chat for a customer. Given a Browser it makes a context of its own (its own
 * sessionStorage, so the chat token never mixes with another customer's); given a context, a page in it.
 */
export async function openCustomerChat(
  target: Browser | BrowserContext,
  hostUrl: string,
  options: CustomerChatOptions = {},
): Promise<CustomerChat> {
  const ownContext = isBrowser(target) ? await target.newContext({ viewport: { width: 480, height: 800 } }) : null;
  const context = ownContext ?? (target as BrowserContext);
  const page = await context.newPage();
  const url = new URL('/chat', hostUrl);
  if (options.queue) url.searchParams.set('queue', options.queue);
  url.searchParams.set('lng', options.locale ?? 'en');
  await page.goto(url.toString());
  const root = page.getByTestId('customer-chat');
  await expect(root).toHaveAttribute('data-connection', 'open');

  const chat: CustomerChat = {
    page,
    async send(text) {
      const before = await chat.messages('customer').count();
      const input = page.getByTestId('composer-input');
      await input.fill(text);
      await input.press('Enter');
      const mine = chat.messages('customer').nth(before);
      await expect(mine).toHaveAttribute('data-delivery', /^(sent|delivered|read)$/);
    },
    async sendFile(file, text = '') {
      const before = await chat.messages('customer').count();
      await page.getByTestId('composer-file').setInputFiles(file);
      await expect(page.getByTestId('attachment-chip')).toBeVisible();
      if (text) await page.getByTestId('composer-input').fill(text);
      await page.getByTestId('composer-send').click();
      await expect(chat.messages('customer').nth(before)).toHaveAttribute('data-delivery', /^(sent|delivered|read)$/);
    },
    async waitForAgentMessage(text) {
      const message = chat
        .messages('agent')
        .filter({ has: page.getByTestId('message-text').filter({ hasText: text }) });
      await expect(message.last()).toBeVisible();
      return message.last();
    },
    async waitForState(state) {
      await expect(page.getByTestId('chat-state')).toHaveAttribute('data-state', state);
    },
    async rate(score) {
      await expect(page.getByTestId('rating')).toBeVisible();
      await page.getByTestId(`rate-${score}`).click();
      await expect(page.getByTestId('rated')).toBeVisible();
    },
    async leave() {
      await page.getByTestId('end-chat').click();
      await page.getByTestId('end-confirm').click();
      await chat.waitForState('ended');
    },
    agentLinks: () => chat.messages('agent').locator('a[href]'),
    messages: (from) =>
      from === undefined
        ? page.locator('[data-testid="message"]')
        : page.locator(`[data-testid="message"][data-from="${from}"]`),
    async close() {
      await page.close();
      await ownContext?.close();
    },
  };

  if (options.start === false) return chat;

  const form = page.getByTestId('start-form');
  await expect(form).toBeVisible();
  const picker = page.getByTestId('start-queue');
  if (!options.queue && options.queueName !== undefined) {
    const label = typeof options.queueName === 'string' ? options.queueName : undefined;
    if (label !== undefined) await picker.selectOption({ label });
    else {
      const names = await picker.locator('option').allTextContents();
      const match = names.find((name) => (options.queueName as RegExp).test(name));
      if (match === undefined)
        throw new Error(`No chat topic matches ${String(options.queueName)}: ${names.join(', ')}`);
      await picker.selectOption({ label: match });
    }
  } else if (!options.queue && (await picker.isVisible())) {
    // Several topics and none asked for: the first one.
    await picker.selectOption({ index: 1 });
  }
  await page.getByTestId('start-name').fill(options.name ?? 'Test Customer');
  if (options.identity) await page.getByTestId('start-identity').fill(options.identity);
  await page.getByTestId('start-submit').click();
  await expect(root).toHaveAttribute('data-phase', 'chat');
  return chat;
}
