import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker as Thread } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
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

  describe('when a thread dies', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A thread running `body` (an ES module with `lock`, `holder`, `state` and `parentPort` in scope). */
    function threadFile(body: string): URL {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oc-write-lock-'));
      dirs.push(dir);
      const file = path.join(dir, 'thread.mjs');
      fs.writeFileSync(
        file,
        `import { workerData, parentPort } from 'node:worker_threads';
         import { SharedWriteLock } from ${JSON.stringify(BUILT)};
         const lock = new SharedWriteLock(workerData.lock);
         const holder = workerData.holder;
         const state = new Int32Array(workerData.state);
         ${body}`,
      );
      return new URL(`file://${file}`);
    }

    const state = () => new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
    const within = <T>(ms: number, promise: Promise<T>) =>
      Promise.race([promise.then(() => 'done' as const), new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);
    async function kill(thread: Thread): Promise<void> {
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      await thread.terminate();
      await exited;
    }

    it('skips the turn of a thread that died waiting for it', async () => {
      const buffer = SharedWriteLock.createBuffer();
      const lock = new SharedWriteLock(buffer);
      await lock.acquire(1);
      const entry = threadFile(`parentPort.postMessage('asking'); await lock.acquire(holder); Atomics.store(state, 0, 1);`);
      const shared = state();
      const thread = new Thread(entry, { workerData: { lock: buffer, holder: 3, state: shared } });
      await new Promise((resolve) => thread.once('message', resolve));
      while (Atomics.load(new Int32Array(buffer), 0) < 2) await new Promise((resolve) => setTimeout(resolve, 1)); // its ticket is taken
      await kill(thread);
      lock.abandon(3);
      const after = lock.acquire(4); // queued behind the dead thread's ticket
      lock.release();
      expect(await within(2_000, after)).toBe('done');
      expect(lock.holder()).toBe(4);
      expect(Atomics.load(new Int32Array(shared), 0)).toBe(0); // the dead thread never got it
      lock.release();
      expect(await within(2_000, lock.acquire(1))).toBe('done');
    });

    it('hands on the lock of a thread that died holding it, and abandoning twice changes nothing', async () => {
      const buffer = SharedWriteLock.createBuffer();
      const lock = new SharedWriteLock(buffer);
      const entry = threadFile(`await lock.acquire(holder); parentPort.postMessage('holding'); setInterval(() => {}, 1000);`);
      const thread = new Thread(entry, { workerData: { lock: buffer, holder: 3, state: state() } });
      await new Promise((resolve) => thread.once('message', resolve));
      expect(lock.holder()).toBe(3);
      const waiting = lock.acquire(1);
      await kill(thread);
      lock.abandon(3);
      lock.abandon(3);
      expect(await within(2_000, waiting)).toBe('done');
      expect(lock.holder()).toBe(1);
      const next = lock.acquire(4);
      expect(await within(50, next)).toBe('timed out'); // still one holder at a time
      lock.release();
      expect(await within(2_000, next)).toBe('done');
      lock.release();
      lock.abandon(4); // released cleanly: nothing to give up
      expect(await within(2_000, lock.acquire(1))).toBe('done');
    });

    it('stays exclusive and never stalls while threads are killed at random moments', async () => {
      const buffer = SharedWriteLock.createBuffer();
      const lock = new SharedWriteLock(buffer);
      // state: [0] who is inside (0 nobody), [1] times someone entered while another was inside, [2] turns
      const shared = state();
      const slots = new Int32Array(shared);
      const entry = threadFile(`
        for (;;) {
          await lock.acquire(holder);
          if (Atomics.compareExchange(state, 0, 0, holder) !== 0) Atomics.add(state, 1, 1);
          const until = performance.now() + Math.random() * 0.3;
          while (performance.now() < until);
          Atomics.add(state, 2, 1);
          Atomics.store(state, 0, 0);
          lock.release();
          if (Math.random() < 0.5) await new Promise((resolve) => setImmediate(resolve));
        }`);
      const start = (holder: number) => new Thread(entry, { workerData: { lock: buffer, holder, state: shared } });
      const holders = [3, 4, 5, 6];
      const threads = new Map(holders.map((holder) => [holder, start(holder)]));
      // What a host does when its thread exits: a thread killed inside leaves, then its lock or turn is given up.
      const bury = async (holder: number) => {
        await kill(threads.get(holder)!);
        Atomics.compareExchange(slots, 0, holder, 0);
        lock.abandon(holder);
      };
      let kills = 0;
      const until = Date.now() + 2_000;
      const deadline = Date.now() + 10_000; // a slow machine gets longer to reach the kills
      while ((Date.now() < until || kills < 60) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 15));
        const holder = holders[Math.floor(Math.random() * holders.length)]!;
        await bury(holder);
        threads.set(holder, start(holder));
        kills++;
      }
      const turnsBefore = Atomics.load(slots, 2);
      const patience = Date.now() + 5_000;
      while (Atomics.load(slots, 2) === turnsBefore && Date.now() < patience) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(Atomics.load(slots, 2)).toBeGreaterThan(turnsBefore); // still served after the last kill
      for (const holder of holders) await bury(holder);
      expect(await within(2_000, lock.acquire(1))).toBe('done');
      expect(Atomics.load(slots, 1)).toBe(0);
      expect(kills).toBeGreaterThanOrEqual(60);
      expect(turnsBefore).toBeGreaterThan(100);
    }, 30_000);
  });

  it('refuses a holder id outside 1 to MAX_HOLDER', async () => {
    const lock = new SharedWriteLock(SharedWriteLock.createBuffer());
    await expect(lock.acquire(0)).rejects.toThrow(/holder must be 1 to 7, got 0/);
    await expect(lock.acquire(8)).rejects.toThrow(/got 8/);
  });
});
