import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CompanySettings, IfMatchHeaders, STAFF_ROLES, UpdateCompanySettingsRequest, UploadLogoRequest, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, type App } from '../../platform/http/index.js';
import { err, ok, type Result } from '../../platform/result.js';
import { getCompanyLogo, removeCompanyLogo, setCompanyLogo } from './commands/company-logo.js';
import { updateCompanySettings } from './commands/update-company-settings.js';
import { toCompanySettings, type SettingsError } from './company-settings.js';
import * as repo from './settings.repo.js';
import { settingsProblem } from './settings.problems.js';

export const SETTINGS_EDITORS: readonly StaffRole[] = ['admin', 'manager'];

/** Room for a 1 MiB logo in base64 (4/3 of it) plus JSON; the command gives the precise answer. */
const LOGO_BODY_LIMIT = 2_621_440;

/** `If-Match: "7"` (also `W/"7"` or `7`) → 7. */
export function parseIfMatch(header: string | undefined): Result<number, SettingsError> {
  if (header === undefined || header.trim() === '') return err({ code: 'if_match_required' });
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  return m ? ok(Number(m[1])) : err({ code: 'invalid_if_match', value: header });
}

function sendSettings(reply: FastifyReply, settings: CompanySettings) {
  reply.header('etag', `"${settings.version}"`);
  return reply.code(200).send(settings);
}

/** Company settings: the profile printed on documents, and its logo. */
export function registerSettingsRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/settings/company', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['settings'], summary: 'The company profile printed on documents; the ETag is its version (0 before the first save)', response: { 200: CompanySettings } },
  }, async (_request, reply) => sendSettings(reply, toCompanySettings(await repo.findSettings(deps.db))));

  r.patch('/api/v1/settings/company', {
    config: { access: SETTINGS_EDITORS },
    schema: {
      tags: ['settings'],
      summary: 'Edit the company profile. Requires If-Match: "<version>" (428 if_match_required without it, 412 version_conflict when stale); null clears a field',
      headers: IfMatchHeaders,
      body: UpdateCompanySettingsRequest,
      response: { 200: CompanySettings },
    },
  }, async (request, reply) => {
    const version = parseIfMatch(request.headers['if-match']);
    if (!version.ok) return sendProblem(reply, settingsProblem(version.error));
    const result = await inTransaction(deps.db, (tx) => updateCompanySettings(tx, deps, actorOf(request.principal), version.value, request.body, request.id));
    if (!result.ok) return sendProblem(reply, settingsProblem(result.error));
    deps.wakeWorker();
    return sendSettings(reply, result.value);
  });

  r.get('/api/v1/settings/company/logo', {
    config: { access: STAFF_ROLES },
    schema: { tags: ['settings'], summary: 'The logo image (image/png or image/jpeg); 404 when none is set' },
  }, async (_request, reply) => {
    const logo = await getCompanyLogo(deps.db);
    if (!logo.ok) return sendProblem(reply, settingsProblem(logo.error));
    return reply.header('content-type', logo.value.mimeType).header('cache-control', 'private, no-cache').header('etag', `"${logo.value.version}"`).send(logo.value.data);
  });

  r.put('/api/v1/settings/company/logo', {
    config: { access: SETTINGS_EDITORS },
    bodyLimit: LOGO_BODY_LIMIT,
    schema: {
      tags: ['settings'],
      summary: 'Upload the logo: a PNG or JPEG of at most 1 MiB, base64-encoded in JSON. The bytes must match mimeType; 413 payload_too_large above 1 MiB',
      body: UploadLogoRequest,
      response: { 200: CompanySettings },
    },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => setCompanyLogo(tx, deps, actorOf(request.principal), request.body, request.id));
    if (!result.ok) return sendProblem(reply, settingsProblem(result.error));
    deps.wakeWorker();
    return sendSettings(reply, result.value);
  });

  r.delete('/api/v1/settings/company/logo', {
    config: { access: SETTINGS_EDITORS },
    schema: { tags: ['settings'], summary: 'Remove the logo (documents then show the name only)', response: { 200: CompanySettings } },
  }, async (request, reply) => {
    const result = await inTransaction(deps.db, (tx) => removeCompanyLogo(tx, deps, actorOf(request.principal), request.id));
    if (!result.ok) return sendProblem(reply, settingsProblem(result.error));
    deps.wakeWorker();
    return sendSettings(reply, result.value);
  });
}
