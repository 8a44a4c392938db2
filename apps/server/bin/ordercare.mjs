#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm ci` through the root `prepare` script, or `npm run
// build`); without a build, runs the TypeScript sources through tsx, contracts included.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const contractsBuilt = fileURLToPath(new URL('../../../packages/contracts/dist/index.js', import.meta.url));
let cli;
if (existsSync(built) && existsSync(contractsBuilt)) {
  cli = await import(pathToFileURL(built).href);
} else {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(fileURLToPath(new URL('../src/cli.ts', import.meta.url)), {
    parentURL: import.meta.url,
    tsconfig: fileURLToPath(new URL('./tsconfig.source.json', import.meta.url)),
  });
}
await cli.run(process.argv.slice(2));
