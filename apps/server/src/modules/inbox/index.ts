import type { Deps } from '../../deps.js';
import type { App } from '../../platform/http/index.js';
import { registerContactRoutes } from './contacts.routes.js';
import { registerConversationRoutes } from './inbox.routes.js';
import { registerPortalInboxRoutes } from './portal-inbox.routes.js';

/** For the messages module: automated portal-channel messages into the customer's inbox. */
export { postToInbox, type InboxPost } from './commands/post-message.js';
export { CONTACT_LOGGED, INBOX_MESSAGE_SENT, INBOX_REPLY_RECEIVED, type InboxError } from './inbox.js';
export { inboxProblem } from './inbox.problems.js';
export { INBOX_STAFF } from './inbox.routes.js';

export function registerInboxRoutes(app: App, deps: Deps): void {
  registerConversationRoutes(app, deps);
  registerPortalInboxRoutes(app, deps);
  registerContactRoutes(app, deps);
}
