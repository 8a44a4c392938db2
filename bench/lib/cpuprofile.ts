/**
 * Summarises V8 .cpuprofile files (node --cpu-prof): self time per function and per
 * file/package, from the profile's nodes and samples.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** `node_modules/<pkg>` → the package; our sources → their path in the repo; V8/Node internals as such. */
export function groupOf(url: string, repo: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const file = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return path.relative(repo, file);
}

export interface ProfileSummary {
  totalMs: number;
  functions: { name: string; where: string; group: string; selfMs: number }[];
  groups: { group: string; selfMs: number }[];
  /** Self time in the database driver frames, split by what the stack was doing. */
  database: { operation: string; selfMs: number }[];
}

const DRIVER = /sqlite-driver\.js|node_modules\/(better-sqlite3|pg|pg-protocol|pg-pool)\//;

export function summariseProfiles(dir: string, repo: string): ProfileSummary {
  const self = new Map<string, { name: string; where: string; group: string; selfMs: number }>();
  const groups = new Map<string, number>();
  const database = new Map<string, number>();
  let totalMs = 0;
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'))) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Profile;
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const operationOf = (id: number) => {
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at)!.callFrame.functionName;
        if (name === 'commitTransaction') return 'COMMIT';
        if (name === 'beginTransaction') return 'BEGIN';
        if (name === 'rollbackTransaction') return 'ROLLBACK';
      }
      return 'statements';
    };
    // Each sample's time is the delta to the next sample (microseconds).
    for (let i = 0; i < p.samples.length; i++) {
      const node = byId.get(p.samples[i]!);
      if (!node) continue;
      const us = p.timeDeltas[i + 1] ?? 0;
      const fr = node.callFrame;
      const group = fr.url ? groupOf(fr.url, repo) : fr.functionName.startsWith('(') ? fr.functionName : '(native / V8)';
      const where = fr.url ? `${groupOf(fr.url, repo)}:${fr.lineNumber + 1}` : '';
      const key = `${fr.functionName}|${fr.url}|${fr.lineNumber}|${fr.columnNumber}`;
      const entry = self.get(key) ?? { name: fr.functionName || '(anonymous)', where, group, selfMs: 0 };
      entry.selfMs += us / 1000;
      self.set(key, entry);
      groups.set(group, (groups.get(group) ?? 0) + us / 1000);
      if (DRIVER.test(fr.url)) {
        const op = operationOf(node.id);
        database.set(op, (database.get(op) ?? 0) + us / 1000);
      }
      totalMs += us / 1000;
    }
  }
  return {
    totalMs,
    functions: [...self.values()].sort((a, b) => b.selfMs - a.selfMs),
    groups: [...groups.entries()].map(([group, selfMs]) => ({ group, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
    database: [...database.entries()].map(([operation, selfMs]) => ({ operation, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function profileMarkdown(s: ProfileSummary, top = 20): string {
  const share = (v: number) => `${((v / s.totalMs) * 100).toFixed(1)} %`;
  const out = [
    `Server CPU profile: ${(s.totalMs / 1000).toFixed(1)} s of samples (wall time of the main thread; "(idle)" is waiting for I/O).`,
    '',
    '| by file / package | self ms | share |',
    '|---|---:|---:|',
    ...s.groups.slice(0, top).map((g) => `| ${g.group} | ${g.selfMs.toFixed(0)} | ${share(g.selfMs)} |`),
    '',
    '| database driver time (synchronous on SQLite: the engine runs on the event loop) | self ms | share |',
    '|---|---:|---:|',
    ...s.database.map((d) => `| ${d.operation} | ${d.selfMs.toFixed(0)} | ${share(d.selfMs)} |`),
    '',
    '| function | where | self ms | share |',
    '|---|---|---:|---:|',
    ...s.functions.slice(0, top).map((f) => `| ${f.name.replace(/\|/g, '\\|')} | ${f.where} | ${f.selfMs.toFixed(0)} | ${share(f.selfMs)} |`),
  ];
  return out.join('\n');
}
