import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import { channelsOf } from './channels/registry.js';
import type { SendHooks } from './commands/send-message.js';
import { messagesHandlers as handlers } from './messages.jobs.js';
import { registerMessageRoutes } from './messages.routes.js';
import { registerTemplateRoutes } from './templates.routes.js';

export { channelsFor, type ChannelRegistry } from './channels/index.js';
export { SEND_DUE, OUTCOME_UNKNOWN, EMAIL_OFF } from './message.js';
export { MESSAGE_READERS, MESSAGE_SENDERS } from './messages.routes.js';
export { TEMPLATE_EDITORS } from './templates.routes.js';
export { inlineRenderer, startRenderThread, type Renderer } from './renderer.js';

export function registerMessagesRoutes(app: App, deps: Deps): void {
  registerMessageRoutes(app, deps);
  registerTemplateRoutes(app, deps);
}

/** The automation and the sender; `options` let tests swap channels or crash between send and mark. */
export function messagesHandlers(deps: Deps, options: { channels?: ReturnType<typeof channelsOf>; hooks?: SendHooks } = {}): OutboxHandler[] {
  return handlers(deps, options.channels ?? channelsOf(deps), options.hooks);
}
