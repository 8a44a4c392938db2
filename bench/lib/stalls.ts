/**
 * The event loop's long busy stretches in a V8 .cpuprofile (node --cpu-prof): runs of samples
 * with no "(idle)" between them, longer than --min ms, and what ran in each (the functions of our
 * code and the packages on the stack, by how many of the stretch's samples they were on).
 *
 *   npx tsx bench/lib/stalls.ts <profile.cpuprofile|dir> [--min 10] [--from 0.8] [--top 8]
 *   --from: only stretches after this fraction of the profile (0.8: its last fifth)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { min: { type: 'string', default: '10' }, from: { type: 'string', default: '0' }, top: { type: 'string', default: '8' } },
});
const target = positionals[0];
if (!target) throw new Error('usage: stalls.ts <profile.cpuprofile|dir> [--min 10] [--from 0.8]');
const files = fs.statSync(target).isDirectory() ? fs.readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(target, f)) : [target];

const label = (n: Node) => {
  const url = n.callFrame.url;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return `[${url.slice(nm + 13).split('/')[0]}]`;
  if (url.includes('/apps/server/')) return `${n.callFrame.functionName || '(anonymous)'} ${url.slice(url.indexOf('/apps/server/') + 13)}:${n.callFrame.lineNumber + 1}`;
  return n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '';
};

for (const file of files) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackLabels = new Map<number, Set<string>>();
  const labelsOf = (id: number) => {
    let s = stackLabels.get(id);
    if (!s) {
      s = new Set();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const l = label(byId.get(at)!);
        if (l) s.add(l);
      }
      stackLabels.set(id, s);
    }
    return s;
  };
  const from = p.startTime + Number(args.from) * (p.endTime - p.startTime);
  const stretches: { at: number; ms: number; samples: number[] }[] = [];
  let t = p.startTime;
  let current: { at: number; ms: number; samples: number[] } | undefined;
  let busyMs = 0;
  let spanMs = 0;
  const selfMs = new Map<string, number>();
  const perSecond: number[] = [];
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]!;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const idle = byId.get(p.samples[i]!)!.callFrame.functionName === '(idle)';
    const second = Math.floor((t - p.startTime) / 1e6);
    perSecond[second] = (perSecond[second] ?? 0) + (idle ? 0 : dt);
    if (t >= from) {
      spanMs += dt;
      if (!idle) busyMs += dt;
      const n = byId.get(p.samples[i]!)!;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${label(n) || n.callFrame.url.split('/').slice(-2).join('/')}`;
      selfMs.set(key, (selfMs.get(key) ?? 0) + dt);
    }
    if (idle) {
      if (current && current.ms >= Number(args.min) && current.at >= from) stretches.push(current);
      current = undefined;
    } else {
      current ??= { at: t, ms: 0, samples: [] };
      current.ms += dt;
      current.samples.push(p.samples[i]!);
    }
  }
  console.log(`${path.basename(file)}: busy ${((100 * busyMs) / spanMs).toFixed(0)} % of ${(spanMs / 1000).toFixed(1)} s; ${stretches.length} stretches of ${args.min} ms or more`);
  console.log(`  busy per second: ${[...perSecond].map((v) => ((v ?? 0) / 10).toFixed(0)).join(' ')}`);
  const lengths = stretches.map((s) => s.ms).sort((a, b) => b - a);
  console.log(`  longest: ${lengths.slice(0, 15).map((v) => v.toFixed(1)).join(', ')} ms`);
  // What the long stretches spent their samples on, all of them together.
  const total = new Map<string, number>();
  let samples = 0;
  for (const s of stretches) {
    samples += s.samples.length;
    for (const id of s.samples) for (const l of labelsOf(id)) total.set(l, (total.get(l) ?? 0) + 1);
  }
  for (const [l, n] of [...total].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) console.log(`  ${((100 * n) / samples).toFixed(0).padStart(3)} %  ${l}`);
  console.log(`  self time after --from, of ${(busyMs / 1000).toFixed(2)} s busy:`);
  for (const [l, v] of [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) console.log(`  ${((100 * v) / busyMs).toFixed(1).padStart(5)} %  ${l}`);
}
