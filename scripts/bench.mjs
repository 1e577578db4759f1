#!/usr/bin/env node
// Benchmark harness (issues 6 and 12): `npm run bench -- --help`. Plain Node ESM, no build step; it runs
// the built CLI (bin/llm-packer.js → dist/) as a user would, each process under /usr/bin/time -v.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem, arch } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from './bench/benchError.mjs';
import { buildScalingCorpora } from './bench/corpus.mjs';
import { createSession } from './bench/createSession.mjs';
import { formatCheck, formatCompare, formatScaling, formatSuite } from './bench/formatReport.mjs';
import { USAGE, parseBenchArgs } from './bench/parseBenchArgs.mjs';
import { runCompare } from './bench/runCompare.mjs';
import { runProfile } from './bench/runProfile.mjs';
import { runScaling } from './bench/runScaling.mjs';
import { runSuite } from './bench/runSuite.mjs';
import { REPOMIX_VERSIONS, ensureRepomix } from './bench/peers.mjs';
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

function machineFacts(peers) {
  const cpuList = cpus();
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return {
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    peers: Object.fromEntries(peers.map((p) => [p.name, p.version])),
    python: python.status === 0 ? python.stdout.trim() : null,
    llmPacker: gitDescribe(),
  };
}

function locatePack(opts) {
  const packBin = resolve(opts.packBin ?? join(REPO_ROOT, 'bin', 'llm-packer.js'));
  if (!existsSync(packBin)) throw new BenchError(`pack launcher not found: ${packBin}`, { exitCode: 2 });
  if (opts.packBin === undefined && !existsSync(join(REPO_ROOT, 'dist', 'cli', 'run.js'))) {
    throw new BenchError('dist/ is missing: build first with npm run build', { exitCode: 2 });
  }
  return packBin;
}

function resultsDir(opts) {
  return resolve(opts.resultsDir ?? join(REPO_ROOT, 'bench', 'results'));
}

function writeResult(opts, name, result) {
  if (!opts.writeResults) return;
  const dir = resultsDir(opts);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${result.startedAt.slice(0, 10)}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
}

/** The newest recorded suite result (names carry the date, so the last in order is the newest). */
function lastSuite(opts) {
  const dir = resultsDir(opts);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^suite-.*\.json$/.test(f)).sort() : [];
  if (files.length === 0) throw new BenchError(`no recorded suite result in ${dir}: run npm run bench -- --suite first`, { exitCode: 2 });
  const file = join(dir, files[files.length - 1]);
  return { file, result: JSON.parse(readFileSync(file, 'utf8')) };
}

function suiteOptions(opts, recorded) {
  const ags = opts.ags ?? recorded?.settings.ags ?? undefined;
  if (ags !== undefined && !existsSync(ags)) throw new BenchError(`AGS checkout not found: ${ags} (pass --ags DIR)`, { exitCode: 2 });
  return { ags, runs: opts.runs, scalingRuns: opts.scalingRuns, startupRuns: opts.startupRuns, packArgs: ['--zip', ...opts.packArgs] };
}

async function measure(opts, env) {
  if (opts.mode === 'profile') {
    process.stdout.write(`${await runProfile(env, opts)}\n`);
  } else if (opts.mode === 'scaling') {
    const result = await runScaling(env, opts);
    process.stdout.write(`${formatScaling(result)}\n`);
    writeResult(opts, 'scaling', result);
  } else if (opts.mode === 'suite') {
    const result = await runSuite(env, suiteOptions(opts));
    process.stdout.write(`${formatSuite(result)}\n`);
    writeResult(opts, 'suite', result);
  } else if (opts.mode === 'check') {
    const recorded = lastSuite(opts);
    const fresh = await runSuite(env, suiteOptions(opts, recorded.result));
    process.stdout.write(`${formatCheck(fresh, recorded.result, recorded.file)}\n`);
  } else {
    const result = await runCompare(env, opts);
    process.stdout.write(`${formatCompare(result)}\n`);
    writeResult(opts, result.corpus.name, result);
  }
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
  let packBin = locatePack(opts);
  const withPeers = opts.repomix && ['compare', 'suite', 'check'].includes(opts.mode);
  const peers = withPeers ? REPOMIX_VERSIONS.map((v) => ensureRepomix(REPO_ROOT, v, log)) : [];
  const session = createSession();
  try {
    const machine = machineFacts(peers);
    if (opts.packBin === undefined) {
      const frozen = snapshotBuild(session, REPO_ROOT);
      packBin = frozen.packBin;
      machine.llmPacker = { ...machine.llmPacker, distDigest: frozen.distDigest };
    }
    await measure(opts, { session, repoRoot: REPO_ROOT, codeRoot: dirname(dirname(packBin)), log, machine, packBin, peers });
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
