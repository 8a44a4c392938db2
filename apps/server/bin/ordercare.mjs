#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm run build`); without a build, runs the TypeScript
// sources through tsx so a fresh clone's `npx ordercare …` works right after `npm ci`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let cli;
if (existsSync(built)) {
  cli = await import(pathToFileURL(built).href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(fileURLToPath(new URL('../src/cli.ts', import.meta.url)), import.meta.url);
}
await cli.run(process.argv.slice(2));
