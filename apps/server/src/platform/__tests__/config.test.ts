import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('applies the documented defaults: port 3000 on 127.0.0.1, a SQLite file in ./data', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir).toBe(path.resolve('data'));
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('data', 'ordercare.db') });
    expect(c.logLevel).toBe('info');
    expect(c.worker).toBe('embedded');
    expect(c.trustProxy).toBe(false);
    expect(c.secureCookies).toBe(false);
    expect(c.bodyLimit).toBe(1_048_576);
    expect(c.databasePoolSize).toBe(2 * os.availableParallelism() + 1);
  });

  it('puts the SQLite file in DATA_DIR', () => {
    const c = loadConfig({ DATA_DIR: '/srv/ordercare' });
    expect(c.dataDir).toBe('/srv/ordercare');
    expect(c.database).toEqual({ kind: 'sqlite', file: '/srv/ordercare/ordercare.db' });
  });

  it('selects PostgreSQL for a postgres:// or postgresql:// URL', () => {
    const url = 'postgres://oc:secret@db.internal:5432/ordercare';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/oc' }).database).toEqual({ kind: 'postgres', url: 'postgresql://db/oc' });
  });

  it('accepts an explicit sqlite: URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x/oc.db' }).database).toEqual({ kind: 'sqlite', file: '/tmp/x/oc.db' });
  });

  it('reads the other variables', () => {
    const c = loadConfig({ PORT: '4100', HOST: '0.0.0.0', LOG_LEVEL: 'warn', WORKER: 'off', TRUST_PROXY: 'true', PUBLIC_URL: 'https://orders.example.com', BODY_LIMIT: '2048' });
    expect(c).toMatchObject({ port: 4100, host: '0.0.0.0', logLevel: 'warn', worker: 'off', trustProxy: true, publicUrl: 'https://orders.example.com', secureCookies: true, bodyLimit: 2048 });
    expect(loadConfig({ PUBLIC_URL: 'http://orders.example.com' }).secureCookies).toBe(false);
    expect(loadConfig({ DATABASE_POOL_SIZE: '3' }).databasePoolSize).toBe(3);
  });

  it('stops on a bad PORT with a ConfigError naming PORT', () => {
    for (const PORT of ['abc', '70000', '-1', '80.5']) {
      const e = configError({ PORT });
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.message).toMatch(/^Invalid configuration:/);
      expect(e.message).toMatch(/\bPORT\b/);
    }
  });

  it('names each bad variable', () => {
    expect(configError({ LOG_LEVEL: 'loud' }).message).toContain('LOG_LEVEL');
    expect(configError({ WORKER: 'sometimes' }).message).toContain('WORKER');
    expect(configError({ PUBLIC_URL: 'not a url' }).message).toContain('PUBLIC_URL');
    expect(configError({ DATABASE_URL: 'mysql://db/oc' }).message).toContain('DATABASE_URL');
    for (const DATABASE_POOL_SIZE of ['0', 'many', '2.5']) expect(configError({ DATABASE_POOL_SIZE }).message).toContain('DATABASE_POOL_SIZE');
    const both = configError({ PORT: 'x', LOG_LEVEL: 'loud' }).message;
    expect(both).toContain('PORT');
    expect(both).toContain('LOG_LEVEL');
  });

  // `PORT=` (set but empty, as `PORT=${PORT}` in a compose file leaves it) is coerced to 0, so
  // the server silently listens on a random port instead of 3000 or stopping (see the report).
  it('does not turn an empty PORT into port 0', () => {
    let port: number | undefined;
    try {
      port = loadConfig({ PORT: '' }).port;
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toContain('PORT');
      return;
    }
    expect(port).toBe(3000);
  });
});
