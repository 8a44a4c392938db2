import type { CompanySettings } from '@ordercare/contracts';
import type { Deps } from '../../../deps.js';
import type { Actor } from '../../../platform/auth/index.js';
import { recordAudit } from '../../../platform/audit.js';
import type { Executor } from '../../../platform/db/index.js';
import type { CompanySettingsTable } from '../../../platform/db/schema.js';
import { emitEvent } from '../../../platform/outbox/index.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { auditableSettings, toCompanySettings, type SettingsError } from '../company-settings.js';
import * as repo from '../settings.repo.js';

/**
 * Saves a changed settings row as the next version, if the stored one is still `before`'s, with
 * the audit entry and a `settings.company_updated` event (payload `changed`, `version`, `actor`),
 * all in the caller's transaction.
 */
export async function writeSettings(
  tx: Executor,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  before: CompanySettingsTable,
  after: CompanySettingsTable,
  changed: string[],
  requestId?: string,
): Promise<Result<CompanySettings, SettingsError>> {
  const now = deps.clock.now().toISOString();
  const saved = { ...after, version: before.version + 1, updated_at: now };
  if (!(await repo.saveSettings(tx, saved, before.version))) {
    const current = await repo.findSettings(tx);
    return err({ code: 'version_conflict', expected: before.version, current: current?.version ?? 0 });
  }
  await recordAudit(tx, { actor, action: 'settings.company_updated', entityType: 'company_settings', entityId: 'company', before: auditableSettings(before), after: auditableSettings(saved), at: now, requestId });
  await emitEvent(tx, now, { type: 'settings.company_updated', aggregateType: 'company_settings', aggregateId: 'company', payload: { changed, version: saved.version, actor } });
  return ok(toCompanySettings(saved));
}
