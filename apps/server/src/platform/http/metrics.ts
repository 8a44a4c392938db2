import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseHandle } from '../db/database.js';
import type { Db } from '../db/schema.js';

/**
 * Prometheus metrics: process defaults, HTTP latency by route, outbox backlog and, on SQLite with
 * the checkpointer thread, how long each WAL checkpoint held the write lock (writers wait that
 * long: a rising tail there shows a disk too slow for the write load).
 */
export function registerMetrics(app: FastifyInstance, db: Db, onCheckpoint?: DatabaseHandle['onCheckpoint']): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ordercare_' });
  const duration = new Histogram({
    name: 'ordercare_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'ordercare_http_server_errors_total',
    help: 'Responses with status 5xx',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ordercare_outbox_events',
    help: 'Outbox events by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('status', '!=', 'done').groupBy('status').execute();
      this.reset();
      for (const status of ['pending', 'failed']) this.set({ status }, Number(rows.find((r) => r.status === status)?.n ?? 0));
    },
  });
  if (onCheckpoint) {
    const held = new Histogram({
      name: 'ordercare_sqlite_checkpoint_lock_seconds',
      help: "How long each WAL checkpoint's final pass held the database's write lock (writers waited meanwhile)",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    });
    onCheckpoint((timing) => held.observe(timing.heldMs / 1000));
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ route });
  });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
