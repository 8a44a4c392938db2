import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MessageTemplate, MessageTemplateList, MessageTemplateVersions, PreviewTemplateRequest, SaveTemplateRequest, TemplateParams, TemplatePreview, TestSendRequest, TestSendResult, type StaffRole } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../platform/auth/index.js';
import { inTransaction } from '../../platform/db/index.js';
import { sendProblem, type App } from '../../platform/http/index.js';
import { findStaffUser } from '../identity/index.js';
import { channelsOf } from './channels/registry.js';
import { listTemplates, previewTemplate, renderFor, resolveOrderId, saveTemplate } from './commands/templates.js';
import { messageProblem } from './messages.problems.js';
import { currentTemplate, templateHistory } from './messages.repo.js';
import { newId } from '../../platform/ids.js';

/** Templates and rules: managers and admins. */
export const TEMPLATE_EDITORS: readonly StaffRole[] = ['admin', 'manager'];

export function registerTemplateRoutes(app: App, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['messages'];

  r.get('/api/v1/templates', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: 'Every message template (event × channel × locale) at its current version; version 0 is the shipped default', response: { 200: MessageTemplateList } },
  }, async () => ({ data: await listTemplates(deps.db) }));

  r.get('/api/v1/templates/:key/:channel/:locale', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: 'One template at its current version', params: TemplateParams, response: { 200: MessageTemplate } },
  }, async (request) => currentTemplate(deps.db, request.params.key, request.params.channel, request.params.locale));

  r.get('/api/v1/templates/:key/:channel/:locale/versions', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: 'Every version of a template, newest first, ending with the shipped version 0', params: TemplateParams, response: { 200: MessageTemplateVersions } },
  }, async (request) => ({ data: await templateHistory(deps.db, request.params.key, request.params.channel, request.params.locale) }));

  r.put('/api/v1/templates/:key/:channel/:locale', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: 'Save a new version (Liquid; 400 validation_failed with line and column when it does not parse). Messages record the version they used', params: TemplateParams, body: SaveTemplateRequest, response: { 200: MessageTemplate } },
  }, async (request, reply) => {
    const { key, channel, locale } = request.params;
    const result = await inTransaction(deps.db, (tx) => saveTemplate(tx, deps, actorOf(request.principal), key, channel, locale, request.body, request.id));
    if (!result.ok) return sendProblem(reply, messageProblem(result.error));
    return result.value;
  });

  r.post('/api/v1/templates/preview', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: 'Render an unsaved template against a real order (orderId or orderNumber) and its customer', body: PreviewTemplateRequest, response: { 200: TemplatePreview } },
  }, async (request, reply) => {
    const result = await previewTemplate(deps, request.body);
    if (!result.ok) return sendProblem(reply, messageProblem(result.error));
    return result.value;
  });

  r.post('/api/v1/templates/:key/:channel/:locale/test-send', {
    config: { access: TEMPLATE_EDITORS },
    schema: { tags, summary: "Email the current version, rendered for an order, to the signed-in user's own address (not recorded as a message)", params: TemplateParams, body: TestSendRequest, response: { 200: TestSendResult } },
  }, async (request, reply) => {
    const principal = request.principal;
    const user = principal?.kind === 'user' ? await findStaffUser(deps.db, { id: principal.id }) : null;
    if (!user) return sendProblem(reply, messageProblem({ code: 'no_email' }));
    const { key, channel, locale } = request.params;
    const orderId = await resolveOrderId(deps.db, request.body);
    if (!orderId.ok) return sendProblem(reply, messageProblem(orderId.error));
    const template = await currentTemplate(deps.db, key, channel, locale);
    const rendered = await renderFor(deps, template, locale, orderId.value, { name: user.name });
    if (!rendered.ok) return sendProblem(reply, messageProblem(rendered.error));
    const email = channelsOf(deps).email;
    if (!email.configured) return { to: user.email, sent: false, detail: 'Email is off (no SMTP_URL): nothing was sent.' };
    const id = newId('tst');
    const subject = `[TEST] ${rendered.value.subject ?? `${key} (${channel}, ${locale})`}`;
    const outcome = await email.send({ id, idempotencyKey: id, channel: 'email', to: user.email, locale, subject, text: rendered.value.text, html: rendered.value.html, attachments: [] });
    return { to: user.email, sent: outcome.ok, detail: outcome.ok ? `Sent to ${user.email}.` : outcome.error };
  });
}
