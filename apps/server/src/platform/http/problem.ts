import type { FastifyReply } from 'fastify';
import type { Problem } from '@ordercare/contracts';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  428: 'Precondition Required',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export type FieldError = { path: string; message: string };

/** Builds an RFC 9457 problem body. `code` is the stable, documented part clients branch on. */
export function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  return {
    type: `https://ordercare.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/**
 * Thrown only at the HTTP edge (hooks, guards) where no handler runs to map a result. Domain code
 * returns typed results instead and each module maps them with its own exhaustive switch.
 */
export class HttpProblem extends Error {
  readonly body: Problem;
  constructor(status: number, code: string, detail: string, errors?: FieldError[]) {
    super(detail);
    this.body = problem(status, code, detail, errors);
  }
}

/** Sends a problem. A 429 always tells the client when to come back (60 s unless set before). */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (body.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}
