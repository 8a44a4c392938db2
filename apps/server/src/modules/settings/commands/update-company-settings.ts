import type { CompanySettings, UpdateCompanySettingsRequest } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import type { Executor } from '../../../platform/db/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { applySettingsPatch, defaultSettingsRow, toCompanySettings, type SettingsError } from '../company-settings.js';
import * as repo from '../settings.repo.js';
import { writeSettings } from './write-settings.js';

/**
 * Edits the company settings the caller saw at `expectedVersion` (from If-Match; 0 before the
 * first save). A stale version is `version_conflict`; the write is conditional on the version, so
 * two editors racing cannot both win. A patch that changes nothing writes nothing.
 */
export async function updateCompanySettings(
  tx: Executor,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  expectedVersion: number,
  patch: UpdateCompanySettingsRequest,
  requestId?: string,
): Promise<Result<CompanySettings, SettingsError>> {
  const before = (await repo.findSettings(tx)) ?? defaultSettingsRow(deps.clock.now().toISOString());
  if (before.version !== expectedVersion) return err({ code: 'version_conflict', expected: expectedVersion, current: before.version });
  const { after, changed } = applySettingsPatch(before, patch);
  if (changed.length === 0) return ok(toCompanySettings(before.version === 0 ? undefined : before));
  return writeSettings(tx, deps, actor, before, after, changed, requestId);
}
