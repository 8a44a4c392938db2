/**
 * Loaded into the server under test with `node --import` by `bench/order-placement.ts --tail`:
 * what the server's process was doing while a step ran, to tell where tail latency comes from.
 * - event-loop delay (perf_hooks.monitorEventLoopDelay, 1 ms resolution): a long synchronous
 *   stretch (a worker batch, a big JSON, a checkpoint on the loop) delays every request behind it;
 * - the WAL fsyncs the SQLite driver runs on libuv's thread pool (fs.fdatasync, timed from the call to
 *   its callback, so a busy event loop lengthens them: compare them with the loop's delay);
 * - garbage-collection pauses (PerformanceObserver 'gc');
 * - each request's time inside the server, from node:http's 'request' event (its headers parsed)
 *   to its response's 'finish' (handed to the kernel): set beside the load generator's latency, it
 *   tells time spent in the server from time spent before the server saw the request.
 * On SIGUSR2 it writes what it saw since the last signal as JSON to TAIL_PROBE_FILE and starts over.
 */
import fs from 'node:fs';
import http from 'node:http';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.TAIL_PROBE_FILE;
let loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
let fsyncs = [];
let gcs = [];
let requests = [];

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
  if (event === 'request') {
    const t0 = performance.now();
    res.once('finish', () => requests.push(performance.now() - t0));
  }
  return emit.apply(this, arguments);
};

// The driver syncs the WAL with fs.fdatasync; fs.fsync too, for a build from before that.
for (const name of ['fsync', 'fdatasync']) {
  const sync = fs[name];
  fs[name] = (fd, done) => {
    const t0 = performance.now();
    sync(fd, (error) => {
      fsyncs.push(performance.now() - t0);
      done(error);
    });
  };
}

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcs.push(entry.duration);
}).observe({ entryTypes: ['gc'] });

const quantile = (values, q) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

process.on('SIGUSR2', () => {
  const ns = (v) => v / 1e6;
  const report = {
    loop: { p50: ns(loop.percentile(50)), p99: ns(loop.percentile(99)), p999: ns(loop.percentile(99.9)), max: ns(loop.max) },
    fsync: { count: fsyncs.length, p50: quantile(fsyncs, 0.5), p99: quantile(fsyncs, 0.99), max: Math.max(0, ...fsyncs), totalMs: fsyncs.reduce((a, b) => a + b, 0), over10ms: fsyncs.filter((v) => v > 10).length },
    requests: { count: requests.length, p50: quantile(requests, 0.5), p99: quantile(requests, 0.99), max: Math.max(0, ...requests) },
    gc: { count: gcs.length, totalMs: gcs.reduce((a, b) => a + b, 0), max: Math.max(0, ...gcs), over5ms: gcs.filter((v) => v > 5).length },
  };
  loop.disable();
  loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  fsyncs = [];
  gcs = [];
  requests = [];
  if (file) {
    // Written whole, then renamed: the bench polls for the file and must never read half of it.
    fs.writeFileSync(`${file}.partial`, JSON.stringify(report));
    fs.renameSync(`${file}.partial`, file);
  }
});
