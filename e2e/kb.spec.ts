import { connectApi } from './support/api';
import { openCustomerChat } from './support/customer-chat';
import { expect, openApp, screenshot, test } from './support/fixtures';

// The knowledge-base pane beside a chat: what the customer just wrote brings up the right
// article, and the agent sends its public link in one click.

test('a customer chat message "我要退款" suggests the refund article; the agent inserts its link and the customer sees it', async ({
  page,
  host,
  browser,
}) => {
  const api = await connectApi(host.url);
  await api.call('settings.update', { profile: { role: 'supervisor' } });
  expect((await api.call('kb.seedSample', {})).imported).toBeGreaterThanOrEqual(20);
  api.close();

  await openApp(page, `${host.url}?lng=zh-CN`);
  await page.getByTestId('agent-state-control').click();
  await page.getByTestId('set-ready').click();

  const customer = await openCustomerChat(browser, host.url, { queue: 'after-sales', name: '王芳', locale: 'zh-CN' });
  try {
    await customer.send('我要退款');
    await page.locator('[data-testid="queue-row"][data-state="offered"]').getByTestId('row-accept').click();
    await customer.waitForState('connected');

    // Ctrl+Shift+K brings the knowledge base up beside the chat and puts the cursor in its search.
    await page.keyboard.press('Control+Shift+K');
    const pane = page.getByTestId('kb-pane');
    await expect(pane.getByTestId('kb-pane-search')).toBeFocused();
    const first = pane.getByTestId('kb-result').first();
    await expect(first).toHaveAttribute('data-article-id', /^refund/);
    await screenshot(page, 'zh-CN-workspace-kb-suggestion');
    const articleId = await first.getAttribute('data-article-id');

    await first.getByTestId('kb-insert-link').click();
    const input = page.getByTestId('reply-input');
    await expect(input).toHaveValue(new RegExp(`/help/${articleId}`));
    await input.press('Enter');

    await customer.waitForAgentMessage(new RegExp(`/help/${articleId}`));
    const link = customer.agentLinks().first();
    await expect(link).toHaveAttribute('href', new RegExp(`/help/${articleId}$`));
    // The link opens the article for the customer: a public page, no app behind it.
    const article = await customer.page.context().request.get(String(await link.getAttribute('href')));
    expect(article.status()).toBe(200);
    expect(await article.text()).toContain('退款');
  } finally {
    await customer.close();
  }
});
