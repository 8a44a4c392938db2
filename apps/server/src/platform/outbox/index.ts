export { cancelTimer, emitEvent, scheduleTimer, type NewEvent } from './outbox.js';
export type { HandlerContext, OutboxEventRecord, OutboxHandler } from './handler.js';
export { createWorker, type Worker, type WorkerOptions } from './worker.js';
export { backoffMs } from './lease.js';
export { getOutboxEvent, listOutboxEvents, requeueOutboxEvent, toOutboxEvent } from './admin.js';
