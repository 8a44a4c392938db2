import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { registerAccessControl, type Authenticate } from './access.js';
import { registerErrorHandling } from './errors.js';
import { registerMetrics } from './metrics.js';
import { registerOpenApi } from './openapi.js';
import { HttpProblem, problem, sendProblem } from './problem.js';
import { registerWebApp } from './static-web.js';

export interface HttpServerOptions {
  logger: Logger;
  db: Db;
  bodyLimit: number;
  trustProxy: boolean;
  version: string;
  webDistDir: string;
  authenticate: Authenticate;
  /** SQLite with a checkpointer thread: each checkpoint's hold on the write lock, for /metrics. */
  onCheckpoint?: DatabaseHandle['onCheckpoint'];
}

export type App = FastifyInstance;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The Fastify instance with every cross-cutting concern; modules then add their routes. */
export async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
    // Router errors (bad percent-encoding, a path parameter over maxParamLength) skip the error handler.
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode ?? 400;
      void sendProblem(reply, problem(status, status === 400 ? 'validation_failed' : 'bad_request', error.message));
    },
  });

  // JSON only: a text/plain body is refused with 415 instead of reaching the schema as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  // PostgreSQL cannot store U+0000 in text (it failed as a 500): refuse it in any input, on both engines alike.
  app.addHook('preValidation', async (request) => {
    const where = hasNul(request.params) ? 'path' : hasNul(request.query) ? 'query' : hasNul(request.body) ? 'body' : undefined;
    if (where) throw new HttpProblem(400, 'validation_failed', 'Text may not contain the NUL character (U+0000).', [{ path: where, message: 'must not contain U+0000' }]);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  // Graceful shutdown: once closing, answer in-flight requests with `Connection: close` and drop
  // idle keep-alive sockets, so close() does not wait out a client's keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    app.server.closeIdleConnections();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onResponse', async () => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  });

  await app.register(cookie);
  registerAccessControl(app, options.authenticate);
  await registerOpenApi(app, options.version);
  registerMetrics(app, options.db, options.onCheckpoint);

  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (request, reply) => {
    try {
      await options.db.selectFrom('users').select('id').limit(1).execute();
      return { status: 'ready' };
    } catch (e) {
      request.log.warn({ err: e }, 'readiness check failed');
      return reply.code(503).type('application/problem+json').send({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The database is not reachable.', code: 'not_ready' });
    }
  });
  await registerWebApp(app, options.webDistDir);
  return app;
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}
