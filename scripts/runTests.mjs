#!/usr/bin/env node
// Node 20's test runner does not expand globs: find every *.test.ts under the given folders
// (sorted, so the order is the same on every machine) and hand them to `node --test`.
//   node scripts/runTests.mjs [--suffix=.stress.ts] [--concurrency=N] <folder...>
// `--suffix` picks another set of files (the stress tests end in .stress.ts, so `npm test`,
// which looks for .test.ts, never runs them); `--concurrency` is how many files run at once.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const suffix = option('suffix', '.test.ts');
const concurrency = option('concurrency', '2');
const dirs = args.filter((a) => !a.startsWith('--'));
const files = dirs
  .flatMap((dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f))))
  .filter((f) => f.endsWith(suffix))
  .sort();
if (files.length === 0) {
  console.error(`no *${suffix} files under ${dirs.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
