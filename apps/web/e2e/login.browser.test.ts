import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_CUSTOMER } from '../../server/src/modules/identity/index.js';
import { launchBrowser, screenshot, startServer } from './support/browser.js';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('back office sign-in', () => {
  it('signs in, shows the dashboard, switches to Chinese, keeps it after a reload, signs out', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await page.waitForURL('**/login**');
    await screenshot(page, 'backoffice-login-en');

    await page.getByTestId('login-email').fill(DEMO_ADMIN.email);
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('wrong');

    await page.getByTestId('login-password').fill(DEMO_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('Dashboard');
    expect(await page.textContent('body')).toContain('Demo Admin');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await screenshot(page, 'backoffice-dashboard-en');

    await page.getByTestId('locale-switch').getByText('中文').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('仪表盘');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.reload();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('仪表盘');
    await screenshot(page, 'backoffice-dashboard-zh-CN');

    // The choice is saved on the account too, so it follows the user to another browser.
    const me = await server.deps.db.selectFrom('users').select('locale').where('email', '=', DEMO_ADMIN.email).executeTakeFirstOrThrow();
    expect(me.locale).toBe('zh-CN');

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login**');
    await page.goto(server.url + '/');
    await page.waitForURL('**/login**');
    await context.close();
  });

  it('fits a phone screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(server.url + '/login');
    await page.getByTestId('login-email').fill(DEMO_ADMIN.email);
    await page.getByTestId('login-password').fill(DEMO_ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-title').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'backoffice-dashboard-phone');
    await context.close();
  });
});

describe('customer portal sign-in', () => {
  it('signs a customer in to the portal dashboard in both languages', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(server.url + '/portal');
    await page.waitForURL('**/portal/login**');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN'); // from the browser's language
    await page.getByTestId('locale-switch').getByText('EN').click();
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await page.getByTestId('locale-switch').getByText('中文').click(); // an explicit choice, kept over the account's
    await screenshot(page, 'portal-login-zh-CN');
    await page.getByTestId('login-email').fill(DEMO_CUSTOMER.email);
    await page.getByTestId('login-password').fill(DEMO_CUSTOMER.password);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('仪表盘');
    await screenshot(page, 'portal-dashboard-zh-CN');
    await page.getByTestId('locale-switch').getByText('EN').click();
    await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('Dashboard');
    expect(await page.textContent('body')).toContain('Demo Customer');
    await screenshot(page, 'portal-dashboard-en');
    // Switching while signed in saves the language on the customer's account.
    await page.getByTestId('locale-switch').getByText('中文').click();
    const accountLocale = async () =>
      (await server.deps.db.selectFrom('portal_accounts').select('locale').where('email', '=', DEMO_CUSTOMER.email).executeTakeFirstOrThrow()).locale;
    await expect.poll(accountLocale).toBe('zh-CN');

    // A portal session is not a staff session.
    const staffMe = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(staffMe).toBe(401);
    await context.close();
  });
});
