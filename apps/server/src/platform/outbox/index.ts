export { cancelTimer, emitEvent, scheduleTimer, type NewEvent } from './outbox.js';
export { backoffMs, createWorker, type HandlerContext, type OutboxEventRecord, type OutboxHandler, type Worker, type WorkerOptions } from './worker.js';
export { getOutboxEvent, listOutboxEvents, requeueOutboxEvent, toOutboxEvent } from './admin.js';
