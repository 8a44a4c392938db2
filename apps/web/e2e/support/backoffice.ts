import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_ADMIN } from '../../../server/src/modules/identity/index.js';
import { screenshot, type startServer } from './browser.js';

export type Server = Awaited<ReturnType<typeof startServer>>;

/** A signed-in back-office page (demo admin unless `email` names another demo staff user) in a fresh context with the language stored up front. */
export async function signedInPage(
  browser: Browser,
  server: Server,
  options: { locale?: 'en' | 'zh-CN'; width?: number; height?: number; mobile?: boolean; email?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const locale = options.locale ?? 'en';
  const context = await browser.newContext({
    locale: locale === 'en' ? 'en-US' : 'zh-CN',
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    isMobile: options.mobile ?? false,
  });
  // The explicit language choice (localStorage) wins over the account's.
  await context.addInitScript((lng) => window.localStorage.setItem('ordercare.locale', lng), locale);
  const page = await context.newPage();
  await page.goto(server.url + '/login');
  await page.getByTestId('login-email').fill(options.email ?? DEMO_ADMIN.email);
  await page.getByTestId('login-password').fill(DEMO_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard-title').waitFor();
  return { context, page };
}

/** Picks an option of a Mantine Select / Autocomplete whose input has the test id. */
export async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** The page is not wider than the screen (nothing overflows sideways). */
export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Runs the outbox worker until `done()` holds (imports and timelines are built by it). */
export async function drainUntil(server: Server, done: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    await server.worker.drain();
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting while draining the outbox');
}

/** Authorization headers of an admin API key, for seeding through `server.app.inject`. */
export async function adminHeaders(server: Server): Promise<Record<string, string>> {
  return server.asRole('admin');
}

/** POST/PUT/PATCH through the API and return the JSON answer, failing on an unexpected status. */
export async function apiCall<T>(server: Server, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown, expected: number, headers: Record<string, string> = {}): Promise<T> {
  const res = await server.app.inject({ method, url, payload: payload as object, headers: { ...(await adminHeaders(server)), ...headers } });
  if (res.statusCode !== expected) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/**
 * Full-page screenshot from the top of the page (so the fixed header and
 * navbar are drawn where they belong), after fonts and animations settle.
 */
export async function shot(page: Page, name: string): Promise<string> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(250);
  return screenshot(page, name);
}
