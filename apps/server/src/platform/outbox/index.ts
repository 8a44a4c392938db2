export { cancelTimer, emitEvent, scheduleTimer, type NewEvent } from './outbox.js';
export type { HandlerContext, OutboxEventRecord, OutboxHandler } from './handler.js';
export { backoffMs, createWorker, type Worker, type WorkerOptions } from './worker.js';
export { getOutboxEvent, listOutboxEvents, requeueOutboxEvent, toOutboxEvent } from './admin.js';
