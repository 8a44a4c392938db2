/**
 * The floor server of bench/http-floor.ts: node:http on loopback, no framework and no database.
 * Each POST has its JSON body parsed, then `LOOP_MS` of work on the event loop (small objects
 * allocated, as request handling does), then `PAGES` WAL-like frames (24-byte header + 4 KiB page)
 * written to a file with pwrite, then an answer once an fdatasync that started after those writes
 * has returned: one fdatasync at a time on libuv's pool, the writes meanwhile sharing the next
 * one, as the app's WAL sync does (apps/server/src/platform/db/wal-sync.ts).
 * Prints its port on stdout.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const loopMs = Number(process.env.LOOP_MS ?? 0);
const pages = Number(process.env.PAGES ?? 48);
const file = path.join(process.env.FLOOR_DIR ?? '.', 'floor.wal');
const fd = fs.openSync(file, 'w');
const frame = Buffer.alloc(24 + 4096, 7);
const WRAP = 64 * 2 ** 20; // rewrite the first 64 MiB over and over, as a checkpointed WAL is
let offset = 0;

let syncing = false;
let waiting = [];
function afterSync(done) {
  waiting.push(done);
  if (!syncing) startSync();
}
function startSync() {
  const batch = waiting;
  waiting = [];
  syncing = true;
  fs.fdatasync(fd, (error) => {
    syncing = false;
    if (error) throw error;
    for (const done of batch) done();
    if (waiting.length) startSync();
  });
}

function work(ms) {
  const until = performance.now() + ms;
  let kept = [];
  while (performance.now() < until) {
    kept.push({ at: performance.now(), tag: 'x' });
    if (kept.length > 500) kept = [];
  }
  return kept.length;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    work(loopMs);
    for (let i = 0; i < pages; i++) {
      fs.writeSync(fd, frame, 0, frame.length, offset);
      offset = (offset + frame.length) % WRAP;
    }
    afterSync(() => {
      const out = JSON.stringify({ id: 'ord_floor', status: 'placed', lines: body.lines ?? [] });
      res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
