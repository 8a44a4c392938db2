// Starts a throwaway PostgreSQL cluster for tests and benchmarks: initdb + pg_ctl on a free
// loopback port, as an unprivileged user (initdb refuses to run as root), removed on stop.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function findPgBin() {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install -y postgresql)');
  return path.join(root, versions[0], 'bin');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function runAsUser() {
  if (process.getuid?.() !== 0) return undefined;
  const user = 'postgres';
  if (spawnSync('id', ['-u', user]).status !== 0) execFileSync('useradd', ['--system', '--no-create-home', user]);
  return user;
}

function exec(user, bin, args) {
  const cmd = user ? 'runuser' : bin;
  const full = user ? ['-u', user, '--', bin, ...args] : args;
  return execFileSync(cmd, full, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/**
 * Returns { url, socketUrl, stop }: url points at the `postgres` database as superuser `postgres`
 * over TCP on 127.0.0.1, socketUrl at the same over the cluster's Unix-domain socket.
 */
export async function startCluster({ fsync = false, settings = [] } = {}) {
  const bin = findPgBin();
  const user = runAsUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ordercare-pg-'));
  fs.chmodSync(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  const sockDir = path.join(dir, 'sock');
  fs.mkdirSync(sockDir);
  if (user) execFileSync('chown', ['-R', user, dir]);
  exec(user, path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const opts = [`-p ${port}`, `-k ${sockDir}`, `-c listen_addresses=127.0.0.1`, `-c max_connections=300`, `-c fsync=${fsync ? 'on' : 'off'}`, `-c shared_buffers=256MB`, ...settings.map((setting) => `-c ${setting}`)];
  exec(user, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', opts.join(' '), '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const socketUrl = `postgres://postgres@${encodeURIComponent(sockDir)}:${port}/postgres`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      exec(user, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already gone
    }
    // PG_CLUSTER_KEEP_LOG=<file>: keep the server's log (lock waits, slow statements) for diagnosis.
    if (process.env.PG_CLUSTER_KEEP_LOG) fs.copyFileSync(path.join(dir, 'server.log'), process.env.PG_CLUSTER_KEEP_LOG);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { url, socketUrl, port, dir, stop };
}
