export type { Access, Authenticate, RouteAccess } from './access.js';
export { createIdempotency, sendStored, type Idempotency, type StoredResponse } from './idempotency.js';
export { HttpProblem, problem, sendProblem, type FieldError } from './problem.js';
export { createHttpServer, type App, type HttpServerOptions } from './server.js';
