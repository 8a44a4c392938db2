/**
 * A small HTTP load generator on node:http with keep-alive sockets, in the bench process (the
 * server under test is another process).
 *
 * - closed loop: `concurrency` workers, each sends its next request when the previous answered;
 *   latency is send → last byte.
 * - open loop: requests are due at fixed intervals (`rate` per second) whatever the server does;
 *   latency is measured from the intended send time, so a stalled server shows up in the
 *   percentiles instead of silently lowering the offered rate (no coordinated omission).
 */
import http from 'node:http';
import { nowMs, summarise, type Summary } from './stats.js';

export interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

export interface LoadResult {
  seconds: number;
  ok: number;
  failed: number;
  /** Completed (2xx) requests per second. */
  rate: number;
  latency: Summary;
  /** First few failures: status and body. */
  errors: string[];
}

export function createClient(base: string, maxSockets = 1024) {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  function send(req: Request): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...req.headers };
      if (req.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(req.body);
      }
      const r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(req.body);
    });
  }
  return { send, close: () => agent.destroy() };
}

export type Client = ReturnType<typeof createClient>;

class Recorder {
  latencies: number[] = [];
  ok = 0;
  failed = 0;
  errors: string[] = [];
  record(status: number, body: string, latency: number) {
    if (status >= 200 && status < 300) {
      this.ok++;
      this.latencies.push(latency);
    } else {
      this.failed++;
      if (this.errors.length < 5) this.errors.push(`${status} ${body.slice(0, 300)}`);
    }
  }
  fail(e: unknown) {
    this.failed++;
    if (this.errors.length < 5) this.errors.push(String(e));
  }
  result(seconds: number): LoadResult {
    return { seconds, ok: this.ok, failed: this.failed, rate: this.ok / seconds, latency: summarise(this.latencies), errors: this.errors };
  }
}

/** `next(i)` builds the i-th request (i counts from 0 across workers). */
export async function closedLoop(client: Client, next: (i: number) => Request, options: { concurrency: number; seconds: number }): Promise<LoadResult> {
  const rec = new Recorder();
  let i = 0;
  const start = nowMs();
  const end = start + options.seconds * 1000;
  async function worker() {
    while (nowMs() < end) {
      const req = next(i++);
      const t = nowMs();
      try {
        const res = await client.send(req);
        rec.record(res.status, res.body, nowMs() - t);
      } catch (e) {
        rec.fail(e);
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return rec.result((nowMs() - start) / 1000);
}

/**
 * Sends at `rate` requests per second for `seconds`; each latency counts from the request's
 * intended send time. The rate is the offered one; the achieved rate is what completed over the
 * time until the last answer.
 */
export async function openLoop(
  client: Client,
  next: (i: number) => Request,
  options: { rate: number; seconds: number },
): Promise<LoadResult & { offered: number; maxOutstanding: number; slow: { at: number; ms: number; late: number }[]; startedAt: number }> {
  const rec = new Recorder();
  /**
   * Requests slower than 25 ms: when each was due (ms into the step), its latency, and how late
   * this process sent it (a stall of the load generator itself, not of the server).
   */
  const slow: { at: number; ms: number; late: number }[] = [];
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const start = nowMs() + 5;
  /** Wall-clock time of `start`, to line the step up with logs and samples taken elsewhere. */
  const startedAt = Date.now() + 5;
  let sent = 0;
  let outstanding = 0;
  let maxOutstanding = 0;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowMs();
      while (sent < total && start + sent * interval <= now) {
        const intended = start + sent * interval;
        const req = next(sent++);
        const late = nowMs() - intended;
        outstanding++;
        maxOutstanding = Math.max(maxOutstanding, outstanding);
        pending.push(
          client.send(req).then(
            (res) => {
              const ms = nowMs() - intended;
              rec.record(res.status, res.body, ms);
              if (ms > 25) slow.push({ at: intended - start, ms, late });
            },
            (e: unknown) => rec.fail(e),
          ).finally(() => outstanding--),
        );
      }
      if (sent >= total) return resolve();
      // A timer, never a setImmediate spin: spinning until the next request is due took a third of
      // a CPU at 520/s, from the two the server under test has. A timer wakes up to a millisecond
      // late; that lateness counts in the latency (it is measured from the intended time).
      const wait = start + sent * interval - nowMs();
      setTimeout(tick, Math.max(0, wait - 0.5));
    };
    tick();
  });
  await Promise.all(pending);
  const seconds = (nowMs() - start) / 1000;
  return { ...rec.result(seconds), offered: options.rate, maxOutstanding, slow, startedAt };
}
