import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  SMTP_URL: z.string().optional(),
  SMS_URL: z.url().optional(),
  SMS_TOKEN: z.string().optional(),
  SMS_SENDER: z.string().optional(),
  SMS_MAX_SEGMENTS: z.coerce.number().int().min(1).max(20).default(6),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  WORKER: z.enum(['embedded', 'off']).default('embedded'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  /**
   * PostgreSQL connections per process. Default: two per CPU plus one. Placements queue on the
   * year's order-number row anyway, and on a small machine a large pool only adds backends that
   * compete for the CPUs (see docs/PERFORMANCE.md). SQLite always uses one connection.
   */
  databasePoolSize: number;
  smtpUrl: string | undefined;
  /** SMS provider endpoint (generic HTTP JSON API); unset means SMS messages are kept, not sent. */
  smsUrl: string | undefined;
  /** Sent as `Authorization: Bearer …`; without it, credentials in SMS_URL (user:pass@) go as basic auth. */
  smsToken: string | undefined;
  /** Sender id or number passed to the provider as `from`, when set. */
  smsSender: string | undefined;
  /** Longer texts are refused rather than sent in more parts than this. Default 6. */
  smsMaxSegments: number;
  publicUrl: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  bodyLimit: number;
  /** `embedded` runs the outbox worker inside the server process; `off` leaves it to `ordercare worker`. */
  worker: 'embedded' | 'off';
  trustProxy: boolean;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  /** Webhook URLs may point at loopback/private/link-local addresses (tests, on-premises receivers). Default false. */
  webhooksAllowPrivate: boolean;
}

/** Parses the environment once at start-up; a bad value stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`PORT=`) means unset, not 0 or "".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: parseDatabaseUrl(e.DATABASE_URL, dataDir),
    databasePoolSize: e.DATABASE_POOL_SIZE ?? 2 * os.availableParallelism() + 1,
    smtpUrl: e.SMTP_URL || undefined,
    smsUrl: e.SMS_URL,
    smsToken: e.SMS_TOKEN,
    smsSender: e.SMS_SENDER,
    smsMaxSegments: e.SMS_MAX_SEGMENTS,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    worker: e.WORKER,
    trustProxy: e.TRUST_PROXY,
    secureCookies: e.PUBLIC_URL?.startsWith('https://') ?? false,
    webhooksAllowPrivate: e.WEBHOOKS_ALLOW_PRIVATE,
  };
}

function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseTarget {
  if (!url) return { kind: 'sqlite', file: path.join(dataDir, 'ordercare.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', file: path.resolve(url.slice('sqlite:'.length)) };
  throw new ConfigError('Invalid configuration:\n  DATABASE_URL: must start with postgres:// or sqlite:');
}

export class ConfigError extends Error {}
