import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StaffSession, UserRecord } from '@ordercare/contracts';
import { freshDatabaseUrl } from '../../test/support/db.js';
import { startTestRuntime } from '../../test/support/runtime.js';
import { loadConfig } from '../platform/config.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const SPAWN_TIMEOUT = 60_000;

type Page<T> = { data: T[]; nextCursor: string | null };

interface Env {
  DATA_DIR: string;
  DATABASE_URL: string;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function freshEnv(): Promise<Env> {
  return { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-cli-')), DATABASE_URL: await freshDatabaseUrl() };
}

/** Runs `node <bin> ...args` the way `npx ordercare` does, from a repository root. */
function ordercare(env: Env, args: string[], root = REPO): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'apps/server/bin/ordercare.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: SPAWN_TIMEOUT,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectSuccess(out: Outcome) {
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
}

/**
 * A checkout with nothing built: apps/server without dist/ (so the bin falls back to tsx), the
 * contracts package with or without its dist/, and node_modules linking the installed packages.
 */
function unbuiltCheckout(options: { contractsDist: boolean }): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-checkout-'));
  const copy = (rel: string, filter: (src: string) => boolean = () => true) => fs.cpSync(path.join(REPO, rel), path.join(root, rel), { recursive: true, filter });
  copy('apps/server/bin');
  copy('apps/server/package.json');
  copy('apps/server/src', (src) => !src.includes('__tests__'));
  copy('packages/contracts', (src) => options.contractsDist || !src.split(path.sep).includes('dist'));
  fs.mkdirSync(path.join(root, 'node_modules/@ordercare'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(REPO, 'node_modules'))) {
    if (entry !== '@ordercare') fs.symlinkSync(path.join(REPO, 'node_modules', entry), path.join(root, 'node_modules', entry));
  }
  for (const workspace of ['apps/server', 'packages/contracts']) {
    const own = path.join(REPO, workspace, 'node_modules'); // versions npm installed for this workspace only
    if (fs.existsSync(own)) fs.symlinkSync(own, path.join(root, workspace, 'node_modules'));
  }
  fs.symlinkSync(path.join(root, 'packages/contracts'), path.join(root, 'node_modules/@ordercare/contracts'));
  fs.symlinkSync(path.join(root, 'apps/server'), path.join(root, 'node_modules/@ordercare/server'));
  return root;
}

describe('ordercare command line', () => {
  it('migrates, creates an API key and a user that a server on the same database then accepts', async () => {
    const env = await freshEnv();

    const first = await ordercare(env, ['migrate']);
    expectSuccess(first);
    expect(first.stdout).toMatch(/^Applied: 0001_platform/);
    const second = await ordercare(env, ['migrate']);
    expectSuccess(second);
    expect(second.stdout).toMatch(/up to date/);

    const key = await ordercare(env, ['apikey', 'create', '--name', 't', '--role', 'admin']);
    expectSuccess(key);
    const lines = key.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^oc_[A-Za-z0-9_-]+$/);
    expect(key.stdout).toBe(`${lines[0]}\n`);
    const token = lines[0]!;

    const user = await ordercare(env, ['user', 'create', '--email', 'x@example.com', '--name', 'X', '--role', 'sales', '--password', 'longenough1']);
    expectSuccess(user);
    expect(user.stdout).toMatch(/^Created usr_[0-9A-Z]{26}\n$/);

    const badRole = await ordercare(env, ['apikey', 'create', '--name', 't2', '--role', 'king']);
    expect(badRole.code).toBe(2);
    expect(badRole.stdout).toBe('');
    expect(badRole.stderr).toContain('admin, manager, sales, support, warehouse, finance');

    const rt = await startTestRuntime({ config: loadConfig({ ...env, LOG_LEVEL: 'silent', WORKER: 'off' }) });
    try {
      const users = await rt.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
      expect(users.statusCode).toBe(200);
      const listed = users.json<Page<UserRecord>>().data;
      // The server did not seed demo users into a database that already had one.
      expect(listed.map((u) => u.email)).toEqual(['x@example.com']);
      const keys = await rt.deps.db.selectFrom('api_keys').select(['name', 'role']).execute();
      expect(keys).toEqual([{ name: 't', role: 'admin' }]);

      const login = await rt.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@example.com', password: 'longenough1' } });
      expect(login.statusCode).toBe(200);
      expect(login.json<StaffSession>().user).toMatchObject({ email: 'x@example.com', name: 'X', role: 'sales' });
    } finally {
      await rt.close();
    }
  }, 60_000);

  it('refuses a user with a bad role or a short password, naming what to fix', async () => {
    const env = await freshEnv();
    const out = await ordercare(env, ['user', 'create', '--email', 'y@example.com', '--name', 'Y', '--role', 'boss', '--password', 'short']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--role ROLE \(one of admin, manager, sales, support, warehouse, finance\)/);
  }, 60_000);

  it('runs through tsx when apps/server/dist is missing', async () => {
    const root = unbuiltCheckout({ contractsDist: true });
    expect(fs.existsSync(path.join(root, 'apps/server/dist'))).toBe(false);
    const out = await ordercare(await freshEnv(), ['apikey', 'create', '--name', 'tsx', '--role', 'manager'], root);
    expectSuccess(out);
    expect(out.stdout).toMatch(/^oc_[A-Za-z0-9_-]+\n$/);
  }, 60_000);

  // The bin promises that "a fresh clone's `npx ordercare …` works right after `npm ci`", but the
  // server's imports of @ordercare/contracts resolve to packages/contracts/dist, which only a build
  // creates (see the report).
  it('runs from a fresh checkout where nothing is built', async () => {
    const root = unbuiltCheckout({ contractsDist: false });
    const out = await ordercare(await freshEnv(), ['migrate'], root);
    expect(out.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND/);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Applied: 0001_platform/);
  }, 60_000);
});
