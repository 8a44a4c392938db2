import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SharedWriteLock } from '../write-lock.js';

const BUILT = new URL('../../../../dist/platform/db/write-lock.js', import.meta.url).href;

describe('SharedWriteLock', () => {
  it('serves callers one at a time, in the order they asked', async () => {
    const lock = new SharedWriteLock(SharedWriteLock.createBuffer());
    const order: string[] = [];
    await lock.acquire(1);
    const waiting = ['b', 'c', 'd'].map((name) => lock.acquire(1).then(() => (order.push(name), lock.release())));
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]); // all wait while the first holds it
    expect(lock.holder()).toBe(1);
    lock.release();
    await Promise.all(waiting);
    expect(order).toEqual(['b', 'c', 'd']);
    expect(lock.holder()).toBe(0);
  });

  it('keeps a process alive while it waits for another thread to let go', () => {
    // Another thread holds the lock for 300 ms; the main thread has nothing else to do meanwhile.
    const script = `
      import { Worker } from 'node:worker_threads';
      import { SharedWriteLock } from ${JSON.stringify(BUILT)};
      const buffer = SharedWriteLock.createBuffer();
      const lock = new SharedWriteLock(buffer);
      const holder = new Worker(\`
        const { workerData, parentPort } = require('node:worker_threads');
        const slots = new Int32Array(workerData);
        Atomics.add(slots, 0, 1); // ticket 0, served at once
        Atomics.store(slots, 2, 2);
        parentPort.postMessage('holding');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
        Atomics.store(slots, 2, 0); Atomics.add(slots, 1, 1); Atomics.notify(slots, 1);
      \`, { eval: true, workerData: buffer });
      holder.unref();
      await new Promise((resolve) => holder.once('message', resolve));
      await lock.acquire(1);
      console.log('acquired after the other thread');
    `;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-write-lock-'));
    const file = path.join(dir, 'wait.mjs');
    fs.writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 10_000 });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('acquired after the other thread');
    expect(run.status).toBe(0); // 13 would mean Node saw a pending await and nothing keeping it alive
  });
});
