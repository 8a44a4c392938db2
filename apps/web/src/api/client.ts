import { CSRF_HEADER, type Problem } from '@ordercare/contracts';

/**
 * Fetch wrapper for the OrderCare API (same origin, cookie sessions).
 *
 * - Sends `credentials: 'same-origin'`.
 * - Sends `Content-Type: application/json` only when there is a body.
 * - Adds the CSRF header on every write except when `csrf: false` (login calls).
 *   The token is picked per realm: paths under `/api/v1/portal/` use the portal
 *   session token, everything else the staff one.
 * - Throws `ApiError` carrying the RFC 9457 problem for any non-2xx answer.
 */

export type Realm = 'staff' | 'portal';

const csrfTokens: Record<Realm, string | null> = { staff: null, portal: null };

export function realmOf(path: string): Realm {
  return path.startsWith('/api/v1/portal/') ? 'portal' : 'staff';
}

export function setCsrfToken(realm: Realm, token: string | null): void {
  csrfTokens[realm] = token;
}

export function getCsrfToken(realm: Realm): string | null {
  return csrfTokens[realm];
}

export class ApiError extends Error {
  readonly problem: Problem;
  /** API path of the failed call (without query string), when known. */
  readonly path: string | undefined;

  constructor(problem: Problem, path?: string) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
    this.path = path;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  /** JSON body; when undefined no body and no JSON content type are sent. */
  body?: unknown;
  /** Query string parameters; undefined and null values are skipped. */
  query?: Record<string, string | number | boolean | null | undefined>;
  /** Set to false for calls that must not carry the CSRF header (login). */
  csrf?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const WRITE_METHODS = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function looksLikeProblem(value: unknown): value is Partial<Problem> {
  return typeof value === 'object' && value !== null && ('detail' in value || 'code' in value);
}

async function toProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: response.statusText || `Request failed with status ${response.status}`,
    code: `http_${response.status}`,
  };
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    return fallback;
  }
  if (!looksLikeProblem(payload)) return fallback;
  return {
    ...fallback,
    ...payload,
    status: typeof payload.status === 'number' ? payload.status : response.status,
    detail: payload.detail || payload.title || fallback.detail,
  } as Problem;
}

/** Error thrown when the server cannot be reached at all. */
export function networkProblem(error: unknown): Problem {
  return {
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: error instanceof Error ? error.message : 'The server could not be reached.',
    code: 'network_error',
  };
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const hasBody = options.body !== undefined;
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (WRITE_METHODS.has(method) && options.csrf !== false) {
    const token = csrfTokens[realmOf(path)];
    if (token) headers[CSRF_HEADER] = token;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(networkProblem(error), path);
  }

  if (!response.ok) throw new ApiError(await toProblem(response), path);
  if (response.status === 204 || response.status === 205) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};

/** `If-Match` header for an update of the record at `version` (optimistic concurrency). */
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}
