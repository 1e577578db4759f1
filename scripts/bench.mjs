#!/usr/bin/env node
// Benchmark harness (issue 6): `npm run bench -- --help`. Plain Node ESM, no build step; it runs
// the built CLI (bin/llm-packer.js → dist/) as a user would, each process under /usr/bin/time -v.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem, arch } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './bench/benchError.mjs';
import { buildScalingCorpora } from './bench/corpus.mjs';
import { createSession } from './bench/createSession.mjs';
import { formatCompare, formatScaling } from './bench/formatReport.mjs';
import { USAGE, parseBenchArgs } from './bench/parseBenchArgs.mjs';
import { runCompare } from './bench/runCompare.mjs';
import { runProfile } from './bench/runProfile.mjs';
import { runScaling } from './bench/runScaling.mjs';
import { assertTimeAvailable } from './bench/runTimed.mjs';
import { snapshotBuild } from './bench/snapshotBuild.mjs';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const log = (line) => process.stderr.write(`bench: ${line}\n`);

function gitDescribe() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

function machineFacts(repomixBin) {
  const cpuList = cpus();
  const repomixPkg = join(repomixBin, '..', '..', 'package.json');
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    repomix: existsSync(repomixPkg) ? JSON.parse(readFileSync(repomixPkg, 'utf8')).version : null,
    llmPacker: gitDescribe(),
  };
}

function locateTools(opts) {
  const packBin = resolve(opts.packBin ?? join(REPO_ROOT, 'bin', 'llm-packer.js'));
  if (!existsSync(packBin)) throw new BenchError(`pack launcher not found: ${packBin}`, { exitCode: 2 });
  if (opts.packBin === undefined && !existsSync(join(REPO_ROOT, 'dist', 'cli', 'run.js'))) {
    throw new BenchError('dist/ is missing: build first with npx tsc -p tsconfig.build.json', { exitCode: 2 });
  }
  const repomixBin = join(REPO_ROOT, 'node_modules', 'repomix', 'bin', 'repomix.cjs');
  if (opts.mode === 'compare' && opts.repomix && !existsSync(repomixBin)) {
    throw new BenchError('repomix is not installed (npm install), or pass --no-repomix', { exitCode: 2 });
  }
  return { packBin, repomixBin };
}

function writeResult(opts, name, result) {
  if (!opts.writeResults) return;
  const dir = resolve(opts.resultsDir ?? join(REPO_ROOT, 'bench', 'results'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${result.startedAt.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
}

async function main(argv) {
  const opts = parseBenchArgs(argv);
  if (opts.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (opts.mode === 'build-corpora') {
    buildScalingCorpora(REPO_ROOT, log);
    return;
  }
  assertTimeAvailable();
  const tools = locateTools(opts);
  const session = createSession();
  try {
    const machine = machineFacts(tools.repomixBin);
    if (opts.packBin === undefined) {
      const frozen = snapshotBuild(session, REPO_ROOT);
      tools.packBin = frozen.packBin;
      machine.llmPacker = { ...machine.llmPacker, distDigest: frozen.distDigest };
    }
    const env = { session, repoRoot: REPO_ROOT, codeRoot: dirname(dirname(tools.packBin)), log, machine, ...tools };
    if (opts.mode === 'profile') {
      process.stdout.write(`${await runProfile(env, opts)}\n`);
    } else if (opts.mode === 'scaling') {
      const result = await runScaling(env, opts);
      process.stdout.write(`${formatScaling(result)}\n`);
      writeResult(opts, 'scaling', result);
    } else {
      const result = await runCompare(env, opts);
      process.stdout.write(`${formatCompare(result)}\n`);
      writeResult(opts, result.corpus.name, result);
    }
  } finally {
    session.dispose();
  }
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof BenchError)) throw err;
  process.stderr.write(`bench: ${err.message}\n`);
  if (err.detail) process.stderr.write(`${err.detail.trimEnd()}\n`);
  if (err.showUsage) process.stderr.write(`${USAGE}\n`);
  process.exitCode = err.exitCode;
}
