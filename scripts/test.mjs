#!/usr/bin/env node
// `npm test`: installs what the suites need on this machine (Chromium, PostgreSQL server binaries)
// when missing, type-checks, lints, builds the web app, and runs every vitest project:
// unit, sqlite, postgres (its own throwaway cluster) and browser. Extra args go to vitest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args, opts = {}) => {
  process.stdout.write(`\n> ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const isRoot = process.getuid?.() === 0;
let aptUpdated = false;
function aptInstall(packages, why) {
  if (!isRoot) {
    console.error(`Missing ${why}. Install it: sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const hasPg = fs.existsSync('/usr/lib/postgresql') && fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (!hasPg) aptInstall(['postgresql'], 'PostgreSQL server binaries');
if (!fs.existsSync('/usr/bin/chromium')) aptInstall(['chromium', 'fonts-noto-cjk'], 'Chromium for browser tests');
else if (spawnSync('fc-list', [':lang=zh']).stdout?.toString().trim() === '' && isRoot) aptInstall(['fonts-noto-cjk'], 'a Chinese font');

run('npx', ['tsc', '-b', 'packages/contracts', 'apps/server']);
run('npx', ['tsc', '-p', 'apps/server/tsconfig.test.json']);
run('npx', ['tsc', '-p', 'apps/web', '--noEmit']);
run('npx', ['eslint', '.']);
run('npm', ['run', 'build', '-w', 'apps/web', '--silent']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
