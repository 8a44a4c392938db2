import type { CompanySettings, UploadLogoRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { checkLogo, defaultSettingsRow, toCompanySettings, type SettingsError } from '../company-settings.js';
import * as repo from '../settings.repo.js';
import { writeSettings } from './write-settings.js';

/** Replaces the logo after checking it (see checkLogo); a new settings version. */
export async function setCompanyLogo(tx: Executor, deps: Pick<Deps, 'clock' | 'ops'>, actor: Actor, input: UploadLogoRequest, requestId?: string): Promise<Result<CompanySettings, SettingsError>> {
  const data = checkLogo(input.mimeType, input.dataBase64);
  if (!data.ok) return data;
  const before = (await repo.lockSettings(tx, deps.ops)) ?? defaultSettingsRow(deps.clock.now().toISOString());
  const after = { ...before, logo_base64: data.value.toString('base64'), logo_mime_type: input.mimeType };
  if (after.logo_base64 === before.logo_base64 && after.logo_mime_type === before.logo_mime_type) return ok(toCompanySettings(before));
  return writeSettings(tx, deps, actor, before, after, ['logo'], requestId);
}

/** Removes the logo; removing none changes nothing. */
export async function removeCompanyLogo(tx: Executor, deps: Pick<Deps, 'clock' | 'ops'>, actor: Actor, requestId?: string): Promise<Result<CompanySettings, SettingsError>> {
  const before = await repo.lockSettings(tx, deps.ops);
  if (!before?.logo_base64) return ok(toCompanySettings(before));
  return writeSettings(tx, deps, actor, before, { ...before, logo_base64: null, logo_mime_type: null }, ['logo'], requestId);
}

/** The stored logo's bytes and type. */
export async function getCompanyLogo(db: Executor): Promise<Result<{ mimeType: string; data: Buffer; version: number }, SettingsError>> {
  const row = await repo.findSettings(db);
  if (!row?.logo_base64 || !row.logo_mime_type) return err({ code: 'no_logo' });
  return ok({ mimeType: row.logo_mime_type, data: Buffer.from(row.logo_base64, 'base64'), version: row.version });
}
