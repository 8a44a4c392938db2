import type { Deps } from '../../deps.js';
import type { OutboxHandler } from '../../platform/outbox/index.js';
import { recordTimelineEntry } from './commands/customer-timeline.js';
import { IMPORT_REQUESTED } from './commands/request-import.js';
import { runImportJob } from './commands/run-import-job.js';

/** Every event that names a customer (payload `customerId`) lands on that customer's timeline. */
export const timelineHandler: OutboxHandler = {
  name: 'customers.timeline',
  events: '*',
  transactional: true,
  handle: recordTimelineEntry,
};

/** Runs queued CSV imports, chunk by chunk, resuming where a crashed run stopped. */
export function importHandler(deps: Deps): OutboxHandler {
  return {
    name: 'customers.import',
    events: [IMPORT_REQUESTED],
    async handle(ctx) {
      const importId = ctx.event.payload.importId;
      if (typeof importId === 'string') await runImportJob(deps, importId);
    },
  };
}
