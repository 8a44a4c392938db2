import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestRuntime, type TestRuntime } from '../../../server/test/support/runtime.js';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../../test-results/screenshots');

/** Debian's Chromium, headless, without the background networking this closed machine refuses. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** The real server (built web app included) on a free loopback port, on a fresh demo database. */
export async function startServer(): Promise<TestRuntime & { url: string }> {
  const rt = await startTestRuntime();
  const address = await rt.app.listen({ port: 0, host: '127.0.0.1' });
  return Object.assign(rt, { url: address });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
