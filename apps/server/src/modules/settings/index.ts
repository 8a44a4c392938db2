import type { CompanySettings } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import type { Executor } from '../../platform/db/index.js';
import type { App } from '../../platform/http/index.js';
import { getCompanyLogo as findLogo } from './commands/company-logo.js';
import { toCompanySettings } from './company-settings.js';
import * as repo from './settings.repo.js';
import { registerSettingsRoutes as register } from './settings.routes.js';

export { nextDocumentNumber, formatDocumentNumber, type DocumentKind } from './document-numbers.js';
export { seedDemoSettings } from './seed.js';
export { demoLogoPng } from './demo-logo.js';

export function registerSettingsRoutes(app: App, deps: Deps): void {
  register(app, deps);
}

/** The company settings; defaults (empty name, CNY, version 0) before they are first saved. */
export async function getCompanySettings(db: Executor): Promise<CompanySettings> {
  return toCompanySettings(await repo.findSettings(db));
}

/** The logo's bytes and type, or undefined when none is set. */
export async function getCompanyLogo(db: Executor): Promise<{ mimeType: 'image/png' | 'image/jpeg'; data: Buffer } | undefined> {
  const logo = await findLogo(db);
  return logo.ok ? { mimeType: logo.value.mimeType as 'image/png' | 'image/jpeg', data: logo.value.data } : undefined;
}
