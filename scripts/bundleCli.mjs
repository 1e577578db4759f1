#!/usr/bin/env node
// Bundle the CLI (npm run build, so npm ci and prepare run it too): dist/cli/run.js and every
// dependency into dist/cli-bundle/llm-packer.js, the entry bin/llm-packer.js loads. The library is a
// dynamic import in the CLI (src/cli/lib.ts), so it becomes its own chunk, loaded only when a
// command runs: `--version` and `--help` read one small file instead of ~200 modules. The
// library itself stays unbundled in dist/ for library users.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cli-bundle`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'llm-packer': `${root}dist/cli/run.js` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require(); an ES module has none, so give each chunk one.
  banner: { js: "import { createRequire as __llmPackerRequire } from 'node:module'; const require = __llmPackerRequire(import.meta.url);" },
});
