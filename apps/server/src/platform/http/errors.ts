import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpProblem, problem, sendProblem, type FieldError } from './problem.js';

const CONTEXT_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/**
 * Every error leaves as application/problem+json. Malformed input of any kind is a 4xx naming
 * what to fix; only a bug or a broken database is a 500, and it is logged with the request id.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) return sendProblem(reply, error.body);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = CONTEXT_NAMES[error.validationContext ?? 'body'] ?? 'body';
      const errors: FieldError[] = error.validation.flatMap((v) => {
        const base = [where, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])];
        const keys = (v.params as { keys?: unknown } | undefined)?.keys;
        if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
          return keys.map((k) => ({ path: [...base, String(k)].join('.'), message: 'is not a known field; remove it' }));
        }
        return [{ path: base.join('.'), message: v.message ?? 'is invalid' }];
      });
      const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
      return sendProblem(reply, problem(400, 'validation_failed', `The request is invalid. ${summary}`, errors));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return sendProblem(reply, problem(500, 'internal_error', 'The server produced an invalid response.'));
    }
    const mapped = mapFrameworkError(error);
    if (mapped) return sendProblem(reply, mapped);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, problem(500, 'internal_error', `Something went wrong on our side. Quote request id ${request.id} when reporting it.`));
  });

}

function mapFrameworkError(error: FastifyError) {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'validation_failed', `The body is not valid JSON: ${error.message}`, [{ path: 'body', message: 'must be valid JSON' }]);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'payload_too_large', 'The body is larger than the server accepts. Send less data per request.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'validation_failed', 'The Content-Length header does not match the body.');
    default:
      break;
  }
  if (error instanceof SyntaxError || (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)) {
    const status = error.statusCode ?? 400;
    return problem(status, status === 400 ? 'validation_failed' : 'bad_request', error.message);
  }
  return undefined;
}
