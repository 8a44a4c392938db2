import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import type { DialectOps } from '../db/dialect.js';
import type { Db, Tx } from '../db/schema.js';
import { insertSoon } from '../db/insert-queue.js';
import { rideNow, rideOnFirstRead } from '../db/riders.js';
import { runReused } from '../db/reuse.js';
import { inTransaction } from '../db/transaction.js';
import { err, ok, type Result } from '../result.js';
import { HttpProblem } from './problem.js';

export interface StoredResponse<T = unknown, S extends number = number> {
  status: S;
  body: T;
  /** True when this answer is the stored first answer to an earlier request with the same key. */
  replayed: boolean;
}

/** Keys are kept at least this long (API.md promises 24 hours). */
export const IDEMPOTENCY_RETENTION_MS = 48 * 3600_000;

type Conflict = { idempotency: 'in_progress' } | { idempotency: 'exists' };
type Claim = 'free' | 'in_progress' | 'exists';

/** Thrown into the work by its first read when the key is taken; the work stops there. */
class ClaimRefused extends Error {
  constructor(readonly claim: 'in_progress' | 'exists') {
    super(`idempotency key ${claim}`);
  }
}

/**
 * `Idempotency-Key` for create endpoints, as API.md states it. A route opts in with one line:
 *   `const r = await deps.idempotency.run(request, 201, (tx) => createThing(tx, input));`
 * The key row is written in the same transaction as the business change, so a crash can never
 * leave one without the other. Only successful (2xx) answers are stored: a refused request
 * changed nothing and may be retried with the same key.
 */
export function createIdempotency(db: Db, ops: DialectOps, clock: Clock) {
  const inFlight = new Set<string>();

  async function lookup(executor: Db | Tx, scope: string, key: string) {
    // A replay runs it, after the transaction that found the key taken.
    const { rows } = await runReused(executor, 'idempotency.lookup', [scope, key], () =>
      executor.selectFrom('idempotency_keys').select(['request_hash', 'status_code', 'response_body']).where('scope', '=', scope).where('key', '=', key),
    );
    return rows[0];
  }

  /**
   * Takes the key's advisory lock (PostgreSQL; SQLite's write lock already serialises) and checks
   * that no answer is stored yet, as a column riding on the work's first read (riders.ts): no
   * round trip of its own where the work's read carries it (placement's does), else one statement
   * just before the work's first. Its snapshot may predate a concurrent commit of the same key,
   * which the unique key row then refuses (the caller replays). A key that is taken stops the work
   * there (`ClaimRefused`), before it has seen anything of its read.
   */
  function claimKey(tx: Tx, scope: string, key: string, lockKey: string): void {
    const lock = ops.advisoryLockExpression(lockKey);
    rideOnFirstRead(tx, {
      key: 'idempotency.claim',
      alias: 'idempotency_claim',
      column: sql<Claim>`case when not ${lock.expression} then 'in_progress' when exists (select 1 from idempotency_keys where scope = ${scope} and key = ${key}) then 'exists' else 'free' end`.as('idempotency_claim'),
      parameters: [...lock.parameters, scope, key],
      settle: (value) => {
        if (value !== 'free') throw new ClaimRefused(value === 'exists' ? 'exists' : 'in_progress');
      },
    });
  }

  function replay<T, S extends number>(row: { request_hash: string; status_code: number; response_body: string }, hash: string): StoredResponse<T, S> {
    if (row.request_hash !== hash) {
      throw new HttpProblem(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body. Use a new key for a new request.');
    }
    return { status: row.status_code as S, body: JSON.parse(row.response_body) as T, replayed: true };
  }

  async function run<T, E, S extends number>(
    request: FastifyRequest,
    status: S,
    work: (tx: Tx) => Promise<Result<T, E>>,
  ): Promise<Result<StoredResponse<T, S>, E>> {
    const header = request.headers['idempotency-key'];
    const key = typeof header === 'string' && header.length > 0 ? header : undefined;
    if (!key) {
      const result = await inTransaction(db, work);
      return result.ok ? ok({ status, body: result.value, replayed: false }) : result;
    }
    const principal = request.principal;
    const scope = `${principal ? `${principal.kind}:${principal.id}` : 'anonymous'} ${request.method} ${request.url.split('?')[0]}`;
    const hash = requestHash(request.body);
    const lockKey = `${scope}|${key}`;

    // No lookup before the transaction: a new key (the common case) would pay for it twice. A
    // replay is found inside, after the lock, and answered from the row read after rollback.
    if (inFlight.has(lockKey)) throw inProgress();
    inFlight.add(lockKey);
    try {
      const result = await inTransaction<T, E | Conflict>(db, async (tx) => {
        claimKey(tx, scope, key, lockKey);
        try {
          const outcome = await work(tx);
          if (!outcome.ok) return outcome;
          await rideNow(tx); // a work that ran no statement still claims before its answer is stored
          await insertSoon(tx, 'idempotency_keys', [
            { scope, key, request_hash: hash, status_code: status, response_body: JSON.stringify(outcome.value), created_at: clock.now().toISOString() },
          ]);
          return outcome;
        } catch (e) {
          if (e instanceof ClaimRefused) return err({ idempotency: e.claim });
          throw e;
        }
      });
      if (result.ok) return ok({ status, body: result.value, replayed: false });
      const error = result.error;
      if (isConflict(error)) {
        if (error.idempotency === 'in_progress') throw inProgress();
        const row = await lookup(db, scope, key);
        if (row) return ok(replay<T, S>(row, hash));
        throw inProgress();
      }
      return err(error);
    } catch (e) {
      // Another process committed the same key between our check and our insert.
      if (ops.isUniqueViolation(e)) {
        const row = await lookup(db, scope, key);
        if (row) return ok(replay<T, S>(row, hash));
      }
      throw e;
    } finally {
      inFlight.delete(lockKey);
    }
  }

  /** Deletes keys older than the retention; the worker calls it periodically. */
  async function purgeExpired(): Promise<number> {
    const cutoff = addMs(clock.now().toISOString(), -IDEMPOTENCY_RETENTION_MS);
    const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  return { run, purgeExpired };
}

export type Idempotency = ReturnType<typeof createIdempotency>;

/** Sends a stored or fresh answer, marking replays with `Idempotent-Replayed: true`. */
export function sendStored<T, S extends number>(reply: FastifyReply, stored: StoredResponse<T, S>): FastifyReply {
  if (stored.replayed) reply.header('idempotent-replayed', 'true');
  reply.status(stored.status as number);
  return reply.send(stored.body);
}

function inProgress(): HttpProblem {
  return new HttpProblem(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still being processed. Retry in a moment.');
}

function isConflict(e: unknown): e is Conflict {
  return typeof e === 'object' && e !== null && 'idempotency' in e;
}

/** Fields never hashed: a fast hash of a password would let a database copy test guesses cheaply. */
const SECRET_FIELDS = new Set(['password', 'token', 'secret']);

function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(withoutSecrets(body ?? null))).digest('hex');
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !SECRET_FIELDS.has(k)).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
