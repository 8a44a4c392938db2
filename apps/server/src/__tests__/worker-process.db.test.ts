import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabaseUrl } from '../../test/support/db.js';
import { startTestRuntime } from '../../test/support/runtime.js';
import { loadConfig } from '../platform/config.js';
import { emitEvent } from '../platform/outbox/index.js';

const BIN = fileURLToPath(new URL('../../bin/ordercare.mjs', import.meta.url));
const children: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('ordercare worker (its own process)', () => {
  it('handles events written by another process and stops cleanly on SIGTERM', async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-worker-')), DATABASE_URL: await freshDatabaseUrl(), LOG_LEVEL: 'warn' };
    // An API process with its worker off writes the events.
    const api = await startTestRuntime({ config: loadConfig({ ...env, WORKER: 'off', LOG_LEVEL: 'silent' }) });
    try {
      const at = api.deps.clock.now().toISOString();
      await api.deps.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 20; i++) await emitEvent(tx, at, { type: 'test.ping', aggregateType: 'test', aggregateId: `t_${i}`, payload: { i } });
      });
      const worker = spawn(process.execPath, [BIN, 'worker'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(worker);
      let stderr = '';
      worker.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const pending = async () => (await api.deps.db.selectFrom('outbox').select('id').where('status', '!=', 'done').execute()).length;
      expect(await until(async () => (await pending()) === 0, 30_000)).toBe(true);

      const exit = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
      worker.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(stderr).toBe('');
    } finally {
      await api.close();
    }
  }, 60_000);

  it('lets a trickle of events gather into batches (a worker process has its own event loop)', async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-worker-')), DATABASE_URL: await freshDatabaseUrl(), LOG_LEVEL: 'warn' };
    const api = await startTestRuntime({ config: loadConfig({ ...env, WORKER: 'off', LOG_LEVEL: 'silent' }) });
    try {
      const worker = spawn(process.execPath, [BIN, 'worker'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(worker);
      const pending = async () => (await api.deps.db.selectFrom('outbox').select('id').where('status', '!=', 'done').execute()).length;
      // First the worker is up (its start takes a while on a busy machine; events waiting for it
      // would only make full batches, which are not followed by a pause).
      const ready = api.deps.clock.now().toISOString();
      await api.deps.db.transaction().execute((tx) => emitEvent(tx, ready, { type: 'test.ping', aggregateType: 'test', aggregateId: 't_ready', payload: {} }));
      expect(await until(async () => (await pending()) === 0, 30_000)).toBe(true);
      // One event per transaction, every 2 ms or so for about a second, as orders arrive under load.
      for (let i = 0; i < 400; i++) {
        const at = api.deps.clock.now().toISOString();
        await api.deps.db.transaction().execute((tx) => emitEvent(tx, at, { type: 'test.ping', aggregateType: 'test', aggregateId: `t_${i}`, payload: { i } }));
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(await until(async () => (await pending()) === 0, 30_000)).toBe(true);
      // A batch settles its events with one timestamp. After a claim that was not full the worker
      // waits (lingerMs, 100 ms) for events to gather; claiming again at once took them a few at a
      // time, each batch costing its statements and commits (docs/PERFORMANCE.md).
      const batches = await api.deps.db
        .selectFrom('outbox')
        .select(['processed_at', (eb) => eb.fn.countAll<number>().as('events')])
        .where('type', '=', 'test.ping')
        .where('aggregate_id', '!=', 't_ready')
        .groupBy('processed_at')
        .orderBy('processed_at')
        .execute();
      const gaps = batches.slice(1).map((b, i) => ({ after: Number(batches[i]!.events), ms: Date.parse(b.processed_at!) - Date.parse(batches[i]!.processed_at!) }));
      const afterPartlyFull = gaps.filter((g) => g.after < 50).map((g) => g.ms);
      expect(afterPartlyFull.length).toBeGreaterThanOrEqual(2);
      expect(Math.min(...afterPartlyFull)).toBeGreaterThanOrEqual(90);
      worker.kill('SIGTERM');
    } finally {
      await api.close();
    }
  }, 60_000);
});
