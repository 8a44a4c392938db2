import pg from 'pg';
import type { DatabaseTarget } from '../config.js';

/**
 * What other processes commit and this one must hear of at once (today: an API key revoked, so
 * that caches of it are dropped). PostgreSQL delivers `NOTIFY` to a connection of our own that
 * `LISTEN`s; a notification sent in a transaction arrives only if it commits.
 *
 * `live` is true only while that connection is listening. A subscriber may rely on hearing every
 * change only while it is true; whenever it stops being true (the connection is lost, or the
 * process has not connected yet) every subscriber hears `gap()` and must forget what it kept.
 *
 * SQLite has no channel between processes; `watchCommitsElsewhere` stands in for one. It cannot
 * tell what another connection changed, only that it committed something, so it tells every
 * subscriber `gap()` then; and nothing is pushed, so a subscriber calls `catchUp()` before it
 * relies on what it kept.
 */
export interface Notifications {
  readonly live: boolean;
  subscribe(channel: string, subscriber: NotificationSubscriber): void;
  /** Hears now what was committed elsewhere since the last call (SQLite; PostgreSQL pushes instead). */
  catchUp?(): void;
  close(): Promise<void>;
}

export interface NotificationSubscriber {
  message(payload: string): void;
  /** Notifications may have been missed (or none can arrive): drop everything derived from them. */
  gap(): void;
}

/** Channel names: lower-case identifiers (`pg_notify` takes the name as text, `LISTEN` as a quoted identifier). */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export const noNotifications: Notifications = { live: false, subscribe() {}, close: async () => {} };

/**
 * SQLite: every subscriber hears `gap()` at the first `catchUp()` after another connection (another
 * process on the same file, the CLI) committed anything. `dataVersion` is the connection's
 * `PRAGMA data_version`, which this connection's own commits and checkpoints leave as it is. The
 * process's own changes are its own to announce (a revocation forgets before it answers).
 */
export function watchCommitsElsewhere(dataVersion: () => number): Notifications {
  const subscribers: NotificationSubscriber[] = [];
  let seen = dataVersion();
  let live = true;
  return {
    get live() {
      return live;
    },
    subscribe(_channel, subscriber) {
      subscribers.push(subscriber);
    },
    catchUp() {
      if (!live) return;
      const now = dataVersion();
      if (now === seen) return;
      seen = now;
      for (const s of subscribers) s.gap();
    },
    async close() {
      live = false;
      for (const s of subscribers) s.gap();
    },
  };
}

export interface ListenOptions {
  warn(message: string): void;
  /** Wait before reconnecting after a lost connection; doubles up to 30 s. */
  retryMs?: number;
}

/** Starts listening (PostgreSQL); on SQLite returns a source that is never live. */
export function listenForNotifications(target: DatabaseTarget, options: ListenOptions): Notifications {
  if (target.kind !== 'postgres') return noNotifications;
  const subscribers = new Map<string, NotificationSubscriber[]>();
  let client: pg.Client | undefined;
  /** Connected with every channel known at connect time listened to. */
  let connected = false;
  /** LISTENs sent for channels subscribed while connected and not yet confirmed. */
  let pending = 0;
  let closed = false;
  let retryMs = options.retryMs ?? 1000;
  let retryTimer: NodeJS.Timeout | undefined;

  const everyone = () => [...subscribers.values()].flat();
  function lost(reason: string) {
    const wasLive = connected;
    connected = false;
    pending = 0;
    for (const s of everyone()) s.gap();
    const c = client;
    client = undefined;
    c?.removeAllListeners();
    c?.on('error', () => {});
    void c?.end().catch(() => {});
    if (closed) return;
    if (wasLive) options.warn(`notifications: ${reason}; reconnecting (caches that rely on them are off meanwhile)`);
    retryTimer = setTimeout(connect, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  }

  async function connect() {
    retryTimer = undefined;
    if (closed) return;
    const c = new pg.Client({ connectionString: target.kind === 'postgres' ? target.url : '', application_name: 'ordercare-listen' });
    client = c;
    c.on('error', (e) => client === c && lost(e.message));
    c.on('end', () => client === c && lost('connection ended'));
    c.on('notification', (n) => {
      for (const s of subscribers.get(n.channel) ?? []) s.message(n.payload ?? '');
    });
    try {
      await c.connect();
      for (const channel of subscribers.keys()) await c.query(`listen ${c.escapeIdentifier(channel)}`);
      if (client !== c || closed) return;
      connected = true;
      retryMs = options.retryMs ?? 1000;
    } catch (e) {
      if (client === c) lost(e instanceof Error ? e.message : String(e));
    }
  }
  void connect();

  return {
    get live() {
      return connected && pending === 0;
    },
    subscribe(channel, subscriber) {
      if (!CHANNEL.test(channel)) throw new Error(`invalid notification channel "${channel}"`);
      const known = subscribers.get(channel);
      if (known) known.push(subscriber);
      else {
        subscribers.set(channel, [subscriber]);
        // Connected already: not live until this channel's LISTEN is confirmed (a connection
        // still coming up listens to every channel known by then).
        const c = client;
        if (c && connected) {
          pending++;
          c.query(`listen ${c.escapeIdentifier(channel)}`).then(
            () => {
              if (client === c) pending--;
            },
            (e: unknown) => client === c && lost(e instanceof Error ? e.message : String(e)),
          );
        }
      }
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      connected = false;
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
